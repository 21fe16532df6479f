// Package actor builds a checker model from deterministic protocol nodes
// and an explicit environment that the checker controls.
//
// Every source of nondeterminism in a distributed system is an action here,
// named in counterexamples and bounded by Env: delivering any in-flight
// message (in any order, or in order per pair of nodes), dropping or
// duplicating one, partitioning the nodes in two and healing, crashing a
// node (it keeps only its durable state) and restarting it, firing any
// armed timer, and a client input at a node. Nodes see no clock and no
// randomness: a timer fires when the checker says so, which covers every
// timeout value at once.
//
// With Env.Persistent the network keeps every message ever sent and a
// delivery does not consume it, as in TLA+ specs that model the network as
// the set of sent messages: loss, duplication and reordering are then all
// implicit, and the state space is smallest.
package actor
