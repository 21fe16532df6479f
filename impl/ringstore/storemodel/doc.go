// Package storemodel checks impl/ringstore (claim C16) with the explorer.
// It is a direct model rather than an actor-layer one because its
// environment needs what the actor layer does not offer: membership as
// ground truth that repair hands to nodes, failures that destroy a node's
// disk (a failed node may later join again, empty), and a failure budget
// that refills when repair completes rather than only a total bound.
//
// A state holds the nodes n1..nN (at the top 8 bits of their SHA-256, so
// the ring order is the real hash's), the members of the ring, the
// messages in flight (a set: unordered, and a message to a node is lost
// when it fails), the files written and acknowledged (history), and the
// failures since the ring was last fully repaired. Actions, in this order:
//
//	Deliver nA->nB Store{k} | Ack{k} | Push{k}   a message reaches a member
//	Put f at nA     a client writes file f (once); nA is its owner, the lookup's answer
//	Repair nA       nA learns the membership and pushes missing copies (offered only when it changes something)
//	Crash nA        a member fails and loses its store, while fewer than MaxFails failures happened since the last full repair
//	Join nA         a node outside the ring joins with an empty store
//
// After every action, if the ring is fully repaired — at least r members,
// no write in progress, and every copy any member keeps is on all of its
// holders — the failure count restarts at zero. The environment's promise
// is "at most MaxFails failures while the ring is not fully repaired", and
// the claim is that MaxFails = r-1 never loses an acknowledged write
// (NoAckedWriteLost: some member keeps a copy of every acknowledged file).
// By default every member learns of a failure or join at once; with
// StaleViews a node places copies by the membership it saw at its last
// repair, which is what the AckShort bug needs to show.
package storemodel
