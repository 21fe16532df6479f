package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/internal/longtest"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBadInputExitsTwoAndNamesIt(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{nil, "usage: explore COMMAND"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"check"}, "want exactly one SYSTEM"},
		{[]string{"check", "zab"}, `unknown system "zab"`},
		{[]string{"check", "raft", "-variant", "buggy"}, `no variant "buggy"`},
		{[]string{"check", "raft", "-set", "servers"}, `"servers" is not of the form name=integer`},
		{[]string{"check", "raft", "-set", "servers=x"}, `servers: "x" is not an integer`},
		{[]string{"check", "raft", "-set", "colour=3"}, `no parameter "colour"`},
		{[]string{"check", "raft", "-set", "servers=9"}, "servers = 9, want 1..5"},
		{[]string{"check", "raft", "-set", "persistent=0,inFlight=0"}, "needs a bound on messages in flight"},
		{[]string{"check", "raft", "-set", "inFlight=5"}, "inFlight=5 has no effect unless persistent=0 (it is 1)"},
		{[]string{"check", "raft", "-strategy", "astar"}, `unknown strategy "astar"`},
		{[]string{"check", "raft", "-property", "Liveness"}, `unknown property "Liveness"`},
		{[]string{"check", "raft", "-max-states", "-1"}, "must not be negative"},
		{[]string{"check", "raft", "-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"replay"}, "needs at least one corpus FILE"},
		{[]string{"replay", "no/such/file.txt"}, "no such file"},
		{[]string{"shrink", "a", "b"}, "exactly one corpus FILE"},
		{[]string{"list", "extra"}, "list takes no arguments"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(c.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stderr, c.want)
		})
	}
}

func TestMalformedCorpusFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("# distcheck counterexample v1\nsystem: raft\nsteps\n"), 0o644))
	code, _, stderr := runCLI("replay", bad)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, bad+":3: expected 'key: value'")
}

func TestCheckCorrectHolds(t *testing.T) {
	code, out, _ := runCLI("check", "raft", "-quiet")
	assert.Equal(t, exitHolds, code, out)
	assert.Contains(t, out, "complete: every reachable state within the bounds was explored")
	assert.Contains(t, out, "verdict: holds")
}

func TestCheckBugSavesReplaysAndShrinks(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := runCLI("check", "raft", "-variant", "vote-not-persisted", "-property", "ElectionSafety", "-save", dir, "-quiet")
	require.Equal(t, exitViolated, code, out)
	assert.Contains(t, out, "ElectionSafety violated after 8 steps")
	file := filepath.Join(dir, "raft", "vote-not-persisted-ElectionSafety.txt")
	assert.Contains(t, out, "reproduce: go run ./cmd/explore replay "+file)

	code, out, _ = runCLI("replay", file)
	assert.Equal(t, exitHolds, code)
	assert.Contains(t, out, "ElectionSafety violated at step 8 of 8")

	// A padded path (extra, irrelevant steps) shrinks back to 8 steps.
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	dup := "  Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}\n"
	require.Contains(t, string(data), dup)
	padded := strings.Replace(string(data), dup, dup+dup, 1)
	long := filepath.Join(dir, "long.txt")
	require.NoError(t, os.WriteFile(long, []byte(padded), 0o644))
	code, _, stderr := runCLI("shrink", long, "-w")
	require.Equal(t, exitHolds, code, stderr)
	assert.Contains(t, stderr, "from 9 to 8 steps")

	// A file whose outcome no longer happens fails replay with exit 1.
	broken := strings.Replace(string(data), "variant: vote-not-persisted", "variant: correct", 1)
	require.NoError(t, os.WriteFile(long, []byte(broken), 0o644))
	code, out, _ = runCLI("replay", long)
	assert.Equal(t, exitViolated, code)
	assert.Contains(t, out, "FAIL "+long+": does not reproduce")
}

func TestJSONAndUnknown(t *testing.T) {
	code, out, _ := runCLI("check", "raft", "-json", "-quiet", "-max-states", "100")
	assert.Equal(t, exitUnknown, code)
	var v struct {
		System  string `json:"system"`
		Verdict string `json:"verdict"`
		Stopped string `json:"stopped"`
		Stats   struct {
			Distinct int `json:"distinct"`
		} `json:"stats"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v), out)
	assert.Equal(t, "raft", v.System)
	assert.Equal(t, "unknown", v.Verdict)
	assert.Contains(t, v.Stopped, "max states 100")
	assert.GreaterOrEqual(t, v.Stats.Distinct, 100)
}

func TestSimulateFindsAndShrinks(t *testing.T) {
	code, out, _ := runCLI("simulate", "raft", "-variant", "skip-up-to-date-check", "-seed", "3", "-walks", "2000", "-depth", "30", "-quiet")
	require.Equal(t, exitViolated, code, out)
	assert.Contains(t, out, "Conformance violated (walk")
	code2, out2, _ := runCLI("simulate", "raft", "-variant", "skip-up-to-date-check", "-seed", "3", "-walks", "2000", "-depth", "30", "-quiet")
	assert.Equal(t, code, code2)
	assert.Equal(t, stripTimes(out), stripTimes(out2), "same seed, same report")
}

func stripTimes(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.Contains(l, "states/s") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

func TestListNamesEverything(t *testing.T) {
	code, out, _ := runCLI("list")
	assert.Equal(t, exitHolds, code)
	for _, s := range []string{"raft", "raft-spec", "vote-not-persisted", "commit-previous-term", "skip-up-to-date-check", "MCRaftElection", "Conformance (step)"} {
		assert.Contains(t, out, s)
	}
}

// TestREADMEResultsTableIsCurrent regenerates the results table and
// compares it with the one in README.md between the markers.
func TestREADMEResultsTableIsCurrent(t *testing.T) {
	longtest.Skip(t)
	var progress bytes.Buffer
	rows, err := results(&progress)
	require.NoError(t, err)
	assert.Equal(t, len(rows), strings.Count(progress.String(), "results: "), "a progress line per row")
	var b bytes.Buffer
	renderResults(&b, rows, true)
	for _, r := range rows {
		assert.True(t, r.OK, "%s/%s not as expected", r.System, r.Variant)
	}
	assert.Equal(t, b.String(), readmeBlock(t, "results"), "README.md's table is stale: run go run ./cmd/explore results -markdown and paste it between the markers")
}

// readmeBlock returns README.md's text between <!-- name:begin --> and <!-- name:end -->.
func readmeBlock(t *testing.T, name string) string {
	t.Helper()
	return fileBlock(t, "README.md", name)
}

// fileBlock is readmeBlock for any file, path relative to the repository root.
func fileBlock(t *testing.T, path, name string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", path))
	require.NoError(t, err)
	begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	require.True(t, i >= 0 && j > i, "%s lacks the %s markers", path, name)
	return s[i+len(begin) : j]
}

// TestREADMEMeasurementsAreCurrent: every measured table in README.md is
// what explore measure prints now (they are deterministic given the seed).
// Long (DISTCHECK_LONG=1), as the results table's check is.
func TestREADMEMeasurementsAreCurrent(t *testing.T) {
	longtest.Skip(t)
	for _, name := range measurementNames() {
		code, out, stderr := runCLI("measure", name, "-markdown")
		require.Equal(t, exitHolds, code, stderr)
		assert.Equal(t, out, readmeBlock(t, "measure-"+name), "README.md's %s table is stale: run go run ./cmd/explore measure %s -markdown and paste it between the markers", name, name)
		if name == "cap" || name == "pacelc" {
			assert.Equal(t, out, fileBlock(t, "spec/cap/README.md", "measure-"+name), "spec/cap/README.md's %s table is stale", name)
		}
	}
	code, _, stderr := runCLI("measure", "nosuch")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `unknown measurement "nosuch"`)
}

func TestMonitor(t *testing.T) {
	code, out, _ := runCLI("monitor", "raft", "-set", "servers=3,crashes=2,partitions=1", "-walks", "50", "-seed", "3")
	require.Equal(t, exitHolds, code, out)
	for _, s := range []string{"active_nodes", "failed_nodes", "connected", "diameter", "in_flight", "alert: network disconnected", "alert: high failure rate"} {
		assert.Contains(t, out, s)
	}
	code2, out2, _ := runCLI("monitor", "raft", "-set", "servers=3,crashes=2,partitions=1", "-walks", "50", "-seed", "3")
	assert.Equal(t, code, code2)
	assert.Equal(t, out, out2, "same seed, same report")
	code, _, stderr := runCLI("monitor", "raft-spec")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "not built on the actor layer")
}

// TestREADMEClaimsLedgerIsCurrent re-derives every verdict of the claims
// ledger and compares the table with README.md's.
func TestREADMEClaimsLedgerIsCurrent(t *testing.T) {
	longtest.Skip(t)
	rows, err := runClaims(time.Minute, nil)
	require.NoError(t, err)
	for _, r := range rows {
		assert.True(t, r.ok, "%s: evidence does not support %q: %v", r.id, r.verdict, r.results)
	}
	var b bytes.Buffer
	renderClaims(&b, rows, true)
	assert.Equal(t, b.String(), readmeBlock(t, "claims"), "README.md's ledger is stale: run go run ./cmd/explore claims -markdown and paste it between the markers")
}
