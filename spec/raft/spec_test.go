package raft

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/internal/bench"
	"github.com/distcheck/distcheck/spec"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestStateCountsEqualTLC: every Raft model of spec/manifest.json gives
// TLC's distinct states, generated states, depth and verdict.
func TestStateCountsEqualTLC(t *testing.T) {
	n := spectest.EqualsTLC(t, "raft/Raft.tla", func(name string) (*checker.Model[State], bool) {
		c, ok := Models[name]
		return c.Model(), ok
	})
	assert.Equal(t, len(Models), n, "Raft models in the manifest")
}

func TestMerge(t *testing.T) {
	e := func(ts ...uint8) Log {
		var l Log
		for _, x := range ts {
			l = l.Append(Entry{Term: x, Value: 1})
		}
		return l
	}
	cases := []struct {
		name    string
		log     Log
		prev    int
		entries Log
		want    Log
	}{
		{"append to empty", e(), 0, e(1, 1), e(1, 1)},
		{"stale shorter message keeps the longer log", e(1, 1, 2), 0, e(1), e(1, 1, 2)},
		{"conflict cuts the log", e(1, 1, 2), 1, e(3), e(1, 3)},
		{"agreeing prefix then new entries", e(1, 2), 1, e(2, 2), e(1, 2, 2)},
		{"heartbeat", e(1), 1, e(), e(1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, Merge(c.log, c.prev, c.entries))
		})
	}
}

// TestInvariantsCanFail guards against invariants that cannot fail: each is
// shown a hand-made bad state.
func TestInvariantsCanFail(t *testing.T) {
	c := Config{Servers: 3, Values: 2, MaxTerm: 3, MaxLogLen: 2}
	base := c.Init()
	twoLeaders := base
	twoLeaders.Role[0], twoLeaders.Role[1] = Leader, Leader
	twoLeaders.CurrentTerm[0], twoLeaders.CurrentTerm[1] = 1, 1
	assert.False(t, c.ElectionSafety(&twoLeaders))

	mismatch := base
	mismatch.Log[0] = Log{}.Append(Entry{1, 1}).Append(Entry{2, 1})
	mismatch.Log[1] = Log{}.Append(Entry{1, 2}).Append(Entry{2, 1})
	assert.False(t, c.LogMatching(&mismatch))

	committed := base
	committed.Log[0] = Log{}.Append(Entry{1, 1})
	committed.CommitIndex[0] = 1
	committed.CurrentTerm[0] = 1
	committed.Log[1] = Log{}.Append(Entry{2, 1})
	committed.CommitIndex[1] = 1
	assert.False(t, c.StateMachineSafety(&committed))
	committed.Role[1], committed.CurrentTerm[1] = Leader, 2
	assert.False(t, c.LeaderCompleteness(&committed))

	bad := base
	bad.VotesGranted[0] = 1
	assert.False(t, c.TypeOK(&bad))
	assert.True(t, c.TypeOK(&base))
}

// Benchmarks: states/s of each strategy on the MCRaft twin.
func BenchmarkSpecBFS(b *testing.B) {
	bench.Check(b, Models["MCRaft"].Model(), checker.Options{Strategy: checker.BFS})
}

// BenchmarkSpecBFSWorkers: the parallel speed-up on MCRaft (1 vs 2 workers).
func BenchmarkSpecBFSWorkers(b *testing.B) {
	bench.Workers(b, Models["MCRaft"].Model(), checker.Options{})
}

// BenchmarkSpecBFSSymmetry: MCRaftSymLog (MCRaft under server symmetry),
// 1 vs 2 workers.
func BenchmarkSpecBFSSymmetry(b *testing.B) {
	bench.Workers(b, Models["MCRaft"].Model(), checker.Options{Symmetry: true})
}

// BenchmarkReachThreeServersSymmetric is a reach target, not a timed test:
// three servers, two terms, one entry (servers=3,maxTerm=2,maxLogLen=1)
// under server symmetry, on every core. Run it with -benchtime 1x.
func BenchmarkReachThreeServersSymmetric(b *testing.B) {
	c := Config{Servers: 3, Values: 1, MaxTerm: 2, MaxLogLen: 1}
	bench.Check(b, c.Model(), checker.Options{Symmetry: true})
}

func BenchmarkSpecDFS(b *testing.B) {
	bench.Check(b, Models["MCRaft"].Model(), checker.Options{Strategy: checker.DFS})
}
func BenchmarkSpecSimulate(b *testing.B) {
	bench.Check(b, Models["MCRaft"].Model(), checker.Options{Strategy: checker.Simulate, Walks: 2000, MaxDepth: 60, Seed: 1})
}

// BenchmarkSpecFrontier: MCRaft with packed and with whole states in the
// frontier (peak heap per state and speed, one worker).
func BenchmarkSpecFrontier(b *testing.B) {
	bench.Frontier(b, Models["MCRaft"].Model(), checker.Options{Workers: 1})
}

// TestModelsAreTheirCfgs: each Go model has the constants and properties of
// every manifest .cfg that names it (MCRaft3 has only MCRaft3Sym.cfg: it is
// pinned only under symmetry), and every Go model has one.
func TestModelsAreTheirCfgs(t *testing.T) {
	man, err := spec.Load()
	require.NoError(t, err)
	covered := map[string]bool{}
	for _, entry := range man.Models {
		if entry.Spec != "raft/Raft.tla" {
			continue
		}
		name := cmp.Or(entry.Twin, entry.Name)
		covered[name] = true
		t.Run(entry.Name, func(t *testing.T) {
			c, ok := Models[name]
			require.True(t, ok, "no Go model %s", name)
			text, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(entry.Config)))
			require.NoError(t, err)
			f := spectest.ParseCfg(string(text))
			want := map[string]string{"Server": spectest.ModelValues("s", c.Servers), "Value": spectest.ModelValues("v", c.Values),
				"MaxTerm": fmt.Sprint(c.MaxTerm), "MaxLogLen": fmt.Sprint(c.MaxLogLen), "Nil": "Nil"}
			assert.Equal(t, want, f.Constants)
			spectest.PropertiesMatch(t, c.Model(), f)
		})
	}
	assert.Len(t, covered, len(Models), "every Go model has a .cfg in the manifest")
}
