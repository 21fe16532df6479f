package chord

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewSpaceRejectsBadWidths(t *testing.T) {
	for _, bits := range []uint{0, 65} {
		_, err := NewSpace(bits)
		assert.ErrorContains(t, err, "out of range 1..64", "bits=%d", bits)
	}
	s, err := NewSpace(64)
	require.NoError(t, err)
	assert.Equal(t, ID(^uint64(0)), s.Max())
	assert.Equal(t, ID(0), s.Add(s.Max(), 1), "2^64-1 is followed by 0")
}

func TestIntervals(t *testing.T) {
	cases := []struct {
		a, x, b     ID
		open, right bool // x ∈ (a, b), x ∈ (a, b]
	}{
		{1, 2, 5, true, true},
		{1, 5, 5, false, true},
		{1, 1, 5, false, false},
		{1, 6, 5, false, false},
		{6, 7, 2, true, true}, // wraps past 0
		{6, 0, 2, true, true},
		{6, 2, 2, false, true},
		{6, 3, 2, false, false},
		{4, 4, 4, false, true}, // a == b: the whole ring but a; (a, a] is everything
		{4, 5, 4, true, true},
		{4, 3, 4, true, true},
	}
	for _, c := range cases {
		assert.Equal(t, c.open, Between(c.a, c.x, c.b), "%d ∈ (%d, %d)", c.x, c.a, c.b)
		assert.Equal(t, c.right, InInterval(c.a, c.x, c.b), "%d ∈ (%d, %d]", c.x, c.a, c.b)
	}
}

// TestBetweenIsDistance checks Between against its definition by distance
// for every triple of a 4-bit space: x ∈ (a, b) iff 0 < d(a,x) < d(a,b),
// where d(a,a) counts as the whole ring.
func TestBetweenIsDistance(t *testing.T) {
	s, err := NewSpace(4)
	require.NoError(t, err)
	size := uint64(s.Max()) + 1
	for a := range ID(size) {
		for b := range ID(size) {
			for x := range ID(size) {
				db := s.Dist(a, b)
				if db == 0 {
					db = size
				}
				dx := s.Dist(a, x)
				require.Equal(t, dx > 0 && dx < db, Between(a, x, b), "a=%d x=%d b=%d", a, x, b)
			}
		}
	}
}

func TestFingerStartWraps(t *testing.T) {
	s, err := NewSpace(3)
	require.NoError(t, err)
	assert.Equal(t, ID(7), s.FingerStart(6, 0))
	assert.Equal(t, ID(0), s.FingerStart(6, 1))
	assert.Equal(t, ID(2), s.FingerStart(6, 2))
	assert.False(t, s.Contains(8))
	assert.Equal(t, uint64(3), s.Dist(6, 1))
}
