package storemodel

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/proptest"
	"github.com/distcheck/distcheck/impl/ringstore"
	"github.com/distcheck/distcheck/internal/bench"
)

// Default is the registered system's default: five nodes, one file, r = 3
// (the seed's replication factor), at most r-1 = 2 failures between full
// repairs and 3 in all, so a third failure follows a repair.
var Default = Config{Nodes: 5, Initial: 5, Files: 1, Replicas: 3, MaxFails: 2, MaxCrashes: 3, Bits: 8}

// joins adds a node outside the ring that may join, with r = 2 to keep
// the space small: the hand-off on a join is then exercised.
var joins = Config{Nodes: 5, Initial: 4, Files: 1, Replicas: 2, MaxFails: 1, MaxCrashes: 2, MaxJoins: 1, Bits: 8}

// ackShort is where acknowledging with fewer than r copies loses data: a
// node that saw itself alone at its last repair coordinates a write.
var ackShort = Config{Nodes: 3, Initial: 3, Files: 1, Replicas: 2, MaxFails: 1, MaxCrashes: 3, MaxJoins: 1, Bits: 8, StaleViews: true, AckShort: true}

func with(c Config, f func(*Config)) Config { f(&c); return c }

// TestNoAckedWriteLost is claim C16 within the stated bounds: successor-
// list replication with W = r keeps every acknowledged write while at most
// r-1 nodes fail between repairs, and r failures (the bound is tight), the
// seed's replica keys and acknowledging short writes each lose one.
// Distinct-state counts of the complete runs are pinned.
func TestNoAckedWriteLost(t *testing.T) {
	cases := []struct {
		name     string
		cfg      Config
		violated []string
		states   uint64 // pinned for complete runs (0: the run stops at the violation)
	}{
		{"successor list r=3, 2 failures between repairs", Default, nil, 53634},
		{"successor list r=2 with a join", joins, nil, 6500},
		{"successor list r=2, stale views", with(ackShort, func(c *Config) { c.AckShort = false }), nil, 4708},
		{"successor list r=2, 2 files", Config{Nodes: 4, Initial: 4, Files: 2, Replicas: 2, MaxFails: 1, MaxCrashes: 2, Bits: 8}, nil, 9420},
		{"r failures between repairs", with(Default, func(c *Config) { c.MaxFails = 3 }), []string{"NoAckedWriteLost"}, 0},
		{"seed replica keys r=3", with(Default, func(c *Config) { c.Design = ringstore.ReplicaKeys }), []string{"NoAckedWriteLost"}, 0},
		{"seed replica keys r=2, one failure", with(Default, func(c *Config) { c.Design, c.Replicas, c.MaxFails = ringstore.ReplicaKeys, 2, 1 }), []string{"NoAckedWriteLost"}, 0},
		{"acknowledge short writes", ackShort, []string{"NoAckedWriteLost"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := c.cfg.Model()
			require.NoError(t, err)
			res, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			t.Logf("%d states, depth %d", res.Stats.Distinct, res.Stats.Depth)
			if c.states == 0 {
				p := res.Properties[0]
				require.Equal(t, "NoAckedWriteLost", p.Name)
				require.Equal(t, checker.Violated, p.Status)
				t.Logf("%v\n%s", p.Path.Actions(), m.Format(p.Path.Steps[len(p.Path.Steps)-1].State))
				return
			}
			proptest.AssertVerdicts(t, res, c.violated...)
			require.Equal(t, c.states, res.Stats.Distinct)
		})
	}
}

// TestSeedLosesWithOneFailure: in the shortest loss under the seed's
// design, two failures on an empty ring shrink it to three nodes, where
// all three of f0's keys have the same successor; the write is
// acknowledged with its three copies on that node, and one failure since
// the last full repair destroys them all. The same schedule keeps the
// file under successor-list placement (where it is three distinct nodes).
func TestSeedLosesWithOneFailure(t *testing.T) {
	m, err := with(Default, func(c *Config) { c.Design = ringstore.ReplicaKeys }).Model()
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{Properties: []string{"NoAckedWriteLost"}})
	require.NoError(t, err)
	p := res.Properties[0]
	require.Equal(t, checker.Violated, p.Status)
	t.Logf("%v", p.Path.Actions())
	last := p.Path.Steps[len(p.Path.Steps)-1].State
	require.Equal(t, 1, last.Fails, "one failure since the last full repair")
	fixed, err := Default.Model()
	require.NoError(t, err)
	if path, err := checker.Replay(fixed, p.Path.Actions()); err == nil {
		at, _, err := checker.Judge(fixed, "NoAckedWriteLost", path)
		require.NoError(t, err)
		require.Equal(t, -1, at)
	}
}

// TestJoinHandsOff: with a node outside the ring that may join only once
// the write is acknowledged, some run has it join and receive the file's
// copy by a holder's repair (a Sometimes property added here).
func TestJoinHandsOff(t *testing.T) {
	m, err := joins.Model()
	require.NoError(t, err)
	next := m.Next
	m.Next = func(s State, yield func(string, State) bool) {
		next(s, func(a string, t State) bool {
			if s.Acked == 0 && strings.HasPrefix(a, "Join ") {
				return true
			}
			return yield(a, t)
		})
	}
	m.Properties = append(m.Properties, checker.Property[State]{Name: "JoinerHoldsCopy", Kind: checker.Sometimes,
		Holds: func(s State) bool { return s.Members.Has(4) && s.Nodes[4].Has("f0") && s.Acked != 0 }})
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	proptest.AssertVerdicts(t, res)
	for _, p := range res.Properties {
		if p.Name == "JoinerHoldsCopy" {
			t.Logf("%v", p.Path.Actions())
		}
	}
}

func TestBadConfigIsNamed(t *testing.T) {
	cases := []struct {
		cfg  Config
		want string
	}{
		{with(Default, func(c *Config) { c.Nodes = 0 }), "0 nodes"},
		{with(Default, func(c *Config) { c.Initial = 6 }), "6 initial members"},
		{with(Default, func(c *Config) { c.Files = 0 }), "0 files"},
		{with(Default, func(c *Config) { c.Replicas = 6 }), "replication factor 6"},
		{with(Default, func(c *Config) { c.MaxFails = -1 }), "negative bound"},
		{with(Default, func(c *Config) { c.Bits = 0 }), "id space of 0 bits"},
	}
	for _, c := range cases {
		_, err := c.cfg.Model()
		require.ErrorContains(t, err, c.want)
	}
}

// TestPropCorrectNeverLosesAckedData: random schedules (writes, deliveries,
// repairs, failures within the budget, joins; stale views) on a larger
// configuration than the exhaustive checks never lose acknowledged data.
func TestPropCorrectNeverLosesAckedData(t *testing.T) {
	big := Config{Nodes: 6, Initial: 5, Files: 2, Replicas: 3, MaxFails: 2, MaxCrashes: 6, MaxJoins: 4, Bits: 8, StaleViews: true}
	m, err := big.Model()
	require.NoError(t, err)
	rapid.Check(t, func(t *rapid.T) { proptest.Walk(t, m, 60) })
}

// TestPropFindsSeedLoss: rapid's random walks find the seed's loss too.
func TestPropFindsSeedLoss(t *testing.T) {
	m, err := with(Default, func(c *Config) { c.Design = ringstore.ReplicaKeys }).Model()
	require.NoError(t, err)
	failures, round, ok := proptest.FindViolation(m, 30, 20)
	require.True(t, ok, "no walk lost the seed's data")
	require.Contains(t, failures, "NoAckedWriteLost violated")
	t.Logf("found in round %d:\n%s", round, failures)
}

// BenchmarkDefault explores the default correct configuration.
func BenchmarkDefault(b *testing.B) {
	m, err := Default.Model()
	require.NoError(b, err)
	bench.Check(b, m, checker.Options{})
}
