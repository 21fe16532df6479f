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
// With Protocol.ShareNodes, the models Model builds pack their states for
// the checker's frontier (checker.Model.Pack) by reference to tables of
// the distinct nodes and messages met; nodes kept as event lineages are
// never packed. Messages must be plain values and Key injective (see Protocol);
// docs/own-protocol.md walks through checking a protocol of your own.
//
// Symmetry. A protocol whose nodes are interchangeable sets
// Protocol.PermuteNode (and PermuteMsg when messages name nodes): the
// model then declares a checker.Model.Symmetry, and -symmetry
// (checker.Options.Symmetry) explores one state per orbit. The image of a
// state under a permutation p renames every node i to p[i]: node i's
// renamed state and its Down flag move to position p[i], messages change
// sender, receiver and payload and the network is sorted anew, the sent
// set likewise, and a partition is renormalized with n1 on side A as Next
// builds it; the fault counters are global and stay. Nodes are permuted
// only within their Protocol.Class and among nodes that Env.Crashable
// treats alike, so the environment offers every image the same actions.
// Nodes without Clone (rebuilt from their events, as etcd raft's) cannot
// be permuted: Model refuses PermuteNode without Clone. Permuter gives
// the group and the images to tests; proptest.Symmetric checks on random
// walks that a declared symmetry is one (images of successors are the
// successors of images, properties judge images alike). The model also
// declares Representatives: only the images least by their nodes (Down
// flags and node encodings, position by position) have their network
// renamed and are fingerprinted.
package actor
