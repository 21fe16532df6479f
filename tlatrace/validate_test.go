package tlatrace_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/impl/chord"
	"github.com/distcheck/distcheck/impl/chord/chordmodel"
	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/paxos/paxosmodel"
	"github.com/distcheck/distcheck/impl/raft"
	"github.com/distcheck/distcheck/impl/raft/raftmodel"
	"github.com/distcheck/distcheck/tlatrace"
)

// jar returns TLA2TOOLS_JAR or skips: TLC is never needed to build or test.
func jar(t *testing.T) string {
	t.Helper()
	j := os.Getenv("TLA2TOOLS_JAR")
	if j == "" {
		t.Skip("set TLA2TOOLS_JAR to a tla2tools.jar to validate traces with TLC")
	}
	return j
}

// walks is the number of random walks validated: the 100, or 10
// with -short.
func walks() int {
	if testing.Short() {
		return 10
	}
	return 100
}

// validate runs TLC once over all traces and asserts every one accepted.
func validate(t *testing.T, traces []*tlatrace.Trace) {
	t.Helper()
	dir := t.TempDir()
	vs, err := tlatrace.RunBatch(jar(t), dir, "", traces)
	require.NoError(t, err)
	accepted := 0
	for k, v := range vs {
		if assert.True(t, v.Accepted, "trace %d rejected at state %d (%s)", k+1, v.RejectedAt, v.Label) {
			accepted++
		}
	}
	t.Logf("%s: %d traces, %d accepted", vs[0].Version, len(vs), accepted)
}

func randomTraces[S, T any](m *checker.Model[S], spec tlatrace.Spec, abs func(S) T, render func(T) map[string]tlatrace.Value, depth int) []*tlatrace.Trace {
	var out []*tlatrace.Trace
	for w := 0; w < walks(); w++ {
		out = append(out, tlatrace.FromPath(spec, tlatrace.Walk(m, uint64(w), depth), abs, render))
	}
	return out
}

// Raft with three servers, two terms, two entries, a crash, a drop and a
// duplicate on a network that consumes messages.
func TestTLCAcceptsRaftWalks(t *testing.T) {
	jar(t)
	c := &raftmodel.Config{Servers: 3, Values: 1, MaxTerm: 2, MaxLogLen: 2,
		Env: actor.Env{MaxCrashes: 1, MaxDrops: 1, MaxDuplicates: 1, MaxInFlight: 4}}
	m, err := c.Model()
	require.NoError(t, err)
	sc := c.Spec()
	validate(t, randomTraces(m, sc.TLASpec(), c.Abstract, sc.TLAState, 40))
}

// Paxos with two proposers, three acceptors, a crash and a drop.
func TestTLCAcceptsPaxosWalks(t *testing.T) {
	jar(t)
	c := paxosmodel.Config{Proposers: 2, Acceptors: 3, MaxBallot: 3,
		Env: actor.Env{MaxCrashes: 1, MaxDrops: 1, MaxDuplicates: 1, MaxInFlight: 6}}
	m, err := c.Model()
	require.NoError(t, err)
	sc := c.Spec()
	validate(t, randomTraces(m, sc.TLASpec(), c.Abstract, sc.TLAState, 40))
}

// The corrected Chord: joins and failures with stabilization.
func TestTLCAcceptsChordWalks(t *testing.T) {
	jar(t)
	c := chordmodel.Config{Protocol: chord.Corrected, Nodes: 5, Bits: 3, R: 2, Base: 3, MaxJoins: 3, MaxFails: 2}
	m, err := c.Model()
	require.NoError(t, err)
	sc, err := c.Spec()
	require.NoError(t, err)
	validate(t, randomTraces(m, sc.TLASpec(), c.Abstract, sc.TLAState, 40))
}

func params(t *testing.T, e *corpus.Entry) map[string]int {
	p := map[string]int{}
	for _, kv := range strings.Fields(e.Params) {
		k, v, ok := strings.Cut(kv, "=")
		require.True(t, ok, kv)
		n, err := strconv.Atoi(v)
		require.NoError(t, err)
		p[k] = n
	}
	return p
}

func env(p map[string]int) actor.Env {
	e := actor.Env{Persistent: p["persistent"] != 0, MaxCrashes: p["crashes"], MaxPartitions: p["partitions"],
		MaxDrops: p["drops"], MaxDuplicates: p["dups"]}
	if !e.Persistent {
		e.MaxInFlight = p["inFlight"]
	}
	return e
}

// rejected replays a seeded bug's Conformance counterexample, finds where
// the Go conformance check fails, exports the path and returns that index
// with the trace.
func rejected[S, T any](t *testing.T, m *checker.Model[S], e *corpus.Entry, spec tlatrace.Spec, abs func(S) T, render func(T) map[string]tlatrace.Value) (int, *tlatrace.Trace) {
	p, err := checker.Replay(m, e.Steps)
	require.NoError(t, err)
	at, _, err := checker.Judge(m, "Conformance", p)
	require.NoError(t, err)
	require.GreaterOrEqual(t, at, 1, "the corpus path violates Conformance")
	return at, tlatrace.FromPath(spec, p, abs, render)
}

// Every seeded bug's Conformance counterexample is rejected by TLC at the
// step where the Go conformance check fails.
func TestTLCRejectsConformanceCounterexamples(t *testing.T) {
	j := jar(t)
	files, err := filepath.Glob(filepath.Join("..", "corpora", "*", "*-Conformance.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	n := 0
	for _, f := range files {
		e, err := corpus.ParseFile(f)
		require.NoError(t, err)
		p := params(t, e)
		var at int
		var tr *tlatrace.Trace
		switch e.System {
		case "raft":
			c := &raftmodel.Config{Servers: p["servers"], Values: p["values"], MaxTerm: p["maxTerm"], MaxLogLen: p["maxLogLen"], Env: env(p),
				Bugs: raft.Bugs{VoteNotPersisted: e.Variant == "vote-not-persisted", CommitPreviousTerm: e.Variant == "commit-previous-term",
					SkipUpToDateCheck: e.Variant == "skip-up-to-date-check"}}
			m, err := c.Model()
			require.NoError(t, err)
			sc := c.Spec()
			at, tr = rejected(t, m, e, sc.TLASpec(), c.Abstract, sc.TLAState)
		case "paxos":
			c := paxosmodel.Config{Proposers: p["proposers"], Acceptors: p["acceptors"], MaxBallot: p["maxBallot"], Env: env(p),
				AcceptorCrashesOnly: p["acceptorCrashesOnly"] != 0,
				Bugs: paxos.Bugs{AcceptorHidesValue: e.Variant == "acceptor-hides-value", ProposerIgnoresReports: e.Variant == "proposer-ignores-reports",
					AcceptLowerBallot: e.Variant == "accept-lower-ballot", VolatileAcceptor: e.Variant == "volatile-acceptor", HalfQuorum: e.Variant == "half-quorum"}}
			m, err := c.Model()
			require.NoError(t, err)
			sc := c.Spec()
			at, tr = rejected(t, m, e, sc.TLASpec(), c.Abstract, sc.TLAState)
		default:
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			path, err := tr.Write(t.TempDir(), tlatrace.Options{})
			require.NoError(t, err)
			v, err := tlatrace.RunTLC(j, path)
			require.NoError(t, err)
			assert.False(t, v.Accepted)
			assert.Equal(t, at+1, v.RejectedAt, "TLC rejects the state where Go's conformance check fails")
			assert.Equal(t, e.Steps[at], v.Label)
			t.Logf("rejected at state %d: %s", v.RejectedAt, v.Label)
		})
	}
	require.Positive(t, n)
}

// Partial observation: the same Raft walks exported with every variable,
// without the candidates' and leaders' bookkeeping (votesGranted,
// matchIndex), and without the network (msgs). TLC accepts all, and its
// state count shows the cost of finding the hidden variables. A seeded bug
// stays visible when the variable it corrupts is observed.
func TestTLCPartialObservation(t *testing.T) {
	j := jar(t)
	c := &raftmodel.Config{Servers: 3, Values: 1, MaxTerm: 2, MaxLogLen: 1,
		Env: actor.Env{MaxCrashes: 1, MaxDrops: 1, MaxInFlight: 4}}
	m, err := c.Model()
	require.NoError(t, err)
	sc := c.Spec()
	views := [][]string{nil,
		{"currentTerm", "role", "votedFor", "log", "commitIndex", "msgs"},
		{"currentTerm", "role", "votedFor", "log", "commitIndex", "votesGranted", "matchIndex"}}
	for w := uint64(0); w < 2; w++ {
		tr := tlatrace.FromPath(sc.TLASpec(), tlatrace.Walk(m, w, 12), c.Abstract, sc.TLAState)
		var distinct []int
		for _, obs := range views {
			path, err := tr.Write(t.TempDir(), tlatrace.Options{Observe: obs})
			require.NoError(t, err)
			v, err := tlatrace.RunTLC(j, path)
			require.NoError(t, err)
			assert.True(t, v.Accepted, "walk %d observing %v: rejected at %d", w, obs, v.RejectedAt)
			distinct = append(distinct, v.Distinct)
		}
		assert.Equal(t, len(tr.States), distinct[0], "full observation: one state per trace position")
		assert.GreaterOrEqual(t, distinct[1], distinct[0])
		assert.GreaterOrEqual(t, distinct[2], distinct[0])
		t.Logf("walk %d, %d states: TLC's distinct states observing every variable %d, all but votesGranted and matchIndex %d, all but msgs %d",
			w, len(tr.States), distinct[0], distinct[1], distinct[2])
	}

	e, err := corpus.ParseFile(filepath.Join("..", "corpora", "raft", "vote-not-persisted-Conformance.txt"))
	require.NoError(t, err)
	p := params(t, e)
	bug := &raftmodel.Config{Servers: p["servers"], Values: p["values"], MaxTerm: p["maxTerm"], MaxLogLen: p["maxLogLen"], Env: env(p),
		Bugs: raft.Bugs{VoteNotPersisted: true}}
	bm, err := bug.Model()
	require.NoError(t, err)
	bsc := bug.Spec()
	at, tr := rejected(t, bm, e, bsc.TLASpec(), bug.Abstract, bsc.TLAState)
	path, err := tr.Write(t.TempDir(), tlatrace.Options{Observe: []string{"currentTerm", "role", "votedFor"}})
	require.NoError(t, err)
	v, err := tlatrace.RunTLC(j, path)
	require.NoError(t, err)
	assert.False(t, v.Accepted)
	assert.Equal(t, at+1, v.RejectedAt)
}
