package checker_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/spec/paxos"
	"github.com/distcheck/distcheck/spec/quorum"
	"github.com/distcheck/distcheck/spec/raft"
)

// summary is what must not depend on the number of workers.
type summary struct {
	Distinct, Generated uint64
	Depth               int
	Complete            bool
	Stopped             string
	Props               []string // name, status, detail, actions, loop
}

func summarize[S any](res *checker.Result[S]) summary {
	s := summary{Distinct: res.Stats.Distinct, Generated: res.Stats.Generated, Depth: res.Stats.Depth,
		Complete: res.Complete, Stopped: res.Stopped}
	for _, p := range res.Properties {
		line := fmt.Sprintf("%s %v %q", p.Name, p.Status, p.Detail)
		if p.Path != nil {
			line += fmt.Sprintf(" %q loop=%d %q", p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
		}
		s.Props = append(s.Props, line)
	}
	return s
}

// sameForAllWorkers checks m with 1, 2 and 4 workers and requires equal
// results, counterexample paths included.
func sameForAllWorkers[S any](t *testing.T, m *checker.Model[S], opt checker.Options) summary {
	t.Helper()
	var first summary
	for _, w := range []int{1, 2, 4} {
		opt.Workers = w
		res, err := checker.Check(m, opt)
		require.NoError(t, err)
		got := summarize(res)
		if w == 1 {
			first = got
			continue
		}
		assert.Equal(t, first, got, "%d workers", w)
	}
	return first
}

func TestParallelResultsDoNotDependOnWorkers(t *testing.T) {
	t.Run("raft MCRaftElection", func(t *testing.T) {
		s := sameForAllWorkers(t, raft.Models["MCRaftElection"].Model(), checker.Options{})
		assert.Equal(t, uint64(2274), s.Distinct, "TLC's count")
		assert.True(t, s.Complete)
	})
	t.Run("raft with a broken invariant, stopping at the first violation", func(t *testing.T) {
		m := raft.Models["MCRaftElection"].Model()
		m.Properties = append(m.Properties, checker.Property[raft.State]{Name: "NoLeader", Kind: checker.Always,
			Holds: func(s raft.State) bool { return s.Role[0] != raft.Leader && s.Role[2] != raft.Leader }})
		s := sameForAllWorkers(t, m, checker.Options{StopOnViolation: true})
		assert.Contains(t, s.Props[len(s.Props)-1], "NoLeader violated")
		assert.False(t, s.Complete)
	})
	t.Run("raft MCRaftElection with symmetry", func(t *testing.T) {
		s := sameForAllWorkers(t, raft.Models["MCRaftElection"].Model(), checker.Options{Symmetry: true})
		assert.Equal(t, uint64(405), s.Distinct, "TLC's count with SYMMETRY")
	})
	t.Run("paxos MCPaxos", func(t *testing.T) {
		s := sameForAllWorkers(t, paxos.Models["MCPaxos"].Model(), checker.Options{})
		assert.Equal(t, uint64(7697), s.Distinct)
	})
	t.Run("paxos MCPaxosDuel liveness", func(t *testing.T) {
		s := sameForAllWorkers(t, paxos.Models["MCPaxosDuel"].Model(), checker.Options{})
		assert.Equal(t, uint64(18641), s.Distinct)
		assert.Contains(t, fmt.Sprint(s.Props), "EventuallyChosen violated")
	})
	t.Run("quorum MCQuorumSplit safety", func(t *testing.T) {
		s := sameForAllWorkers(t, quorum.Models["MCQuorumSplit"].Model(), checker.Options{})
		assert.Contains(t, fmt.Sprint(s.Props), "AtMostOneWinner violated")
	})
	t.Run("quorum MCQuorumBlocked liveness", func(t *testing.T) {
		s := sameForAllWorkers(t, quorum.Models["MCQuorumBlocked"].Model(), checker.Options{})
		assert.Contains(t, fmt.Sprint(s.Props), "EventuallyDecided violated")
	})
	t.Run("bounds", func(t *testing.T) {
		m := paxos.Models["MCPaxos"].Model()
		sameForAllWorkers(t, m, checker.Options{MaxDepth: 6})
		s := sameForAllWorkers(t, m, checker.Options{MaxStates: 1000})
		assert.Contains(t, s.Stopped, "max states")
	})
}

// counter counts to 10 and panics at 7 when asked to, in Next or in a property.
func counter(where string) *checker.Model[int] {
	return &checker.Model[int]{
		Name: "counter",
		Init: func(yield func(string, int) bool) { yield("Init", 0) },
		Next: func(x int, yield func(string, int) bool) {
			if where == "next" && x == 7 {
				var xs []int
				_ = xs[x] // a real runtime panic: index out of range
			}
			if x < 10 && !yield("Inc", x+1) {
				return
			}
			if x > 2 {
				yield("Reset", 0)
			}
		},
		Encode: func(x int, e *checker.Encoder) { e.Int(x) },
		Properties: []checker.Property[int]{{Name: "Small", Kind: checker.Always, Holds: func(x int) bool {
			if where == "property" && x == 7 {
				panic(fmt.Sprintf("property cannot judge %d", x))
			}
			return x <= 10
		}}},
	}
}

func TestPanicIsAViolation(t *testing.T) {
	for _, where := range []string{"next", "property"} {
		for _, w := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/%d workers", where, w), func(t *testing.T) {
				m := counter(where)
				res, err := checker.Check(m, checker.Options{Workers: w})
				require.NoError(t, err)
				p, ok := res.Property(checker.NoPanic)
				require.True(t, ok, "NoPanic is reported")
				require.Equal(t, checker.Violated, p.Status)
				assert.Equal(t, checker.Always, p.Kind)
				assert.Contains(t, p.Detail, "panic:")
				require.Len(t, p.Path.Steps, 8, "Init and seven increments")
				assert.Equal(t, 7, p.Path.Steps[7].State)
				assert.False(t, res.Complete, "the panicking state was not expanded")
				assert.Equal(t, checker.Violated, res.Verdict())
				// Replay and Judge reproduce it from the action labels.
				q, err := checker.Replay(m, p.Path.Actions())
				require.NoError(t, err)
				at, detail, err := checker.Judge(m, checker.NoPanic, q)
				require.NoError(t, err)
				assert.Equal(t, 7, at)
				assert.Equal(t, p.Detail, detail)
			})
		}
	}
	t.Run("simulation", func(t *testing.T) {
		m := counter("next")
		res, err := checker.Check(m, checker.Options{Strategy: checker.Simulate, Seed: 1, Walks: 50, MaxDepth: 30})
		require.NoError(t, err)
		p, ok := res.Property(checker.NoPanic)
		require.True(t, ok)
		require.Equal(t, checker.Violated, p.Status)
		assert.Equal(t, 7, p.Path.Steps[len(p.Path.Steps)-1].State)
	})
	t.Run("init", func(t *testing.T) {
		m := counter("")
		m.Init = func(func(string, int) bool) { panic("no initial state today") }
		res, err := checker.Check(m, checker.Options{})
		require.NoError(t, err)
		p, ok := res.Property(checker.NoPanic)
		require.True(t, ok)
		assert.Contains(t, p.Detail, "no initial state today")
		_, err = checker.Replay(m, []string{"Init"})
		assert.ErrorContains(t, err, "panic: no initial state today")
	})
	t.Run("no panic, no NoPanic", func(t *testing.T) {
		res, err := checker.Check(counter(""), checker.Options{})
		require.NoError(t, err)
		_, ok := res.Property(checker.NoPanic)
		assert.False(t, ok)
		assert.True(t, res.Complete)
	})
}

// TestMemoryLimitStopsParallelSearch: with workers ahead of the merge, the
// memory limit still stops the run cleanly with partial statistics.
func TestMemoryLimitStopsParallelSearch(t *testing.T) {
	for _, w := range []int{1, 2} {
		res, err := checker.Check(paxos.Models["MCPaxos"].Model(), checker.Options{Workers: w, MemoryLimit: 1})
		require.NoError(t, err)
		assert.Contains(t, res.Stopped, "memory limit")
		assert.False(t, res.Complete)
		assert.Equal(t, checker.Unknown, res.Verdict())
		assert.Positive(t, res.Stats.Distinct)
		assert.Positive(t, res.Stats.Queue, "states left unexpanded are counted")
	}
}

// TestMaxStatesStopsAtTheSameStateForAnyWorkers: the bound is checked on
// the frontier including the chunks workers expanded ahead of the merge.
func TestMaxStatesStopsAtTheSameStateForAnyWorkers(t *testing.T) {
	m := raft.Models["MCRaftElection"].Model()
	for _, n := range []int{1, 100, 2273, 2274, 2275} {
		s := sameForAllWorkers(t, m, checker.Options{MaxStates: n})
		if n > 2274 { // reaching the 2274th state with states still queued stops the search
			assert.True(t, s.Complete, "max states %d", n)
		} else {
			assert.Contains(t, s.Stopped, "max states", "max states %d", n)
		}
	}
}
