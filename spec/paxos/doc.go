// Package paxos is Paxos.tla transliterated into Go: the same constants,
// variables, Init, Next, invariants and fairness, as a checker model whose
// reachable distinct-state count, generated-state count and depth equal
// TLC's on the same constants (spec_test.go pins them against
// spec/manifest.json). It is the reference impl/paxos is checked against.
//
// Each action has the name of its TLA+ counterpart (Phase1a, Timeout,
// GiveUp, Phase1b, Phase2a, Phase2b) and yields one successor for each
// successor TLC generates for it, including the ones equal to the current
// state, so that the generated counts agree too. State uses fixed-size
// arrays so that it is comparable and copied by value: an action returns a
// new State and never modifies its argument, and the message set is shared
// between states and copied only when a message is added.
package paxos
