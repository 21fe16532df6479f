package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// linTestdata is the linearizability package's testdata, shared with its
// own tests.
var linTestdata = filepath.Join("..", "..", "linearizability", "testdata")

// copyHistory copies a testdata file into a fresh folder, so the
// visualization written next to it lands there.
func copyHistory(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(linTestdata, name))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func TestLinTestdata(t *testing.T) {
	cases := map[string]struct {
		code int
		want string
	}{
		"ok-concurrent.jsonl":         {exitHolds, "verdict: ok (linearizable)"},
		"ok-pending-write.jsonl":      {exitHolds, "6 operations (4 with unknown outcome), 3 keys, model kv"},
		"kv-only.jsonl":               {exitHolds, "verdict: ok"},
		"illegal-stale-read.jsonl":    {exitViolated, "verdict: illegal (not linearizable): key x\n"},
		"illegal-lost-cas.jsonl":      {exitViolated, "verdict: illegal (not linearizable): key x\n"},
		"bad-call-after-return.jsonl": {exitUsage, "bad-call-after-return.jsonl: line 2: call 5 > return 3"},
		"bad-unknown-op.jsonl":        {exitUsage, `bad-unknown-op.jsonl: line 4: unknown op "delete"`},
		"bad-unknown-field.jsonl":     {exitUsage, `bad-unknown-field.jsonl: line 1: unknown field "colour"`},
		"bad-missing-key.jsonl":       {exitUsage, `bad-missing-key.jsonl: line 2: missing field "key"`},
		"bad-empty.jsonl":             {exitUsage, "bad-empty.jsonl: empty history: no operations"},
	}
	files, err := filepath.Glob(filepath.Join(linTestdata, "*.jsonl"))
	require.NoError(t, err)
	require.Len(t, files, len(cases), "every testdata file has a case")
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			c, ok := cases[name]
			require.True(t, ok, "no case for %s", name)
			path := copyHistory(t, name)
			code, out, stderr := runCLI("lin", path)
			assert.Equal(t, c.code, code, out+stderr)
			if c.code == exitUsage {
				assert.Contains(t, stderr, "explore lin: "+path)
			}
			assert.Contains(t, out+stderr, c.want)
			html := strings.TrimSuffix(path, ".jsonl") + ".html"
			_, err := os.Stat(html)
			if c.code == exitViolated {
				require.NoError(t, err, "an illegal history writes its visualization")
				assert.Contains(t, out, "visualization: "+html+"\n")
				page, err := os.ReadFile(html)
				require.NoError(t, err)
				assert.Contains(t, string(page), "<html")
			} else {
				assert.True(t, os.IsNotExist(err), "no visualization unless illegal or asked for")
			}
		})
	}
}

func TestLinModelJSONAndHTML(t *testing.T) {
	path := copyHistory(t, "kv-only.jsonl")
	out := filepath.Join(t.TempDir(), "sub", "page.html")
	code, stdout, stderr := runCLI("lin", path, "-model", "register", "-json", "-html", out)
	require.Equal(t, exitViolated, code, stderr)
	var v struct {
		File, Model, Verdict, HTML string
		Ops, Ambiguous, Parts      int
		Illegal                    []string
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &v), stdout)
	assert.Equal(t, path, v.File)
	assert.Equal(t, "register", v.Model)
	assert.Equal(t, "illegal", v.Verdict)
	assert.Equal(t, 2, v.Ops)
	assert.Equal(t, 1, v.Parts)
	assert.Equal(t, []string{""}, v.Illegal)
	assert.Equal(t, out, v.HTML)
	assert.FileExists(t, out)
	assert.NoFileExists(t, strings.TrimSuffix(path, ".jsonl")+".html", "-html overrides the default place")

	// -html also renders a linearizable history's linearization.
	ok := copyHistory(t, "ok-pending-write.jsonl")
	page := filepath.Join(t.TempDir(), "ok.html")
	code, stdout, _ = runCLI("lin", "-html", page, ok)
	assert.Equal(t, exitHolds, code)
	assert.Contains(t, stdout, "visualization: "+page)
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Contains(t, string(data), "outcome unknown")
}

func TestLinTimeoutIsUnknown(t *testing.T) {
	path := copyHistory(t, "ok-concurrent.jsonl")
	code, out, _ := runCLI("lin", path, "-timeout", "1ns")
	assert.Equal(t, exitUnknown, code, out)
	assert.Contains(t, out, "verdict: unknown (timeout 1ns; raise -timeout or -mem")
}

func TestLinBadInput(t *testing.T) {
	ok := filepath.Join(linTestdata, "ok-concurrent.jsonl")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"lin"}, "want exactly one history FILE (JSON lines), got 0 arguments"},
		{[]string{"lin", ok, ok}, "got 2 arguments"},
		{[]string{"lin", ok, "-model", "queue"}, `unknown model "queue" (want kv or register)`},
		{[]string{"lin", ok, "-timeout", "-1s"}, "-timeout must not be negative"},
		{[]string{"lin", ok, "-timeout", "soon"}, `invalid value "soon" for flag -timeout`},
		{[]string{"lin", ok, "-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"lin", "no/such/history.jsonl"}, "no/such/history.jsonl: no such file"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(c.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stderr, c.want)
		})
	}
	code, out, _ := runCLI("lin", "-h")
	assert.Equal(t, exitHolds, code)
	assert.Contains(t, out, "usage: explore lin FILE")
}

// TestLinJepsenFormat: a history in a Jepsen log, as Jepsen records it
// from a real system, is read with -format jepsen; JSON lines are not.
func TestLinJepsenFormat(t *testing.T) {
	path := copyHistory(t, "jepsen-cas.log")
	code, out, stderr := runCLI("lin", path, "-format", "jepsen")
	assert.Equal(t, exitViolated, code, stderr)
	assert.Contains(t, out, "4 operations (1 with unknown outcome), 1 key, model kv")
	assert.Contains(t, out, `verdict: illegal (not linearizable): key r`)
	code, _, stderr = runCLI("lin", path)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "line 1:")
	code, _, stderr = runCLI("lin", path, "-format", "edn")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `unknown format "edn" (want jsonl or jepsen)`)
}

// TestLinVerdictBeforeAttachment: the verdict is printed even when the
// visualization cannot be written (a warning, the verdict's exit code).
func TestLinVerdictBeforeAttachment(t *testing.T) {
	path := copyHistory(t, "illegal-stale-read.jsonl")
	// A directory that cannot be made: its parent is a regular file.
	code, out, stderr := runCLI("lin", path, "-html", filepath.Join(path, "sub", "page.html"))
	assert.Equal(t, exitViolated, code, stderr)
	assert.Contains(t, out, "verdict: illegal (not linearizable): key x\n")
	assert.Contains(t, stderr, "warning: no visualization written")
	assert.NotContains(t, out, "visualization:")
}

// TestLinReadsAPipe: a history read from a FIFO (as from lin <(cat f)) is
// checked; no visualization is written next to it, and the output says so.
func TestLinReadsAPipe(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(linTestdata, "illegal-stale-read.jsonl"))
	require.NoError(t, err)
	fifo := filepath.Join(t.TempDir(), "history")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			f.Write(data)
			f.Close()
		}
	}()
	code, out, stderr := runCLI("lin", fifo)
	assert.Equal(t, exitViolated, code, stderr)
	assert.Contains(t, out, "verdict: illegal (not linearizable): key x\n")
	assert.Contains(t, out, "visualization: none ("+fifo+" is not a regular file; give -html OUT.html)")
	fi, err := os.Lstat(fifo)
	require.NoError(t, err)
	assert.Equal(t, os.ModeNamedPipe, fi.Mode().Type(), "the FIFO is left alone")
}

// TestLinUnknownPageSaysIncomplete: with a timeout too short for any key,
// the verdict is unknown, and the page asked for says it is incomplete.
func TestLinUnknownPageSaysIncomplete(t *testing.T) {
	path := copyHistory(t, "ok-concurrent.jsonl")
	page := filepath.Join(t.TempDir(), "p.html")
	code, out, stderr := runCLI("lin", path, "-timeout", "1ns", "-html", page)
	assert.Equal(t, exitUnknown, code, stderr)
	assert.Contains(t, out, "keys: 0 ok, 0 illegal, 2 undecided (timeout 1ns)\n")
	assert.Contains(t, out, "verdict: unknown (timeout 1ns;")
	assert.Contains(t, out, "(incomplete: the check stopped before every key was decided)")
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Contains(t, string(data), "INCOMPLETE: verdict unknown (timeout 1ns)")

	code, _, stderr = runCLI("lin", path, "-mem", "-1")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "-mem must not be negative")
}
