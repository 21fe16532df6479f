package chord

import (
	"fmt"
	"math"
	"math/rand/v2" // nondet-ok: only seeded PCG sources passed in, never the global one
	"slices"
)

// HopBits is the identifier width of the rings HopTable measures: large
// enough that random identifiers of 2^14 nodes rarely collide (collisions
// are redrawn) and that fingers are spread as in the paper's simulations.
const HopBits = 32

// HopR is the successor-list length of those rings. Every finger is
// correct there, so longer lists would barely change the hop counts.
const HopR = 1

// HopRow is the hop count of lookups on one stable ring (claim C14).
type HopRow struct {
	Nodes   int `json:"nodes"`
	Lookups int `json:"lookups"`
	// Mean, P50, P99 and Max are over the lookups' hop counts: the nodes
	// asked after the first (see Lookup).
	Mean      float64 `json:"mean"`
	P50       int     `json:"p50"`
	P99       int     `json:"p99"`
	Max       int     `json:"max"`
	Log2N     float64 `json:"log2n"`
	HalfLog2N float64 `json:"halfLog2n"`
	// Wrong counts lookups whose answer is not the key's true successor
	// (zero on a correct ring).
	Wrong int `json:"wrong"`
}

// DefaultHopSizes are the ring sizes of claim C14's table, 2^4 .. 2^14.
func DefaultHopSizes() []int {
	var out []int
	for k := 4; k <= 14; k++ {
		out = append(out, 1<<k)
	}
	return out
}

// HopTable measures iterative lookups on stable rings, one per size: n
// nodes with random HopBits-bit identifiers, correct successors and
// fingers, and lookups lookups from uniformly random nodes for uniformly
// random keys. Each size draws from its own PCG stream seeded by (seed,
// n), so a row does not depend on which other sizes are measured.
func HopTable(seed uint64, lookups int, sizes []int) ([]HopRow, error) {
	if lookups < 1 {
		return nil, fmt.Errorf("chord: %d lookups, want at least 1", lookups)
	}
	space, err := NewSpace(HopBits)
	if err != nil {
		return nil, err
	}
	cfg := Config{Space: space, R: HopR, Protocol: Corrected}
	rows := make([]HopRow, 0, len(sizes))
	for _, n := range sizes {
		if n < 1 || n > 1<<20 {
			return nil, fmt.Errorf("chord: ring size %d out of range 1..%d", n, 1<<20)
		}
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		row, err := measureHops(cfg, rng, n, lookups)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// RandomIDs draws n distinct identifiers of space from rng.
func RandomIDs(space Space, rng *rand.Rand, n int) []ID {
	seen := make(map[ID]bool, n)
	ids := make([]ID, 0, n)
	for len(ids) < n {
		id := ID(rng.Uint64() & space.mask)
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

func measureHops(cfg Config, rng *rand.Rand, n, lookups int) (HopRow, error) {
	ring, err := NewRing(cfg, RandomIDs(cfg.Space, rng, n))
	if err != nil {
		return HopRow{}, err
	}
	ids := make([]ID, len(ring)) // sorted, as NewRing returns the ring
	for i, nd := range ring {
		ids[i] = nd.id
	}
	node := func(id ID) (*Node, bool) {
		i, ok := slices.BinarySearch(ids, id)
		if !ok {
			return nil, false
		}
		return ring[i], true
	}
	alive := func(ID) bool { return true }
	row := HopRow{Nodes: n, Lookups: lookups, Log2N: math.Log2(float64(n))}
	row.HalfLog2N = row.Log2N / 2
	hops := make([]int, lookups)
	sum := 0
	for i := range hops {
		start := ring[rng.IntN(n)]
		key := ID(rng.Uint64() & cfg.Space.mask)
		owner, h, err := Lookup(start, key, node, alive)
		if err != nil {
			return HopRow{}, err
		}
		if owner != successorOf(ids, key) {
			row.Wrong++
		}
		hops[i] = h
		sum += h
	}
	slices.Sort(hops)
	row.Mean = float64(sum) / float64(lookups)
	row.P50 = hops[(lookups-1)/2]
	row.P99 = hops[int(math.Ceil(0.99*float64(lookups)))-1]
	row.Max = hops[lookups-1]
	return row, nil
}
