package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"
)

func path(n int) *Graph {
	g := New(n)
	for i := 0; i+1 < n; i++ {
		g.Link(i, i+1)
	}
	return g
}

func TestBasics(t *testing.T) {
	p := path(4)
	assert.True(t, p.Connected(All(4)))
	assert.False(t, p.Connected(All(4)&^(1<<1)), "removing an inner node cuts a path")
	assert.Equal(t, 3, p.Diameter(All(4)))
	assert.Equal(t, []int{0, 1, 2, 3}, p.Distances(0, All(4)))
	assert.Equal(t, 1, p.VertexConnectivity())
	ring := path(5)
	ring.Link(4, 0)
	assert.Equal(t, 2, ring.VertexConnectivity())
	k := New(4)
	for u := 0; u < 4; u++ {
		for v := u + 1; v < 4; v++ {
			k.Link(u, v)
		}
	}
	assert.Equal(t, 3, k.VertexConnectivity())
	assert.Equal(t, 0, New(3).VertexConnectivity())
	assert.Equal(t, "G(3 nodes: n1-n2 n2-n3)", path(3).String())
}

// TestPropWhitney: on random graphs, removing fewer than κ(G) nodes never
// disconnects the rest, and some κ(G) nodes do (unless G is complete).
func TestPropWhitney(t *testing.T) {
	sizes := map[int]int{}
	defer func() { t.Logf("graph sizes drawn: %v", sizes) }()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 12).Draw(t, "n")
		g := New(n)
		for u := 0; u < n; u++ {
			for v := u + 1; v < n; v++ {
				if rapid.Bool().Draw(t, "edge") {
					g.Link(u, v)
				}
			}
		}
		kappa := g.VertexConnectivity()
		sizes[n]++
		failed := Set(rapid.Uint64Range(0, uint64(All(n))).Draw(t, "failed"))
		if failed.Len() < kappa && !g.Connected(All(n)&^failed) {
			t.Fatalf("%v (κ=%d) disconnected by %d failures", g, kappa, failed.Len())
		}
		if kappa > 0 && kappa < n-1 && !g.cutOfSize(kappa, All(n)) {
			t.Fatalf("%v: no cut of size κ=%d", g, kappa)
		}
	})
}
