package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/tlatrace"
)

// TLC's own counterexamples of the refuted spec models (real TLC output,
// kept in tlatrace/testdata/tlc) become corpus files that replay.
func TestTLCImportReplays(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ system, model, property string }{
		{"paxos-spec", "MCPaxosDuel", "EventuallyChosen"},
		{"chord-spec", "MCChordTwoRings", "AtMostOneRing"},
		{"quorum-spec", "MCQuorumSplit", "AtMostOneWinner"},
		{"cap-spec", "MCCapAP", "Linearizable"},
	} {
		t.Run(c.model, func(t *testing.T) {
			src := filepath.Join("..", "..", "tlatrace", "testdata", "tlc", c.model)
			text := filepath.Join(dir, c.model+".txt")
			code, out, errs := runCLI("tlcimport", c.system, "-variant", c.model, "-o", text, src+".out")
			require.Equal(t, exitHolds, code, out+errs)
			assert.Contains(t, out, c.property+" violated")
			code, out, errs = runCLI("replay", text)
			require.Equal(t, exitHolds, code, out+errs)

			// The JSON dump gives the same corpus path.
			js := filepath.Join(dir, c.model+"-json.txt")
			code, out, errs = runCLI("tlcimport", c.system, "-variant", c.model, "-property", c.property, "-o", js, src+".json")
			require.Equal(t, exitHolds, code, out+errs)
			a, err := corpus.ParseFile(text)
			require.NoError(t, err)
			b, err := corpus.ParseFile(js)
			require.NoError(t, err)
			assert.Equal(t, a.Steps, b.Steps)
			assert.Equal(t, a.Loop, b.Loop)
			assert.Equal(t, a.LoopAction, b.LoopAction)
			if c.model == "MCPaxosDuel" {
				assert.Equal(t, len(a.Steps)-1, a.Loop, "the duel ends stuttering")
			}
		})
	}
}

func TestTraceExportWithoutTLC(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join("..", "..", "corpora", "raft", "vote-not-persisted-Conformance.txt")
	code, out, errs := runCLI("trace", "raft", "-path", file, "-tla", dir)
	require.Equal(t, exitHolds, code, out+errs)
	e, err := corpus.ParseFile(file)
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(dir, "RaftTrace.tla"))
	require.NoError(t, err)
	states, err := tlatrace.ReadTrace(string(data))
	require.NoError(t, err)
	require.Len(t, states, len(e.Steps))
	for k, s := range states {
		assert.Equal(t, e.Steps[k], s.Label)
	}
	assert.FileExists(t, filepath.Join(dir, "RaftTrace.cfg"))
	assert.FileExists(t, filepath.Join(dir, "Raft.tla"), "the spec is copied beside the trace")

	code, out, errs = runCLI("trace", "paxos", "-walks", "2", "-depth", "10", "-vars", "maxBal,msgs", "-tla", dir)
	require.Equal(t, exitHolds, code, out+errs)
	for _, f := range []string{"PaxosTrace001.tla", "PaxosTrace002.tla", "Paxos.tla"} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
}

func TestTraceBadInput(t *testing.T) {
	t.Setenv("TLA2TOOLS_JAR", "")
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"trace", "raft", "-walks", "1"}, "-tla DIR is required"},
		{[]string{"trace", "raft", "-tla", dir}, "either -path FILE or -walks W"},
		{[]string{"trace", "raft", "-walks", "1", "-tla", dir, "-tlc"}, "-tlc needs TLA2TOOLS_JAR"},
		{[]string{"trace", "raft", "-walks", "1", "-tla", dir, "-vars", "term"}, `"term" is not a variable of Raft`},
		{[]string{"trace", "generals", "-walks", "1", "-tla", dir}, "no TLA+ trace pairing"},
		{[]string{"trace", "paxos", "-path", "../../corpora/raft/vote-not-persisted-Conformance.txt", "-tla", dir}, "counterexample of raft, not paxos"},
		{[]string{"tlcimport", "raft", "x.out"}, "no spec twin"},
		{[]string{"tlcimport", "quorum-spec", "../../tlatrace/testdata/tlc/MCQuorumSplit.json"}, "give -property"},
		{[]string{"tlcimport", "quorum-spec", "../../go.mod"}, "no error trace"},
	} {
		code, out, errs := runCLI(c.args...)
		assert.Equal(t, exitUsage, code, "%v: %s", c.args, out)
		assert.Contains(t, errs, c.want, "%v", c.args)
	}
	// A TLC trace of another model does not map onto the twin.
	code, _, errs := runCLI("tlcimport", "quorum-spec", "-variant", "MCQuorumSafe", "../../tlatrace/testdata/tlc/MCQuorumSplit.out")
	assert.Equal(t, exitViolated, code)
	assert.Contains(t, errs, "does not map onto quorum-spec")
}

// With a tla2tools.jar: random walks of the implementation are accepted
// by TLC in one run, and a seeded bug's Conformance counterexample is
// rejected at the step where Go's conformance check fails.
func TestTraceWithTLC(t *testing.T) {
	if os.Getenv("TLA2TOOLS_JAR") == "" {
		t.Skip("set TLA2TOOLS_JAR to a tla2tools.jar to validate traces with TLC")
	}
	dir := t.TempDir()
	code, out, errs := runCLI("trace", "raft", "-walks", "3", "-depth", "20", "-set", "servers=3,persistent=0,drops=1,inFlight=4", "-tla", dir, "-tlc")
	require.Equal(t, exitHolds, code, out+errs)
	assert.Contains(t, out, "3 traces, 3 accepted by TLC")

	// The spec twins' own walks, rendered the way import reads TLC's states.
	for _, sys := range []string{"cap-spec", "quorum-spec"} {
		code, out, errs = runCLI("trace", sys, "-walks", "3", "-depth", "8", "-tla", t.TempDir(), "-tlc")
		require.Equal(t, exitHolds, code, out+errs)
		assert.Contains(t, out, "3 traces, 3 accepted by TLC")
	}

	code, out, errs = runCLI("trace", "raft", "-path", "../../corpora/raft/skip-up-to-date-check-Conformance.txt", "-tla", t.TempDir(), "-tlc")
	require.Equal(t, exitViolated, code, out+errs)
	assert.Contains(t, out, "REJECTED at state 7")
	assert.Contains(t, out, "1 traces, 0 accepted by TLC")
}
