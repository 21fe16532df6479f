package etcdraftmodel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/etcdraft"
	"github.com/distcheck/distcheck/internal/bench"
	"github.com/distcheck/distcheck/internal/longtest"
)

// small is the system's default: three voters, one term, one proposal, a
// consuming network with at most three messages in flight.
var small = Config{Nodes: 3, MaxTerm: 1, Proposals: 1, Env: actor.Env{MaxInFlight: 3}}

func check(t *testing.T, c Config) *checker.Result[System] {
	t.Helper()
	m, err := c.Model()
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	return res
}

func TestCorrectHolds(t *testing.T) {
	res := check(t, small)
	require.True(t, res.Complete)
	assert.Equal(t, uint64(3814), res.Stats.Distinct, "pinned: explore check etcdraft")
	for _, p := range res.Properties {
		assert.Equal(t, checker.Holds, p.Status, p.Name)
	}
}

func TestCorrectHoldsWithFaults(t *testing.T) {
	longtest.Skip(t) // a crash, a drop with heartbeats: about 35,000 states each
	for _, c := range []Config{
		{Nodes: 3, MaxTerm: 1, Proposals: 1, Env: actor.Env{MaxInFlight: 3, MaxCrashes: 1}},
		{Nodes: 3, MaxTerm: 1, Proposals: 1, Heartbeats: true, Env: actor.Env{MaxInFlight: 3, MaxDrops: 1}},
	} {
		res := check(t, c)
		require.True(t, res.Complete)
		for _, p := range res.Properties {
			assert.Equal(t, checker.Holds, p.Status, "%s with %+v", p.Name, c.Env)
		}
	}
}

func TestSeededBugsCaught(t *testing.T) {
	cases := []struct {
		name  string
		bugs  etcdraft.Bugs
		env   actor.Env
		prop  string
		steps int
		slow  bool
	}{
		{"forget-hardstate", etcdraft.Bugs{ForgetHardState: true}, actor.Env{MaxInFlight: 4, MaxCrashes: 1}, "ElectionSafety", 12, true},
		{"lose-unstable", etcdraft.Bugs{LoseUnstable: true}, actor.Env{MaxInFlight: 3, MaxCrashes: 1}, "CleanRestart", 6, false},
		{"apply-before-persist", etcdraft.Bugs{ApplyBeforePersist: true}, actor.Env{MaxInFlight: 3, MaxCrashes: 1}, "CleanRestart", 6, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.slow {
				longtest.Skip(t) // about 180,000 states; the corpus replay in internal/systems checks its saved counterexample
			}
			cfg := small
			cfg.Bugs, cfg.Env = c.bugs, c.env
			m, err := cfg.Model()
			require.NoError(t, err)
			res, err := checker.Check(m, checker.Options{Properties: []string{c.prop}, StopOnViolation: true})
			require.NoError(t, err)
			p := res.Properties[0]
			require.Equal(t, checker.Violated, p.Status)
			assert.Equal(t, c.steps, len(p.Path.Steps)-1, "BFS length")
			// The same schedule on the correct host violates nothing.
			good := cfg
			good.Bugs = etcdraft.Bugs{}
			gm, err := good.Model()
			require.NoError(t, err)
			if gp, err := checker.Replay(gm, p.Path.Actions()); err == nil {
				at, _, err := checker.Judge(gm, c.prop, gp)
				require.NoError(t, err)
				assert.Equal(t, -1, at, "the correct host violates %s on the same schedule", c.prop)
			}
		})
	}
}

// TestRebuildIsFaithful checks the premise of rebuilding nodes instead of
// cloning them: along a path with a crash, every node rebuilt from its
// start and events encodes exactly like the node the state holds.
func TestRebuildIsFaithful(t *testing.T) {
	c := small
	c.Env.MaxCrashes = 1
	m, err := c.Model()
	require.NoError(t, err)
	p := c.Protocol()
	crashed := false
	for _, mul := range []int{7, 5, 3} {
		var s System
		m.Init(func(_ string, i System) bool { s = i; return false })
		for k := 0; k < 30; k++ {
			var acts []string
			var next []System
			m.Next(s, func(a string, t System) bool { acts = append(acts, a); next = append(next, t); return true })
			if len(next) == 0 {
				break
			}
			j := (k * mul) % len(next)
			s = next[j]
			crashed = crashed || acts[j] == "Crash n1" || acts[j] == "Crash n2" || acts[j] == "Crash n3"
			for i := range s.Nodes {
				n, err := actor.Rebuild(p, s, i)
				require.NoError(t, err)
				var a, b checker.Encoder
				p.Encode(s.Nodes[i], &a)
				p.Encode(n, &b)
				require.Equal(t, a.Bytes(), b.Bytes(), "n%d after %s: %s vs %s", i+1, acts[j], p.Format(s.Nodes[i]), p.Format(n))
			}
		}
	}
	assert.True(t, crashed, "some path crashes a node")
}

func BenchmarkCheck(b *testing.B) {
	m, err := small.Model()
	if err != nil {
		b.Fatal(err)
	}
	bench.Check(b, m, checker.Options{})
}

// TestShrinkRemovesFaultPairs pads the lose-unstable counterexample with a
// Partition+Heal and a Duplicate+Deliver pair, which no single-step removal
// can take out, and shrinks it back to its BFS length.
func TestShrinkRemovesFaultPairs(t *testing.T) {
	c := small
	c.Bugs = etcdraft.Bugs{LoseUnstable: true}
	c.Env = actor.Env{MaxInFlight: 4, MaxCrashes: 1, MaxPartitions: 1, MaxDuplicates: 1}
	m, err := c.Model()
	require.NoError(t, err)
	padded := []string{"Init", "Partition {n1}|{n2,n3}", "Timer n1 campaign", "Heal",
		"Duplicate n1->n3 Vote{t:1}", "Deliver n1->n2 Vote{t:1}", "Deliver n1->n3 Vote{t:1}",
		"Deliver n2->n1 VoteResp{t:1}", "Deliver n1->n2 App{t:1 [1.1:]}", "Deliver n2->n1 AppResp{t:1 lt:0 i:1}", "Crash n1"}
	short, err := checker.Shrink(m, "CleanRestart", padded)
	require.NoError(t, err)
	assert.Equal(t, []string{"Init", "Timer n1 campaign", "Deliver n1->n2 Vote{t:1}", "Deliver n2->n1 VoteResp{t:1}",
		"Deliver n1->n2 App{t:1 [1.1:]}", "Deliver n2->n1 AppResp{t:1 lt:0 i:1}", "Crash n1"}, short)
}
