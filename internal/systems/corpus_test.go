package systems_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/corpus"
	_ "github.com/distcheck/distcheck/internal/systems"
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
			e, err := corpus.ParseFile(file)
			require.NoError(t, err)
			r, err := cli.Verify(e)
			require.NoError(t, err, "reproduce: go run ./cmd/explore replay %s", file)
			if e.Expect == "violated" && e.Loop < 0 {
				assert.Equal(t, len(e.Steps)-1, r.At, "a saved path ends at its first violation")
			}
			sys, params, err := cli.Resolve(e)
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
			p := cli.PathReport{Loop: e.Loop, LoopAction: e.LoopAction}
			for _, s := range e.Steps {
				p.Steps = append(p.Steps, cli.StepReport{Action: s})
			}
			fixed, err := sys.Replay(correct.Name, params, e.Property, p)
			if err == nil {
				assert.Equal(t, -1, fixed.At, "the %s variant violates %s on the same schedule", correct.Name, e.Property)
			}
		})
	}
}

func TestVerifyRejectsWrongRecords(t *testing.T) {
	base := func() *corpus.Entry {
		return &corpus.Entry{System: "raft", Variant: "vote-not-persisted", Property: "Conformance", Expect: "violated",
			Params: "servers=3 maxTerm=1 maxLogLen=0", Steps: []string{"Init", "Timer n1 election", "Crash n1"}, Loop: -1}
	}
	_, err := cli.Verify(base())
	require.NoError(t, err)

	e := base()
	e.System = "rafft"
	_, err = cli.Verify(e)
	assert.ErrorContains(t, err, `unknown system "rafft"`)

	e = base()
	e.Variant = "nope"
	_, err = cli.Verify(e)
	assert.ErrorContains(t, err, `no variant "nope"`)

	e = base()
	e.Params = "servers=3 colour=2"
	_, err = cli.Verify(e)
	assert.ErrorContains(t, err, `no parameter "colour"`)

	e = base()
	e.Steps = []string{"Init", "Timer n1 election", "Crash n7"}
	_, err = cli.Verify(e)
	assert.ErrorContains(t, err, `step 2: action "Crash n7" is not enabled`)
	var nr *cli.NotReproduced
	assert.ErrorAs(t, err, &nr)

	e = base()
	e.Steps = e.Steps[:2]
	_, err = cli.Verify(e)
	assert.ErrorContains(t, err, "does not reproduce")

	e = base()
	e.Property = "Nope"
	_, err = cli.Verify(e)
	assert.ErrorContains(t, err, `unknown property "Nope"`)
}
