// Package ringstore is the seed's DistributedStorage (应用场景 3.1, claim
// C16) made to keep its promise: a key-value store on a consistent-hash
// ring (impl/ring) whose nodes are deterministic state machines. Inputs
// are client writes, messages and repair steps; outputs (messages to send,
// writes acknowledged to the client) are returned as data.
//
// Placement (Design):
//
//   - SuccessorList (the fix): a file is stored on the first r distinct
//     nodes clockwise from its position — its successor and the next r-1
//     successors, as in Chord's successor-list replication (Stoica et al.
//     2001, §6.3 and its storage layer DHash). The r copies are on r
//     different nodes by construction, so fewer than r failures cannot
//     destroy them all.
//   - ReplicaKeys (the seed's design): the file is stored under its own key
//     and under keys "file_replica_1" .. "file_replica_{r-1}", each hashed
//     independently and stored once, on its successor. Nothing keeps two of
//     those keys off the same node, so with few nodes one failure can
//     destroy every copy of a file that was acknowledged.
//
// Writes. The coordinator (the node a client's write reaches) stores its
// own copies and sends Store to the other holders; it acknowledges the
// write once every holder has acknowledged (write quorum W = r). W = r is
// chosen because the claim is about durability: an acknowledged write is
// then on r distinct nodes, so it survives any r-1 failures. A smaller W
// would acknowledge sooner and keep writing while a holder is down, but an
// acknowledged write would only be on W nodes, and the bound would become
// W-1 failures until repair copies it to the rest.
//
// Membership and repair. Which nodes are in the ring is an input: Repair
// gives a node the current membership (what its failure detector and ring
// maintenance — Chord's stabilization, claim C15 — converge to) and the
// result of a digest exchange with its peers (which copies they lack), and
// the node re-sends the Store messages of its unfinished writes and pushes
// every copy it holds to the holders that lack it. That one step both
// restores r copies after a failure and hands a joining node the keys it
// now owns. A node never deletes a copy it no longer has to hold (garbage
// collection after a confirmed hand-off is left out: it saves space, and
// done early it loses data).
package ringstore
