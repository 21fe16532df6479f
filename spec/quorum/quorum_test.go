package quorum

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/spec"
)

// TestStateCountsEqualTLC: every Quorum model of the manifest, explored
// completely (TLC ran with -continue), gives TLC's figures and verdict.
func TestStateCountsEqualTLC(t *testing.T) {
	man, err := spec.Load()
	require.NoError(t, err)
	n := 0
	for _, entry := range man.Models {
		if entry.Spec != "quorum/Quorum.tla" {
			continue
		}
		n++
		t.Run(entry.Name, func(t *testing.T) {
			c, ok := Models[entry.Name]
			require.True(t, ok)
			m := c.Model()
			res, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			require.True(t, res.Complete)
			assert.Equal(t, uint64(entry.Distinct), res.Stats.Distinct, "distinct")
			assert.Equal(t, uint64(entry.Generated), res.Stats.Generated, "generated")
			assert.Equal(t, entry.Depth, res.Stats.Depth, "depth")
			for _, p := range res.Properties {
				want := checker.Holds
				if p.Name == entry.Property {
					want = checker.Violated
				}
				assert.Equal(t, want, p.Status, "%s: %s", p.Name, p.Detail)
				if p.Status == checker.Violated && p.Kind == checker.Eventually {
					q, err := checker.ReplayLasso(m, p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
					require.NoError(t, err)
					at, _, err := checker.Judge(m, p.Name, q)
					require.NoError(t, err)
					assert.GreaterOrEqual(t, at, 0)
				}
			}
		})
	}
	assert.Equal(t, 4, n)
}
