package paxosmodel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/checker/proptest"
	"github.com/distcheck/distcheck/impl/paxos"
)

// safety names the model's properties other than EventuallyLearned, which
// the checker refuses to judge under symmetry.
func safety(m *checker.Model[System]) []string {
	var out []string
	for _, p := range m.Properties {
		if p.Kind != checker.Eventually {
			out = append(out, p.Name)
		}
	}
	return out
}

// TestSymmetrySameVerdictsFewerStates: acceptor symmetry keeps every
// verdict and explores fewer states.
func TestSymmetrySameVerdictsFewerStates(t *testing.T) {
	for _, cfg := range []Config{
		{Proposers: 1, Acceptors: 3, MaxBallot: 0, Env: actor.Env{Persistent: true}},
		{Proposers: 1, Acceptors: 3, MaxBallot: 1, AcceptorCrashesOnly: true, Env: actor.Env{MaxCrashes: 1, MaxDrops: 1, MaxInFlight: 3}},
		{Proposers: 2, Acceptors: 2, MaxBallot: 0, Env: actor.Env{Persistent: true, MaxPartitions: 1}},
	} {
		m, err := cfg.Model()
		require.NoError(t, err)
		opt := checker.Options{Properties: safety(m)}
		plain, err := checker.Check(m, opt)
		require.NoError(t, err)
		opt.Symmetry = true
		sym, err := checker.Check(m, opt)
		require.NoError(t, err)
		require.True(t, plain.Complete && sym.Complete)
		for i, p := range plain.Properties {
			assert.Equal(t, checker.Holds, p.Status, "%s", p.Name)
			assert.Equal(t, p.Status, sym.Properties[i].Status, "%s", p.Name)
		}
		assert.Less(t, sym.Stats.Distinct, plain.Stats.Distinct)
		assert.Equal(t, plain.Stats.Depth, sym.Stats.Depth)
		t.Logf("%d proposers, %d acceptors: %d distinct, %d with symmetry", cfg.Proposers, cfg.Acceptors, plain.Stats.Distinct, sym.Stats.Distinct)
	}
}

// TestSymmetryRefusesEventually: where the model judges EventuallyLearned,
// asking for symmetry with it is refused, not silently weakened.
func TestSymmetryRefusesEventually(t *testing.T) {
	m, err := Config{Proposers: 1, Acceptors: 3, MaxBallot: 0, Env: actor.Env{Persistent: true}}.Model()
	require.NoError(t, err)
	_, err = checker.Check(m, checker.Options{Symmetry: true})
	assert.ErrorContains(t, err, "eventually property EventuallyLearned is refused")
}

// TestSymmetryCounterexampleReplays: half quorums that need not intersect
// break agreement; under symmetry the counterexample is as short as
// without and replays as a real schedule.
func TestSymmetryCounterexampleReplays(t *testing.T) {
	cfg := Config{Proposers: 2, Acceptors: 2, MaxBallot: 1, Bugs: paxos.Bugs{HalfQuorum: true}, Env: actor.Env{Persistent: true}}
	m, err := cfg.Model()
	require.NoError(t, err)
	var lens []int
	for _, sym := range []bool{false, true} {
		res, err := checker.Check(m, checker.Options{Properties: []string{"LearnersAgree"}, Symmetry: sym, StopOnViolation: true})
		require.NoError(t, err)
		p, _ := res.Property("LearnersAgree")
		require.Equal(t, checker.Violated, p.Status)
		q, err := checker.Replay(m, p.Path.Actions())
		require.NoError(t, err, "the path replays")
		at, _, err := checker.Judge(m, "LearnersAgree", q)
		require.NoError(t, err)
		assert.Equal(t, len(q.Steps)-1, at)
		lens = append(lens, len(p.Path.Steps))
	}
	assert.Equal(t, lens[0], lens[1], "still a shortest counterexample")
}

// TestPropSymmetryIsSound: random walks with drops, duplicates, acceptor
// crashes and a partition; every state's images are consistent with the
// model's steps and properties (proptest.Symmetric).
func TestPropSymmetryIsSound(t *testing.T) {
	cfg := Config{Proposers: 2, Acceptors: 3, MaxBallot: 3, AcceptorCrashesOnly: true,
		Env: actor.Env{MaxDrops: 2, MaxDuplicates: 1, MaxCrashes: 1, MaxPartitions: 1, MaxInFlight: 6}}
	m, err := cfg.Model()
	require.NoError(t, err)
	env := cfg.Env
	env.TrackSent = true // as Model sets it
	env.Crashable = func(node int) bool { return node >= cfg.Proposers }
	perms, permute, err := actor.Permuter(cfg.Protocol(), env)
	require.NoError(t, err)
	require.Len(t, perms, 6, "the acceptors' permutations; proposers stay")
	rapid.Check(t, func(t *rapid.T) { proptest.Symmetric(t, m, perms, permute, 15) })
}

// TestSymmetryCountsOrbits: the checker's count under symmetry equals the
// number of orbits among the states a plain search reaches.
func TestSymmetryCountsOrbits(t *testing.T) {
	cfg := Config{Proposers: 1, Acceptors: 3, MaxBallot: 1, Env: actor.Env{MaxCrashes: 1, MaxDrops: 1, MaxInFlight: 3}}
	m, err := cfg.Model()
	require.NoError(t, err)
	env := cfg.Env
	env.TrackSent = true
	perms, permute, err := actor.Permuter(cfg.Protocol(), env)
	require.NoError(t, err)
	states, orbits := proptest.Orbits(m, perms, permute)
	plain, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	sym, err := checker.Check(m, checker.Options{Symmetry: true})
	require.NoError(t, err)
	assert.Equal(t, uint64(states), plain.Stats.Distinct)
	assert.Equal(t, uint64(orbits), sym.Stats.Distinct)
	t.Logf("%d states in %d orbits", states, orbits)
}
