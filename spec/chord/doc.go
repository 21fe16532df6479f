// Package chord is Chord.tla transliterated into Go (claim C15: Chord's ring
// stays correct as nodes join and fail). It models Chord's ring maintenance
// after Pamela Zave: the original protocol (Join, Stabilize, Notify, Flush,
// Update, Reconcile), which loses the ring, splits it in two or leaves
// members cut off (Zave, CCR 2012), and her corrected protocol (Join,
// StabilizeFromSuccessor, StabilizeFromPredecessor, Rectify over a stable
// base of R+1 members; Zave, IEEE TSE 2017), which keeps one ordered ring and
// converges to the ideal ring once joins and failures stop.
//
// State is a comparable fixed-size value, so an implementation's
// abstraction function can build one and Config.Next can be asked whether a
// step of the implementation is a step of the spec. Every model in Models has
// the same distinct-state count, generated-state count and depth as TLC
// reports for the .cfg of that name (chord_test.go, spec/manifest.json).
package chord
