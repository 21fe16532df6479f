package ring

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestHashIsSHA256Prefix pins the hash to its definition, so positions
// never change between releases or processes: SHA-256("") begins e3b0c442 98fc1c14.
func TestHashIsSHA256Prefix(t *testing.T) {
	require.Equal(t, uint64(0xe3b0c44298fc1c14), Hash(""))
	require.Equal(t, Hash("node-a#0"), Hash(VNodeName("node-a", 0)))
}

func TestBadInputIsNamed(t *testing.T) {
	_, err := New(0)
	require.ErrorContains(t, err, "0 virtual nodes")
	r, _ := New(2)
	require.NoError(t, r.Add("a"))
	require.ErrorContains(t, r.Add("a"), `"a" is already on the ring`)
	require.ErrorContains(t, r.Remove("b"), `"b" is not on the ring`)
	require.ErrorContains(t, r.Add(""), "empty node name")
	_, err = LoadTable(1, 0, 10, []int{1})
	require.ErrorContains(t, err, "at least one node")
	_, err = MovementTable(1, 1, 10, 1, []int{1})
	require.ErrorContains(t, err, "at least 2 nodes")
	_, err = LoadTable(1, 3, 10, nil)
	require.ErrorContains(t, err, "no virtual-node counts")
}

func TestEmptyRingHasNoOwner(t *testing.T) {
	r, _ := New(3)
	_, ok := r.Owner("k")
	require.False(t, ok)
	require.Empty(t, r.Successors("k", 3))
}

// drawRing builds a ring of distinct node names drawn by rapid.
func drawRing(t *rapid.T) *Ring {
	r, _ := New(rapid.IntRange(1, 8).Draw(t, "vnodes"))
	for _, n := range rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z]{1,4}`), 1, 12, rapid.ID[string]).Draw(t, "nodes") {
		require.NoError(t, r.Add(n))
	}
	return r
}

// TestPropOwnerIsClockwiseSuccessor checks the lookup against its
// definition by brute force: the owner stands at the smallest position >=
// the key's, or at the smallest position overall when none is.
func TestPropOwnerIsClockwiseSuccessor(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := drawRing(t)
		key := rapid.String().Draw(t, "key")
		h := Hash(key)
		var best, first point
		found := false
		for _, n := range r.nodes {
			for v := range r.vnodes {
				p := point{Hash(VNodeName(n, v)), n}
				if first.node == "" || p.pos < first.pos {
					first = p
				}
				if p.pos >= h && (!found || p.pos < best.pos) {
					best, found = p, true
				}
			}
		}
		if !found {
			best = first
		}
		got, ok := r.Owner(key)
		require.True(t, ok)
		require.Equal(t, best.node, got)
	})
}

// TestPropSuccessorsAreDistinct: the replica list starts at the owner and
// names min(k, n) distinct physical nodes, even with many virtual nodes.
func TestPropSuccessorsAreDistinct(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := drawRing(t)
		key := rapid.String().Draw(t, "key")
		k := rapid.IntRange(1, 15).Draw(t, "k")
		s := r.Successors(key, k)
		require.Len(t, s, min(k, r.Len()))
		owner, _ := r.Owner(key)
		require.Equal(t, owner, s[0])
		c := slices.Clone(s)
		slices.Sort(c)
		require.Len(t, slices.Compact(c), len(s), "successors %v repeat a node", s)
	})
}

// TestPropMonotone: after a join a key either stays or moves to the
// newcomer; after a leave only the leaver's keys move (Def 5.2's monotonicity).
func TestPropMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := drawRing(t)
		keys := rapid.SliceOfN(rapid.String(), 1, 50).Draw(t, "keys")
		joiner := rapid.StringMatching(`[A-Z]{1,4}`).Draw(t, "joiner") // never among the lower-case nodes
		joined := r.Clone()
		require.NoError(t, joined.Add(joiner))
		leaver := rapid.SampledFrom(r.Nodes()).Draw(t, "leaver")
		left := r.Clone()
		require.NoError(t, left.Remove(leaver))
		for _, k := range keys {
			before, _ := r.Owner(k)
			if after, _ := joined.Owner(k); after != before {
				require.Equal(t, joiner, after, "key %q moved from %s to %s on %s's join", k, before, after, joiner)
			}
			if r.Len() > 1 {
				after, _ := left.Owner(k)
				if before == leaver {
					require.NotEqual(t, leaver, after)
				} else {
					require.Equal(t, before, after, "key %q moved from %s on %s's leave", k, before, leaver)
				}
			}
		}
	})
}

func ExampleRing_Successors() {
	r, _ := New(1)
	for _, n := range []string{"a", "b", "c", "d"} {
		_ = r.Add(n)
	}
	owner, _ := r.Owner("file.txt")
	fmt.Println(owner, r.Successors("file.txt", 3), r.Successors("file.txt", 9))
	// Output: b [b c d] [b c d a]
}
