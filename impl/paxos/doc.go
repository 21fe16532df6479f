// Package paxos is single-decree Paxos (Lamport, "Paxos Made Simple",
// 2001) as deterministic state machines: proposers, acceptors and learners
// that take messages and timer expirations and return the messages to send
// and the state to persist, with no clock, randomness or goroutine inside.
//
// Handlers are named after the actions of spec/paxos/Paxos.tla (Phase1a,
// Phase1b, Phase2a, Phase2b). Acceptors' promises and accepted proposals,
// and each proposer's highest ballot, are durable: they must reach stable
// storage before the step's messages are sent, and they are all a node
// keeps across a crash.
//
// Ballots are partitioned among proposers (proposer k of P uses k, k+P,
// k+2P, ...), so no two proposers ever use one ballot. Bugs holds seeded
// mistakes for testing checkers.
package paxos
