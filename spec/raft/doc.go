// Package raft is Raft.tla transliterated into Go: the same constants,
// variables, Init, Next and invariants, as a checker model whose reachable
// distinct-state count equals TLC's on the same constants. It is the
// reference the implementation in impl/raft is checked against step by step.
//
// Each exported action has the name of its TLA+ counterpart. State uses
// fixed-size arrays so that it is comparable and copied by value: an action
// returns a new State and never modifies its argument, and the message set
// is shared between states and copied only when a message is added.
package raft
