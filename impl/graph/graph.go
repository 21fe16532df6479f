// Package graph is the seed's DistributedSystem topology made to work:
// nodes and undirected links, connectivity of the nodes that have not
// failed, shortest paths, diameter and vertex connectivity. Node sets are
// bitsets, so a graph has at most 64 nodes; every function is
// deterministic.
package graph

import (
	"fmt"
	"math/bits"
	"strings"
)

// Set is a set of nodes as a bitset (node i is bit i).
type Set uint64

// Has reports whether i is in s.
func (s Set) Has(i int) bool { return s&(1<<i) != 0 }

// Len is the number of nodes in s.
func (s Set) Len() int { return bits.OnesCount64(uint64(s)) }

// All is the set {0..n-1}.
func All(n int) Set { return Set(1)<<n - 1 }

// Graph is an undirected graph on nodes 0..N-1.
type Graph struct {
	N   int
	Adj []Set // Adj[i]: the neighbours of i
}

// New returns a graph of n nodes and no links.
func New(n int) *Graph {
	if n < 0 || n > 64 {
		panic(fmt.Sprintf("graph: %d nodes, want 0..64", n))
	}
	return &Graph{N: n, Adj: make([]Set, n)}
}

// Link adds the undirected link u-v.
func (g *Graph) Link(u, v int) {
	if u != v {
		g.Adj[u] |= 1 << v
		g.Adj[v] |= 1 << u
	}
}

// Edges lists the links u-v with u < v, in order.
func (g *Graph) Edges() [][2]int {
	var out [][2]int
	for u := 0; u < g.N; u++ {
		for v := u + 1; v < g.N; v++ {
			if g.Adj[u].Has(v) {
				out = append(out, [2]int{u, v})
			}
		}
	}
	return out
}

func (g *Graph) String() string {
	var es []string
	for _, e := range g.Edges() {
		es = append(es, fmt.Sprintf("n%d-n%d", e[0]+1, e[1]+1))
	}
	return fmt.Sprintf("G(%d nodes: %s)", g.N, strings.Join(es, " "))
}

// Reach is the set of nodes reachable from src through alive nodes.
func (g *Graph) Reach(src int, alive Set) Set {
	if !alive.Has(src) {
		return 0
	}
	seen := Set(1) << src
	frontier := seen
	for frontier != 0 {
		var next Set
		for f := frontier; f != 0; f &= f - 1 {
			next |= g.Adj[bits.TrailingZeros64(uint64(f))]
		}
		next &= alive &^ seen
		seen |= next
		frontier = next
	}
	return seen
}

// Connected reports whether the alive nodes are connected (true for zero
// or one alive node).
func (g *Graph) Connected(alive Set) bool {
	if alive == 0 {
		return true
	}
	return g.Reach(bits.TrailingZeros64(uint64(alive)), alive) == alive
}

// Distances are the hop counts from src through alive nodes (-1: unreachable).
func (g *Graph) Distances(src int, alive Set) []int {
	d := make([]int, g.N)
	for i := range d {
		d[i] = -1
	}
	if !alive.Has(src) {
		return d
	}
	d[src] = 0
	queue := []int{src}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for nb := g.Adj[u] & alive; nb != 0; nb &= nb - 1 {
			v := bits.TrailingZeros64(uint64(nb))
			if d[v] < 0 {
				d[v] = d[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return d
}

// Diameter is the longest shortest path among alive nodes, or -1 if they
// are not connected.
func (g *Graph) Diameter(alive Set) int {
	if !g.Connected(alive) {
		return -1
	}
	diam := 0
	for s := alive; s != 0; s &= s - 1 {
		for _, x := range g.Distances(bits.TrailingZeros64(uint64(s)), alive) {
			diam = max(diam, x)
		}
	}
	return diam
}

// VertexConnectivity is κ(G): the fewest nodes whose removal disconnects
// the graph or leaves a single node (n-1 for a complete graph, 0 for a
// disconnected one). Exact, by searching removal sets in order of size;
// meant for the small graphs the claims are checked on (n <= 20).
func (g *Graph) VertexConnectivity() int {
	all := All(g.N)
	if !g.Connected(all) {
		return 0
	}
	for k := 1; k < g.N-1; k++ {
		if g.cutOfSize(k, all) {
			return k
		}
	}
	return max(g.N-1, 0)
}

// cutOfSize reports whether removing some k nodes disconnects the rest.
func (g *Graph) cutOfSize(k int, all Set) bool {
	var rec func(start int, removed Set, left int) bool
	rec = func(start int, removed Set, left int) bool {
		if left == 0 {
			return !g.Connected(all &^ removed)
		}
		for i := start; i < g.N; i++ {
			if rec(i+1, removed|1<<i, left-1) {
				return true
			}
		}
		return false
	}
	return rec(0, 0, k)
}
