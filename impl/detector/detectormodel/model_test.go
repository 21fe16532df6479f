package detectormodel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
)

// TestNoPerfectDetectorAsynchronously: a process that never crashes is
// suspected once its heartbeats are slow; a crashed one is suspected too
// (completeness is reachable), and a mistake is revised with backoff.
func TestNoPerfectDetectorAsynchronously(t *testing.T) {
	c := Config{Timeout: 1, Beats: 2, Ticks: 4, Env: actor.Env{MaxCrashes: 1, MaxInFlight: 2}}
	m, err := c.Model()
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	acc, _ := res.Property("StrongAccuracy")
	require.Equal(t, checker.Violated, acc.Status)
	last := acc.Path.Steps[len(acc.Path.Steps)-1].State
	assert.False(t, last.Down[1], "the suspected process is alive")
	t.Logf("%v", acc.Path.Actions())
	for _, name := range []string{"CrashSuspected", "MistakeRevised"} {
		p, _ := res.Property(name)
		assert.Equal(t, checker.Holds, p.Status, name)
	}
}
