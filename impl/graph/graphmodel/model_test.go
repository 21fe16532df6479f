package graphmodel

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
)

// TestSeedTheoremRefuted: for f = 1 the claim already fails on three
// nodes; BFS returns the path n1-n2-n3 (or a relabelling) with its middle
// node failed.
func TestSeedTheoremRefuted(t *testing.T) {
	m, err := Model(3, 1, Connected)
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	p, _ := res.Property("StaysConnected")
	require.Equal(t, checker.Violated, p.Status)
	assert.Len(t, p.Path.Steps, 2, "one failure")
	t.Log(p.Path.Steps[1].Action, m.Format(p.Path.Steps[1].State))
}

// TestCorrectedTheoremHolds checks every labelled graph up to six nodes,
// for every f below n: (f+1)-vertex-connected graphs stay connected after
// any f failures, and the seed's weaker hypothesis fails whenever f >= 1
// and n >= 3.
func TestCorrectedTheoremHolds(t *testing.T) {
	for n := 1; n <= 6; n++ {
		for f := 0; f < n && f <= 3; f++ {
			t.Run(fmt.Sprintf("n=%d f=%d", n, f), func(t *testing.T) {
				m, err := Model(n, f, VertexConnected)
				require.NoError(t, err)
				res, err := checker.Check(m, checker.Options{Properties: []string{"StaysConnected"}})
				require.NoError(t, err)
				require.True(t, res.Complete)
				p, _ := res.Property("StaysConnected")
				assert.Equal(t, checker.Holds, p.Status)

				m, err = Model(n, f, Connected)
				require.NoError(t, err)
				res, err = checker.Check(m, checker.Options{Properties: []string{"StaysConnected"}})
				require.NoError(t, err)
				p, _ = res.Property("StaysConnected")
				want := checker.Holds
				if f >= 1 && n >= 3 {
					want = checker.Violated
				}
				assert.Equal(t, want, p.Status)
			})
		}
	}
}

func TestBadBounds(t *testing.T) {
	_, err := Model(9, 1, Connected)
	assert.ErrorContains(t, err, "nodes = 9")
	_, err = Model(3, 3, Connected)
	assert.ErrorContains(t, err, "f = 3")
}
