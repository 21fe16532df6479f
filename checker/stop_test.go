package checker

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStopInterrupts: a closed Options.Stop ends every strategy at its next
// poll with Stopped "interrupted", partial statistics, the verdicts reached
// so far kept and the rest unknown.
func TestStopInterrupts(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	m := gridModel(200,
		always("XBelow3", func(s grid) bool { return s.x < 3 }),
		always("True", func(grid) bool { return true }))
	for _, st := range []Strategy{BFS, DFS, Simulate} {
		t.Run(st.String(), func(t *testing.T) {
			res, err := Check(m, Options{Strategy: st, Stop: stop, Walks: 1 << 20, MaxDepth: 500, Seed: 1})
			require.NoError(t, err)
			assert.Equal(t, "interrupted", res.Stopped)
			assert.False(t, res.Complete)
			assert.Less(t, res.Stats.Distinct, uint64(201*201), "the search did not run to the end")
			tr, _ := res.Property("True")
			assert.Equal(t, Unknown, tr.Status, "an undecided property is unknown")
			if st == Simulate {
				assert.Less(t, res.Stats.Walks, 1<<20) // polled before each walk
			} else {
				assert.Greater(t, res.Stats.Generated, uint64(256), "partial statistics are kept")
				// 256 expansions reach x = 3 in BFS and DFS alike.
				x, _ := res.Property("XBelow3")
				assert.Equal(t, Violated, x.Status, "a violation found before the stop is kept")
				assert.Equal(t, Violated, res.Verdict())
			}
		})
	}
	// An open channel changes nothing.
	res, err := Check(gridModel(20), Options{Stop: make(chan struct{})})
	require.NoError(t, err)
	assert.True(t, res.Complete)
	assert.Equal(t, uint64(441), res.Stats.Distinct)
}
