package kvmodel

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/checker/proptest"
	"github.com/distcheck/distcheck/impl/kv"
	"github.com/distcheck/distcheck/internal/bench"
	"github.com/distcheck/distcheck/internal/longtest"
	"github.com/distcheck/distcheck/linearizability"
)

func script(t testing.TB, s string) []kv.Command {
	cmds, err := ParseScript(s)
	require.NoError(t, err)
	return cmds
}

// writerReader: client 1 writes x, client 2 reads it, on two servers.
func writerReader(t testing.TB, d Design) Config {
	return Config{Design: d, Servers: 2, Scripts: [][]kv.Command{script(t, "put(x,1)"), script(t, "get(x)")},
		MaxTerm: 1, MaxRetries: 1, Env: actor.Env{MaxInFlight: 2}}
}

// TestDesigns: exhaustively, the CP store's histories are all
// linearizable (and Raft's safety holds); the stale-read variant and the
// AP store each produce a non-linearizable history, the shortest of which
// is a read that misses a write that completed before it began.
func TestDesigns(t *testing.T) {
	longtest.Skip(t)
	cases := []struct {
		d        Design
		states   uint64
		violated []string
	}{
		{CP, 25374, nil},
		{CPPaxos, 13569, nil},
		{CPStale, 0, []string{"Linearizable"}},
		{AP, 0, []string{"Linearizable"}},
	}
	for _, c := range cases {
		t.Run(c.d.String(), func(t *testing.T) {
			cfg := writerReader(t, c.d)
			if c.d == CPPaxos {
				cfg.Env.MaxInFlight, cfg.MaxRetries = 3, 0 // Multi-Paxos needs a third message in flight
			}
			m, err := cfg.Model()
			require.NoError(t, err)
			res, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			t.Logf("%d states, depth %d", res.Stats.Distinct, res.Stats.Depth)
			if c.violated == nil {
				proptest.AssertVerdicts(t, res)
				assert.Equal(t, c.states, res.Stats.Distinct, "pinned from a run")
				return
			}
			p, _ := res.Property("Linearizable")
			require.Equal(t, checker.Violated, p.Status)
			last := p.Path.Steps[len(p.Path.Steps)-1].State
			assert.Equal(t, `c1 call put(x,1); c1 returns ok; c2 call get(x); c2 returns ""`, cfg.FormatHistory(last.Hist))
			assert.Equal(t, linearizability.Illegal, linearizability.Check(linearizability.KVModel(), cfg.History(last.Hist), 0).Verdict)
		})
	}
}

// TestPropCPLinearizable: random schedules of three servers, three
// clients with two operations each, crashes (a crashed client leaves its
// operation's outcome unknown), drops, duplicates, a partition and three
// terms never produce a
// non-linearizable history or break Raft's safety.
func TestPropCPLinearizable(t *testing.T) {
	for _, d := range []Design{CP, CPPaxos} {
		t.Run(d.String(), func(t *testing.T) {
			cfg := Config{Design: d, Servers: 3, MaxTerm: 3, MaxRetries: 3,
				Scripts: [][]kv.Command{script(t, "put(x,1) get(x)"), script(t, "get(x) append(x,2)"), script(t, "put(x,3) get(x)")},
				Env:     actor.Env{MaxInFlight: 6, MaxCrashes: 2, MaxPartitions: 1, MaxDrops: 2, MaxDuplicates: 2}}
			m, err := cfg.Model()
			require.NoError(t, err)
			completed := 0
			rapid.Check(t, func(t *rapid.T) {
				s := proptest.Walk(t, m, 150)
				for _, ev := range s.Hist {
					if ev.Return {
						completed++
					}
				}
			})
			assert.Positive(t, completed, "the walks complete operations (not a vacuous run)")
		})
	}
}

// TestPropStaleReadsFound: rapid finds the stale read on three servers too.
func TestPropStaleReadsFound(t *testing.T) {
	cfg := Config{Design: CPStale, Servers: 3, MaxTerm: 2, MaxRetries: 2,
		Scripts: [][]kv.Command{script(t, "put(x,1) put(x,2)"), script(t, "get(x) get(x)"), script(t, "get(x) get(x)")},
		Env:     actor.Env{MaxInFlight: 4}}
	m, err := cfg.Model()
	require.NoError(t, err)
	failures, _, ok := proptest.FindViolation(m, 100, 30)
	require.True(t, ok, "rapid finds no stale read")
	assert.Contains(t, failures, "Linearizable violated")
}

func TestParseScriptAndBadConfig(t *testing.T) {
	cmds := script(t, "put(x,1) get(x) append(y,ab)")
	assert.Equal(t, []kv.Command{{Kind: kv.Put, Key: "x", Value: "1"}, {Kind: kv.Get, Key: "x"}, {Kind: kv.Append, Key: "y", Value: "ab"}}, cmds)
	for _, bad := range []string{"put(x)", "get()", "del(x)", "get(x"} {
		_, err := ParseScript(bad)
		assert.Error(t, err, bad)
	}
	_, err := Config{Design: CP, Servers: 2, Scripts: [][]kv.Command{nil}, Env: actor.Env{Persistent: true}}.Model()
	assert.ErrorContains(t, err, "maxTerm")
	_, err = Config{Design: AP, Servers: 9, Scripts: [][]kv.Command{nil}}.Model()
	assert.True(t, err != nil && strings.Contains(err.Error(), "out of range"))
}

// BenchmarkCPModel: the exhaustive check of the CP store, porcupine on every
// history included.
func BenchmarkCPModel(b *testing.B) {
	m, err := writerReader(b, CP).Model()
	require.NoError(b, err)
	bench.Check(b, m, checker.Options{})
}

// TestCPUnderFaults: the CP store stays linearizable, exhaustively, when a
// node (server or client) may crash, and when the network may partition.
// A crashed client leaves its operation's outcome unknown.
func TestCPUnderFaults(t *testing.T) {
	longtest.Skip(t)
	if testing.Short() {
		t.Skip("about 15 s")
	}
	for _, c := range []struct {
		name   string
		env    actor.Env
		states uint64
	}{
		{"a crash", actor.Env{MaxInFlight: 2, MaxCrashes: 1}, 255492},
		{"a partition", actor.Env{MaxInFlight: 2, MaxPartitions: 1}, 228366},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := writerReader(t, CP)
			cfg.Env = c.env
			m, err := cfg.Model()
			require.NoError(t, err)
			res, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			proptest.AssertVerdicts(t, res)
			assert.Equal(t, c.states, res.Stats.Distinct, "pinned from a run")
		})
	}
}
