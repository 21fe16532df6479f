package raftmodel

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/checker/proptest"
	"github.com/distcheck/distcheck/impl/raft"
	"github.com/distcheck/distcheck/internal/bench"
	"github.com/distcheck/distcheck/internal/longtest"
)

// TestSymmetrySameVerdictsFewerStates: server symmetry keeps every verdict
// and explores fewer states (at most 3! = 6 times fewer). A partition is
// covered by TestSymmetryCountsOrbits.
func TestSymmetrySameVerdictsFewerStates(t *testing.T) {
	for _, cfg := range []Config{
		{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0, Env: persistent(1)},
		{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0, Env: actor.Env{MaxDrops: 1, MaxDuplicates: 1, MaxInFlight: 2}},
	} {
		m, err := cfg.Model()
		require.NoError(t, err)
		plain, err := checker.Check(m, checker.Options{})
		require.NoError(t, err)
		sym, err := checker.Check(m, checker.Options{Symmetry: true})
		require.NoError(t, err)
		require.True(t, plain.Complete && sym.Complete)
		for i, p := range plain.Properties {
			assert.Equal(t, p.Status, sym.Properties[i].Status, "%s", p.Name)
		}
		assert.Less(t, sym.Stats.Distinct, plain.Stats.Distinct)
		assert.GreaterOrEqual(t, sym.Stats.Distinct*uint64(factorial(cfg.Servers)), plain.Stats.Distinct)
		assert.Equal(t, plain.Stats.Depth, sym.Stats.Depth, "orbits keep the distance from Init")
		t.Logf("%+v: %d distinct, %d with symmetry", cfg.Env, plain.Stats.Distinct, sym.Stats.Distinct)
	}
}

func factorial(n int) int {
	if n <= 1 {
		return 1
	}
	return n * factorial(n-1)
}

// TestSymmetryCounterexamplesReplay: under symmetry each seeded bug is
// found with a counterexample of the same (shortest) length as without,
// and the path replays as a real, unpermuted schedule of the model.
func TestSymmetryCounterexamplesReplay(t *testing.T) {
	election := Config{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0, Env: persistent(1)}
	base := Config{Servers: 2, Values: 1, MaxTerm: 2, MaxLogLen: 1, Env: persistent(1)}
	cases := []struct {
		cfg      Config
		bugs     raft.Bugs
		property string
		steps    int
	}{
		{election, raft.Bugs{VoteNotPersisted: true}, "Conformance", 2},
		{election, raft.Bugs{VoteNotPersisted: true}, "ElectionSafety", 8},
		{base, raft.Bugs{CommitPreviousTerm: true}, "Conformance", 12},
		{base, raft.Bugs{SkipUpToDateCheck: true}, "Conformance", 6},
	}
	for _, c := range cases {
		cfg := c.cfg
		cfg.Bugs = c.bugs
		m, err := cfg.Model()
		require.NoError(t, err)
		res, err := checker.Check(m, checker.Options{Properties: []string{c.property}, Symmetry: true, StopOnViolation: true})
		require.NoError(t, err)
		p, _ := res.Property(c.property)
		require.Equal(t, checker.Violated, p.Status, c.property)
		acts := p.Path.Actions()
		assert.Len(t, acts, c.steps+1, "%s: still a shortest counterexample", c.property)
		q, err := checker.Replay(m, acts)
		require.NoError(t, err, "%s: the path replays", c.property)
		at, _, err := checker.Judge(m, c.property, q)
		require.NoError(t, err)
		assert.Equal(t, len(q.Steps)-1, at, "%s: violated at the path's last step", c.property)
	}
}

// TestPropSymmetryIsSound: on random walks through a model with every
// kind of fault (drops, duplicates, crashes, a partition, a consuming
// network with its sent set), the images of each state are consistent
// with the model's steps and properties (proptest.Symmetric).
func TestPropSymmetryIsSound(t *testing.T) {
	cfg := propConfig(raft.Bugs{})
	cfg.Env.MaxInFlight = 4
	m, err := cfg.Model()
	require.NoError(t, err)
	proto := cfg.Protocol()
	env := cfg.Env
	env.TrackSent = true // as Model sets it
	perms, permute, err := actor.Permuter(proto, env)
	require.NoError(t, err)
	require.Len(t, perms, 6)
	rapid.Check(t, func(t *rapid.T) { proptest.Symmetric(t, m, perms, permute, 15) })
}

// TestSymmetryCountsOrbits validates the reduction independently of the
// checker: the states reached by a plain breadth-first search, each
// mapped to the least fingerprint of its images, fall into exactly as
// many classes as the checker counts distinct states under symmetry.
func TestSymmetryCountsOrbits(t *testing.T) {
	cfg := Config{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0, Env: actor.Env{Persistent: true, MaxPartitions: 1}}
	m, err := cfg.Model()
	require.NoError(t, err)
	proto := cfg.Protocol()
	perms, permute, err := actor.Permuter(proto, cfg.Env)
	require.NoError(t, err)

	states, orbits := proptest.Orbits(m, perms, permute)

	plain, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	sym, err := checker.Check(m, checker.Options{Symmetry: true})
	require.NoError(t, err)
	assert.Equal(t, uint64(states), plain.Stats.Distinct)
	assert.Equal(t, uint64(orbits), sym.Stats.Distinct)
	for i, p := range plain.Properties {
		assert.Equal(t, checker.Holds, p.Status, "%s", p.Name)
		assert.Equal(t, p.Status, sym.Properties[i].Status, "%s", p.Name)
	}
	t.Logf("%d states in %d orbits", states, orbits)
}

// TestSymmetryRefusedWhenRebuilding: nodes rebuilt from their events
// cannot be permuted, so that variant declares no symmetry.
func TestSymmetryRefusedWhenRebuilding(t *testing.T) {
	cfg := Config{Servers: 2, Values: 1, MaxTerm: 1, MaxLogLen: 0, Env: persistent(0), Rebuild: true}
	m, err := cfg.Model()
	require.NoError(t, err)
	_, err = checker.Check(m, checker.Options{Symmetry: true})
	assert.ErrorContains(t, err, "declares no symmetry")
	p := cfg.Protocol()
	p.Clone = nil
	_, err = actor.Model("raft", p, cfg.Env)
	assert.ErrorContains(t, err, "ShareNodes needs Protocol.Clone")
	p.ShareNodes = false
	_, err = actor.Model("raft", p, cfg.Env)
	assert.ErrorContains(t, err, "PermuteNode needs Protocol.Clone")
}

// BenchmarkImplBFSSymmetry: distinct states/s with and without server
// symmetry on three servers (one term, one crash, one partition), each
// with 1 and 2 workers.
func BenchmarkImplBFSSymmetry(b *testing.B) {
	cfg := Config{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0, Env: actor.Env{Persistent: true, MaxCrashes: 1, MaxPartitions: 1}}
	m, err := cfg.Model()
	if err != nil {
		b.Fatal(err)
	}
	for _, sym := range []bool{false, true} {
		b.Run("sym="+map[bool]string{false: "false", true: "true"}[sym], func(b *testing.B) {
			bench.Workers(b, m, checker.Options{Symmetry: sym})
		})
	}
}

// TestPropSymmetryCatchesABrokenPermutation: the soundness check is not
// vacuous. Moving nodes to their new positions without renaming the ids
// they hold (their own, votes, leaders, per-peer progress) is no symmetry
// of Raft, and proptest.Symmetric says so.
func TestPropSymmetryCatchesABrokenPermutation(t *testing.T) {
	cfg := Config{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0, Env: persistent(0)}
	m, err := cfg.Model()
	require.NoError(t, err)
	proto := cfg.Protocol()
	proto.PermuteNode = func(n *Node, _ []int) *Node { return n }
	perms, permute, err := actor.Permuter(proto, cfg.Env)
	require.NoError(t, err)
	// The model claims the broken images too, so only the steps can tell
	// (its Representatives, over the real renaming, would tell first).
	m.Representatives = nil
	m.Symmetry = func(s System, yield func(System) bool) {
		for _, p := range perms[1:] {
			if !yield(permute(s, p)) {
				return
			}
		}
	}
	defer proptest.ExpectFailures()()
	var rec proptest.Recorder
	rapid.Check(&rec, func(t *rapid.T) { proptest.Symmetric(t, m, perms, permute, 10) })
	require.True(t, rec.Failed(), "a renaming that forgets the ids passed")
	assert.Contains(t, strings.Join(rec.Failures, "\n"), "are not the successors of the image")
}

// reachTarget is round 2's reach target for the implementation: three
// servers, two terms, one entry and one crash, on a network that consumes
// messages and holds at most two at once. Every property holds and both
// Sometimes properties are reached. On the persistent network the same
// bounds are out of reach (the README's reach targets say why).
var reachTarget = Config{Servers: 3, Values: 1, MaxTerm: 2, MaxLogLen: 1, Env: actor.Env{MaxCrashes: 1, MaxInFlight: 2}}

// TestReachThreeServersTwoTermsOneCrash explores the reach target to the
// end under symmetry (about 3 minutes on two cores: a long test). The
// counts are pinned from the first complete run.
func TestReachThreeServersTwoTermsOneCrash(t *testing.T) {
	longtest.Skip(t)
	m, err := reachTarget.Model()
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{Symmetry: true})
	require.NoError(t, err)
	require.True(t, res.Complete, "stopped: %s", res.Stopped)
	for _, p := range res.Properties {
		assert.Equal(t, checker.Holds, p.Status, "%s: %s", p.Name, p.Detail)
	}
	assert.Equal(t, uint64(2194117), res.Stats.Distinct, "orbits")
	assert.Equal(t, uint64(5657043), res.Stats.Generated)
	assert.Equal(t, 48, res.Stats.Depth)
}

// BenchmarkReachThreeServersTwoTermsOneCrash: the reach target, on every
// core. Run it with -benchtime 1x.
func BenchmarkReachThreeServersTwoTermsOneCrash(b *testing.B) {
	m, err := reachTarget.Model()
	if err != nil {
		b.Fatal(err)
	}
	bench.Check(b, m, checker.Options{Symmetry: true})
}
