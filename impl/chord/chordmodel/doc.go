// Package chordmodel checks impl/chord's ring maintenance exhaustively
// (claim C15): a few node slots in a small identifier space, bounded joins
// and failures, and every interleaving of the maintenance steps, each step
// a call of the real chord.Node code.
//
// The environment is the one of Zave's Alloy models and of
// spec/chord/Chord.tla: slot i (named n(i+1)) has identifier i·2^m/N, so
// identifier order is slot order; the first Base slots start as an ideal
// ring; a query is answered atomically from the contacted node's state; a
// failure is allowed only if no other member is left without a live
// successor-list entry (and, in the corrected protocol, never for the
// stable base). The one message is the notification: a node's
// stabilization round ends when the successor it notified has acted on
// the notice (Notify / Rectify), so each node has at most one in flight;
// a notice outlives its sender and is lost if its receiver fails.
//
// Actions are named after the spec's: Join nJ via nM, Fail nI, and per
// member Stabilize, Notify nT from nP, Update, Reconcile, Flush (original)
// or StabilizeFromSuccessor, StabilizeFromPredecessor, Rectify nT from nP
// (corrected). Properties, on best successors (the first live list
// entry): AtLeastOneRing, AtMostOneRing, OrderedRing, ConnectedAppendages;
// with Config.Live also JoinerOnRing and RepairedAfterFailure (Sometimes:
// the model is not vacuous) and EventuallyIdeal (once joins and failures
// stop, every member's list and predecessor are right), under weak
// fairness of each maintenance action and of joins-and-failures as one.
// Fingers are left out: they only speed lookups and never change the ring.
//
// Conformance (Config.Conformance, abstract.go): Abstract maps a state to
// spec/chord's State (slot i is node i+1), and checker.Refines checks that
// every step is a step of the spec's Next or a stutter. The abstraction
// is one-to-one on reachable states, so the model has exactly the spec's
// distinct-state count on the same constants (pinned in the tests).
package chordmodel
