package chord

import "fmt"

// ID is a point of the identifier ring: a node's identifier or a key.
type ID uint64

// Space is the identifier space of m-bit identifiers, 0 .. 2^m - 1, where
// 2^m - 1 is followed by 0.
type Space struct {
	bits uint
	mask uint64
}

// NewSpace returns the space of bits-bit identifiers, 1 <= bits <= 64.
func NewSpace(bits uint) (Space, error) {
	if bits < 1 || bits > 64 {
		return Space{}, fmt.Errorf("chord: identifier bits %d out of range 1..64", bits)
	}
	mask := ^uint64(0)
	if bits < 64 {
		mask = 1<<bits - 1
	}
	return Space{bits: bits, mask: mask}, nil
}

// Bits is m.
func (s Space) Bits() uint { return s.bits }

// Max is the largest identifier, 2^m - 1.
func (s Space) Max() ID { return ID(s.mask) }

// Contains reports whether id is an identifier of the space.
func (s Space) Contains(id ID) bool { return uint64(id)&^s.mask == 0 }

// Add is a + d modulo 2^m.
func (s Space) Add(a ID, d uint64) ID { return ID((uint64(a) + d) & s.mask) }

// Dist is the clockwise distance from a to b, (b - a) modulo 2^m.
func (s Space) Dist(a, b ID) uint64 { return (uint64(b) - uint64(a)) & s.mask }

// FingerStart is the start of n's i-th finger interval, n + 2^i modulo 2^m
// (0 <= i < m): the i-th finger is the first node at or after it.
func (s Space) FingerStart(n ID, i int) ID { return s.Add(n, 1<<uint(i)) }

// Between reports whether x lies strictly inside the arc that goes
// clockwise from a to b: x ∈ (a, b). For a == b the arc is the whole ring
// except a, the convention that lets a single node be its own successor.
// The test needs no modulus: identifiers are reduced already, and which
// side of the wrap a, b and x lie on decides.
func Between(a, x, b ID) bool {
	switch {
	case a < b:
		return a < x && x < b
	case a > b:
		return a < x || x < b
	}
	return x != a
}

// InInterval reports whether x ∈ (a, b], the arc a node a is responsible
// for routing to its successor b. For a == b it is the whole ring.
func InInterval(a, x, b ID) bool { return x == b || Between(a, x, b) }
