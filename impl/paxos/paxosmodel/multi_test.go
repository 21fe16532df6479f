package paxosmodel

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/checker/proptest"
	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/internal/longtest"
)

// smallMulti: two replicas, each may campaign once (ballots 0 and 1), one
// command slot, and a network that loses, duplicates and reorders. (Three
// replicas exceed millions of states; they are covered by the property
// tests below.)
var smallMulti = MultiConfig{Replicas: 2, MaxBallot: 1, MaxSlots: 1, Env: actor.Env{Persistent: true}}

func TestMultiPaxosExhaustive(t *testing.T) {
	longtest.Skip(t)
	m, err := smallMulti.Model()
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	require.True(t, res.Complete)
	assert.Equal(t, uint64(61908), res.Stats.Distinct, "pinned from a real run")
	t.Logf("%d distinct states, depth %d, %v", res.Stats.Distinct, res.Stats.Depth, res.Stats.Elapsed)
	for _, p := range res.Properties {
		assert.Equal(t, checker.Holds, p.Status, "%s: %s", p.Name, p.Detail)
	}
}

func TestMultiPaxosBugFound(t *testing.T) {
	longtest.Skip(t)
	c := smallMulti
	c.Bugs.LeaderIgnoresReports = true
	m, err := c.Model()
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{StopOnViolation: true})
	require.NoError(t, err)
	p, _ := res.Property("OneValuePerSlot")
	require.Equal(t, checker.Violated, p.Status)
	t.Logf("counterexample of %d steps:\n%s", len(p.Path.Steps)-1, strings.Join(p.Path.Actions(), "\n"))
}

// multiProp is beyond exhaustive reach: leader changes, crashes, lost,
// duplicated and reordered messages and a partition.
var multiProp = MultiConfig{Replicas: 3, MaxBallot: 8, MaxSlots: 3,
	Env: actor.Env{MaxDrops: 4, MaxDuplicates: 3, MaxCrashes: 2, MaxPartitions: 1, MaxInFlight: 10}}

// TestPropMultiPaxos: random schedules keep every slot agreed and every log
// applied in the same order; and the walks do reach applied commands.
func TestPropMultiPaxos(t *testing.T) {
	m, err := multiProp.Model()
	require.NoError(t, err)
	applied := 0
	rapid.Check(t, func(t *rapid.T) {
		s := proptest.Walk(t, m, 150)
		for _, n := range s.Nodes {
			if len(n.Applied) > 0 {
				applied++
				break
			}
		}
	})
	assert.Positive(t, applied, "no walk applied a command: the test would be vacuous")
}

// TestPropMultiPaxosCatchesBug: random schedules find the seeded bug. A
// long test (about 14 s): the short suite replays its saved counterexample
// (corpora/multipaxos) instead.
func TestPropMultiPaxosCatchesBug(t *testing.T) {
	longtest.Skip(t)
	// Fewer faults than multiProp, so leaders change more often per walk.
	c := MultiConfig{Replicas: 3, MaxBallot: 5, MaxSlots: 2, Env: actor.Env{Persistent: true},
		Bugs: paxos.MultiBugs{LeaderIgnoresReports: true}}
	m, err := c.Model()
	require.NoError(t, err)
	msg, round, ok := proptest.FindViolation(m, 150, 300)
	require.True(t, ok, "random schedules did not find the seeded bug")
	t.Logf("found in round %d", round)
	assert.Contains(t, msg, "OneValuePerSlot violated")
}

// TestMultiPackedEqualsWhole: sharing replicas in the frontier changes no
// count or verdict, on a network that consumes messages and on one that
// keeps them, and packed states unpack to themselves along random walks
// with every fault.
func TestMultiPackedEqualsWhole(t *testing.T) {
	for _, cfg := range []MultiConfig{
		{Replicas: 3, MaxBallot: 3, MaxSlots: 1, Env: actor.Env{MaxInFlight: 3, MaxCrashes: 1}},
		{Replicas: 2, MaxBallot: 2, MaxSlots: 2, Env: actor.Env{Persistent: true}},
	} {
		m, err := cfg.Model()
		require.NoError(t, err)
		proptest.PackedEqualsWhole(t, m, checker.Options{MaxStates: 5_000})
	}
	m, err := multiProp.Model() // drops, duplicates, crashes, a partition
	require.NoError(t, err)
	rapid.Check(t, func(t *rapid.T) { proptest.PackRoundTrip(t, m, 40) })
}
