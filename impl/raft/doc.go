// Package raft is a Raft library (Ongaro and Ousterhout, 2014) written as a
// deterministic state machine in the style of etcd's raft RawNode.
//
// A Node never reads a clock, draws a random number or starts a goroutine.
// Its inputs are messages (Step), timer expirations (Timeout) and client
// proposals (Propose); its outputs come back as a Ready value: messages to
// send, the durable state to write before sending them, and entries newly
// committed, to apply to the state machine in order. Time is the caller's:
// a Clock turns ticks into timer expirations with randomized election
// timeouts drawn from a source the caller injects, and a model checker can
// instead fire any armed timer at any moment, which covers every choice of
// timeout at once.
//
// Handlers are named after the actions of spec/raft/Raft.tla that they
// implement, so the code and the spec can be read side by side; the
// implementation is checked step by step against the spec's Go twin by
// the adapter in impl/raft/raftmodel.
//
// Bugs holds seeded mistakes from the literature, off by default, that
// exist so the checker can prove it catches them.
package raft
