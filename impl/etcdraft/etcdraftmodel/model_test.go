package etcdraftmodel

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
)

func check(t *testing.T, c Config, max int) *checker.Result[System] {
	t.Helper()
	m, err := c.Model()
	require.NoError(t, err)
	start := time.Now()
	res, err := checker.Check(m, checker.Options{MaxStates: max, Progress: os.Stderr, ProgressEvery: 10 * time.Second})
	require.NoError(t, err)
	t.Logf("%+v: %d distinct in %v complete=%v", c, res.Stats.Distinct, time.Since(start), res.Complete)
	return res
}

func TestExplore(t *testing.T) {
	for _, c := range []Config{
		{Nodes: 3, MaxTerm: 1, Proposals: 1, Env: actor.Env{MaxInFlight: 3}},
		{Nodes: 3, MaxTerm: 1, Proposals: 1, Env: actor.Env{MaxInFlight: 4}},
		{Nodes: 3, MaxTerm: 2, Proposals: 1, Env: actor.Env{MaxInFlight: 3}},
		{Nodes: 3, MaxTerm: 1, Proposals: 1, Env: actor.Env{MaxInFlight: 3, MaxCrashes: 1}},
	} {
		res := check(t, c, 100000)
		for _, p := range res.Properties {
			t.Logf("%s %v", p.Name, p.Status)
		}
	}
}
