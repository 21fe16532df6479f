package schedmodel

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
)

var env = actor.Env{MaxCrashes: 1, MaxInFlight: 5}

// TestTasksCompleteOnce: with reassignment on suspicion and de-duplicated
// effects, every task completes while a worker stays up and no effect is
// applied twice; without de-duplication a reassigned task's effect is
// applied twice; without reassignment a crashed worker's task never completes.
func TestTasksCompleteOnce(t *testing.T) {
	cases := []struct {
		name     string
		cfg      Config
		violated []string
	}{
		{"reassign and de-duplicate", Config{Tasks: 2, Workers: 2, Env: env}, nil},
		{"no de-duplication", Config{Tasks: 2, Workers: 2, NoDedup: true, Env: env}, []string{"EffectOnce"}},
		{"no reassignment", Config{Tasks: 2, Workers: 2, NoReassign: true, Env: env}, []string{"AllComplete"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := c.cfg.Model()
			require.NoError(t, err)
			res, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			require.True(t, res.Complete)
			t.Logf("%d states", res.Stats.Distinct)
			for _, p := range res.Properties {
				if slices.Contains(c.violated, p.Name) {
					require.Equal(t, checker.Violated, p.Status, p.Name)
					t.Logf("%s: %v", p.Name, p.Path.Actions())
					continue
				}
				if !assert.Equal(t, checker.Holds, p.Status, "%s: %s", p.Name, p.Detail) && p.Path != nil {
					t.Logf("%v loop %d %q", p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
				}
			}
		})
	}
}
