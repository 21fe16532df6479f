package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/internal/systems"
)

// TestCorpusReplays replays every file under corpora/: its recorded outcome
// must still happen. For a seeded-bug variant, the same schedule on the
// correct variant must not violate the property (it either cannot be
// replayed or stays safe), which shows that the bug, not the schedule, is
// what the file demonstrates.
func TestCorpusReplays(t *testing.T) {
	root := filepath.Join("..", "..", "corpora")
	var files []string
	require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") {
			files = append(files, path)
		}
		return err
	}))
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(strings.TrimPrefix(file, root+string(filepath.Separator)), func(t *testing.T) {
			e, err := ParseFile(file)
			require.NoError(t, err)
			r, err := Verify(e)
			require.NoError(t, err, "reproduce: go run ./cmd/explore replay %s", file)
			if e.Expect == "violated" && e.Loop < 0 {
				assert.Equal(t, len(e.Steps)-1, r.At, "a saved path ends at its first violation")
			}
			sys, params, err := e.Resolve()
			require.NoError(t, err)
			// A system that renders an attachment for this counterexample
			// (porcupine's visualization of a history) keeps it beside the file.
			ext, data, err := sys.Attachment(e.Variant, params, e.Property, e.Steps)
			require.NoError(t, err)
			if len(data) > 0 {
				assert.FileExists(t, strings.TrimSuffix(file, ".txt")+ext, "the attachment; regenerate with: %s -save corpora", e.Command)
			}
			v, err := sys.Variant(e.Variant)
			require.NoError(t, err)
			correct := sys.Variants()[0]
			if !v.Bug || e.Expect != "violated" {
				return
			}
			p := systems.PathReport{Loop: e.Loop, LoopAction: e.LoopAction}
			for _, s := range e.Steps {
				p.Steps = append(p.Steps, systems.StepReport{Action: s})
			}
			fixed, err := sys.Replay(correct.Name, params, e.Property, p)
			if err == nil {
				assert.Equal(t, -1, fixed.At, "the %s variant violates %s on the same schedule", correct.Name, e.Property)
			}
		})
	}
}

func TestParseErrorsNameTheProblem(t *testing.T) {
	good := Header + "\nsystem: raft\nproperty: P\nexpect: violated\nsteps:\n  Init\n"
	_, err := Parse("good", strings.NewReader(good))
	require.NoError(t, err)
	cases := []struct{ name, text, want string }{
		{"empty", "", "good: empty file"},
		{"no header", "system: raft\n", "good:1: first line must be"},
		{"not key value", Header + "\nhello\n", `good:2: expected 'key: value', got "hello"`},
		{"unknown key", Header + "\nsytem: raft\n", `good:2: unknown key "sytem"`},
		{"duplicate key", Header + "\nsystem: a\nsystem: b\n", `good:3: duplicate key "system"`},
		{"bad expect", Header + "\nexpect: maybe\n", `expect must be violated or holds`},
		{"bad seed", Header + "\nseed: -1\n", `seed "-1" is not an unsigned integer`},
		{"missing property", Header + "\nsystem: raft\nexpect: violated\nsteps:\n  Init\n", `missing "property"`},
		{"no steps", Header + "\nsystem: raft\nproperty: P\nexpect: violated\nsteps:\n", "no steps"},
		{"unindented step", Header + "\nsystem: raft\nproperty: P\nexpect: violated\nsteps:\nInit\n", "indented by two spaces"},
		{"loop outside", Header + "\nsystem: raft\nproperty: P\nexpect: violated\nloop: 3\nsteps:\n  Init\n", "loop 3 is outside"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("good", strings.NewReader(c.text))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestVerifyRejectsWrongRecords(t *testing.T) {
	base := func() *Entry {
		return &Entry{System: "raft", Variant: "vote-not-persisted", Property: "Conformance", Expect: "violated",
			Params: "servers=3 maxTerm=1 maxLogLen=0", Steps: []string{"Init", "Timer n1 election", "Crash n1"}, Loop: -1}
	}
	_, err := Verify(base())
	require.NoError(t, err)

	e := base()
	e.System = "rafft"
	_, err = Verify(e)
	assert.ErrorContains(t, err, `unknown system "rafft"`)

	e = base()
	e.Variant = "nope"
	_, err = Verify(e)
	assert.ErrorContains(t, err, `no variant "nope"`)

	e = base()
	e.Params = "servers=3 colour=2"
	_, err = Verify(e)
	assert.ErrorContains(t, err, `no parameter "colour"`)

	e = base()
	e.Steps = []string{"Init", "Timer n1 election", "Crash n7"}
	_, err = Verify(e)
	assert.ErrorContains(t, err, `step 2: action "Crash n7" is not enabled`)
	var nr *NotReproduced
	assert.ErrorAs(t, err, &nr)

	e = base()
	e.Steps = e.Steps[:2]
	_, err = Verify(e)
	assert.ErrorContains(t, err, "does not reproduce")

	e = base()
	e.Property = "Nope"
	_, err = Verify(e)
	assert.ErrorContains(t, err, `unknown property "Nope"`)
}

func TestWriteIsAtomicAndRoundTrips(t *testing.T) {
	dir := t.TempDir()
	e := &Entry{System: "raft", Variant: "v", Params: "a=1", Property: "P", Expect: "violated", Strategy: "simulate", Seed: 7,
		Command: "explore simulate raft", Note: "n", Steps: []string{"Init", "Step a", "Step b"}, Loop: 1, LoopAction: "Step c"}
	path := FileName(dir, e)
	require.NoError(t, Write(path, e))
	got, err := ParseFile(path)
	require.NoError(t, err)
	assert.Equal(t, e, got)
	left, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, left, 1, "no temporary file left behind")
}
