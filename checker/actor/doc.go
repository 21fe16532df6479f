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
//
// Env.Validate (called by Model) rejects bounds that are negative,
// contradict each other or mean nothing, naming the field. Env.MaxInputs
// bounds client inputs over the whole run. Nodes that cannot be deep-copied
// leave Protocol.Clone nil and are rebuilt from their start and events.
// The models Model builds pack their states for the checker's frontier
// (checker.Model.Pack) by reference to tables of the distinct nodes and
// messages met, when Protocol.Clone is set; nodes kept as event lineages
// are not packed. Messages must be plain values and Key injective (see Protocol);
// docs/own-protocol.md walks through checking a protocol of your own.
package actor
