// Package ring is consistent hashing (claim C13, the seed's Def 5.2): nodes
// and keys are hashed onto one circle of 2^64 positions, and a key belongs
// to the first node at or after its position, clockwise (its successor, as
// in Chord). Each physical node may stand at v positions (virtual nodes),
// which evens out the arcs the nodes own.
//
// The hash is stable: the first eight bytes of SHA-256 of the name, read
// big-endian. It has no per-process seed (unlike Go's maps or Python's
// hash(), which is why the seed's Python places keys differently on every
// run), so a key's owner is the same in every process and on every machine.
// Virtual node i of node "a" stands at Hash("a#i").
//
// The measurement functions reproduce the claim's two figures: balance
// (LoadTable: keys per node, with and without virtual nodes) and
// monotonicity (MovementTable: the keys that move when a node joins or
// leaves, against 1/n, and a check that no key moves between two nodes
// that both stay). Measurements are deterministic for a given seed.
package ring
