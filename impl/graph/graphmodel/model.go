// Package graphmodel turns the seed's Theorem 1.1 ("a connected system
// stays connected when at most f nodes fail") into a checker model: the
// initial states are every labelled graph on n nodes that the claim's
// hypothesis admits, and each step fails one more node, up to f.
package graphmodel

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/graph"
)

// State is a graph and the nodes that have failed.
type State struct {
	G      *graph.Graph // shared, never modified
	Failed graph.Set
}

// Hypothesis selects the graphs a claim speaks of.
type Hypothesis int

const (
	// Connected: the seed's hypothesis, any connected graph.
	Connected Hypothesis = iota
	// VertexConnected: the corrected one, (f+1)-vertex-connected graphs
	// (Whitney 1932; Menger).
	VertexConnected
)

// Model enumerates every graph on n nodes satisfying h and fails up to f nodes.
func Model(n, f int, h Hypothesis) (*checker.Model[State], error) {
	if n < 1 || n > 7 {
		return nil, fmt.Errorf("connectivity: nodes = %d, want 1..7 (every graph is enumerated)", n)
	}
	if f < 0 || f >= n {
		return nil, fmt.Errorf("connectivity: f = %d, want 0..%d", f, n-1)
	}
	pairs := [][2]int{}
	for u := 0; u < n; u++ {
		for v := u + 1; v < n; v++ {
			pairs = append(pairs, [2]int{u, v})
		}
	}
	return &checker.Model[State]{
		Name: "connectivity",
		Init: func(yield func(string, State) bool) {
			for mask := 0; mask < 1<<len(pairs); mask++ {
				g := graph.New(n)
				for k, p := range pairs {
					if mask&(1<<k) != 0 {
						g.Link(p[0], p[1])
					}
				}
				if !g.Connected(graph.All(n)) {
					continue
				}
				if h == VertexConnected && g.VertexConnectivity() < f+1 {
					continue
				}
				if !yield(g.String(), State{G: g}) {
					return
				}
			}
		},
		Next: func(s State, yield func(string, State) bool) {
			if s.Failed.Len() >= f {
				return
			}
			for i := 0; i < n; i++ {
				if !s.Failed.Has(i) && !yield(fmt.Sprintf("Fail n%d", i+1), State{G: s.G, Failed: s.Failed | 1<<i}) {
					return
				}
			}
		},
		Encode: func(s State, e *checker.Encoder) {
			for _, a := range s.G.Adj {
				e.Uint(uint64(a))
			}
			e.Uint(uint64(s.Failed))
		},
		Format: func(s State) string {
			alive := graph.All(n) &^ s.Failed
			return fmt.Sprintf("%v failed=%v alive connected=%v diameter=%d", s.G, names(s.Failed, n), s.G.Connected(alive), s.G.Diameter(alive))
		},
		Properties: []checker.Property[State]{
			{Name: "StaysConnected", Kind: checker.Always, Holds: func(s State) bool {
				return s.G.Connected(graph.All(n) &^ s.Failed)
			}},
			{Name: "FailuresHappen", Kind: checker.Sometimes, Holds: func(s State) bool { return s.Failed.Len() == f }},
		},
	}, nil
}

func names(s graph.Set, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		if s.Has(i) {
			out = append(out, fmt.Sprintf("n%d", i+1))
		}
	}
	return out
}
