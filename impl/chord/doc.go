// Package chord is a Chord node (Stoica et al., SIGCOMM 2001; ToN 2003) as
// a deterministic state machine: m-bit identifiers (1 <= m <= 64), a
// successor list of length R, a predecessor, a finger table, and iterative
// lookups. It has no goroutines, clocks or randomness: an operation reads
// the node's state and what the environment answers, changes the node, and
// returns what the node sends (notices) as data.
//
// Two ring-maintenance protocols are selectable (claim C15):
//
//   - Original: the papers' protocol as Zave reconstructs it in "Using
//     lightweight modeling to understand Chord" (CCR 2012): Join takes the
//     first successor of the node a lookup ends at; Stabilize asks the
//     first successor for its predecessor and adopts it when it lies in
//     between; Notified adopts a closer predecessor; Update drops a dead
//     first successor; Reconcile copies the successor's list; Flush
//     (check_predecessor) forgets a dead predecessor. Neither adoption
//     checks that the adopted node is live (Zave added those checks to
//     her model to find further bugs; this is the protocol as published).
//   - Corrected: Zave's protocol from "Reasoning about identifier spaces:
//     how to make Chord correct" (IEEE TSE 2017): a joining node copies
//     its predecessor's list and takes it as predecessor; stabilization
//     has two steps (query the successor, then query a better successor
//     before adopting it); a notified node also replaces a dead
//     predecessor (Rectify). It is correct when the network starts as an
//     ideal ring of at least R+1 nodes that never fail (the stable base).
//
// Assumptions, as in Zave's models. Failure detection is perfect: Env.Alive
// says exactly which nodes are dead, and a query of a dead node fails at
// once. Nodes fail only under the operating assumption of the Chord papers
// (no member is left without a live successor-list entry); the
// environment, not the node, enforces it. Every query is a synchronous
// RPC: a maintenance step reads the contacted node's state atomically.
// A notice (notify/rectify) is the one asynchronous message: the
// environment delivers it and the receiver acts on it in a later step.
//
// Lookups (claim C14): NextHop answers one step of an iterative lookup
// from the fingers and successor list (closest preceding node), and Lookup
// runs one to the end, counting hops. HopTable measures them on stable
// rings of random identifiers, where the mean is close to ½·log2 n.
//
// Package chordmodel explores the maintenance protocols exhaustively.
package chord
