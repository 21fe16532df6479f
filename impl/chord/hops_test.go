package chord

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLookupFindsEveryOwner looks up every key of a 6-bit space from every
// node of a ring: the answer is always the key's successor, in at most m
// hops.
func TestLookupFindsEveryOwner(t *testing.T) {
	cfg := config(t, 6, 2, Corrected)
	ids := []ID{3, 10, 11, 30, 31, 44, 60}
	nw := ring(t, cfg, ids...)
	node := func(id ID) (*Node, bool) { n, ok := nw[id]; return n, ok }
	for _, start := range ids {
		for key := range ID(64) {
			owner, hops, err := Lookup(nw[start], key, node, nw.Alive)
			require.NoError(t, err)
			assert.Equal(t, successorOf(ids, key), owner, "key %d from %d", key, start)
			assert.LessOrEqual(t, hops, 6)
		}
	}
}

// TestLookupSkipsDeadFingers: with a node dead but not yet repaired, the
// lookup routes around it through live fingers and successors.
func TestLookupSkipsDeadFingers(t *testing.T) {
	cfg := config(t, 6, 3, Corrected)
	nw := ring(t, cfg, 3, 10, 20, 30, 40, 50)
	delete(nw, 40)
	node := func(id ID) (*Node, bool) { n, ok := nw[id]; return n, ok }
	owner, _, err := Lookup(nw[3], 45, node, nw.Alive)
	require.NoError(t, err)
	assert.Equal(t, ID(50), owner, "40 is dead, so 50 owns 45")
}

// TestLookupReportsDeadEnds: a node whose successors are all dead cannot
// answer, and the lookup says which node it stopped at.
func TestLookupReportsDeadEnds(t *testing.T) {
	cfg := config(t, 4, 1, Corrected)
	a, err := Join(cfg, 1, Peer{ID: 0, Succ: []ID{5}}) // 1 -> 5
	require.NoError(t, err)
	b, err := Join(cfg, 5, Peer{ID: 4, Succ: []ID{1}}) // 5 -> 1
	require.NoError(t, err)
	nw := net{1: a, 5: b}
	require.NoError(t, a.SetFinger(3, 5))
	require.NoError(t, b.SetFinger(3, 1))
	node := func(id ID) (*Node, bool) { n, ok := nw[id]; return n, ok }
	owner, _, err := Lookup(a, 3, node, nw.Alive)
	require.NoError(t, err)
	assert.Equal(t, ID(5), owner)
	delete(nw, 5)
	_, _, err = Lookup(a, 3, node, nw.Alive)
	assert.ErrorContains(t, err, "node 1 has no live successor")
}

// TestHopTable is claim C14 on stable rings of 2^4 .. 2^14 nodes with
// random 32-bit identifiers: every lookup finds the key's true successor,
// the mean hop count is within 1 of ½·log2 n (Stoica et al., Fig. 10 and
// Thm. IV.2 of the ToN paper), and the 99th percentile stays within
// log2 n + 2.
func TestHopTable(t *testing.T) {
	sizes := DefaultHopSizes()
	if testing.Short() {
		sizes = sizes[:len(sizes)-2]
	}
	rows, err := HopTable(1, 3000, sizes)
	require.NoError(t, err)
	require.Len(t, rows, len(sizes))
	for _, r := range rows {
		t.Logf("n=%5d mean=%.2f p50=%d p99=%d max=%d ½log2n=%.1f", r.Nodes, r.Mean, r.P50, r.P99, r.Max, r.HalfLog2N)
		assert.Zero(t, r.Wrong, "n=%d: lookups answered a wrong owner", r.Nodes)
		assert.InDelta(t, r.HalfLog2N, r.Mean, 1, "n=%d", r.Nodes)
		assert.LessOrEqual(t, float64(r.P99), r.Log2N+2, "n=%d", r.Nodes)
	}
	again, err := HopTable(1, 3000, sizes[:2])
	require.NoError(t, err)
	assert.Equal(t, rows[:2], again, "the same seed gives the same table")

	_, err = HopTable(1, 0, sizes)
	assert.ErrorContains(t, err, "0 lookups")
	_, err = HopTable(1, 10, []int{0})
	assert.ErrorContains(t, err, "ring size 0 out of range")
}

func BenchmarkLookup(b *testing.B) {
	space, err := NewSpace(HopBits)
	require.NoError(b, err)
	cfg := Config{Space: space, R: HopR}
	rng := rand.New(rand.NewPCG(1, 2))
	ring, err := NewRing(cfg, RandomIDs(space, rng, 1<<14))
	require.NoError(b, err)
	byID := make(map[ID]*Node, len(ring))
	for _, n := range ring {
		byID[n.ID()] = n
	}
	node := func(id ID) (*Node, bool) { n, ok := byID[id]; return n, ok }
	alive := func(ID) bool { return true }
	b.ResetTimer()
	hops := 0
	for i := 0; i < b.N; i++ {
		_, h, err := Lookup(ring[rng.IntN(len(ring))], ID(rng.Uint32()), node, alive)
		if err != nil {
			b.Fatal(err)
		}
		hops += h
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
	b.ReportMetric(float64(hops)/float64(b.N), "hops/lookup")
}

func ExampleHopTable() {
	rows, err := HopTable(7, 2000, []int{16, 1024})
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Printf("n=%d wrong=%d mean within 1 of ½log2n: %v\n", r.Nodes, r.Wrong, math.Abs(r.Mean-r.HalfLog2N) <= 1)
	}
	// Output:
	// n=16 wrong=0 mean within 1 of ½log2n: true
	// n=1024 wrong=0 mean within 1 of ½log2n: true
}
