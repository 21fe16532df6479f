package schedmodel

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/checker/proptest"
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
			t.Logf("%d states", res.Stats.Distinct)
			proptest.AssertVerdicts(t, res, c.violated...)
		})
	}
}
