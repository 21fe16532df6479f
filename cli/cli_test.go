package cli_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/corpus"
)

// A system registered from outside gets save, replay and shrink from the
// package: the saved file names the system and replays to its violation.
func TestOutsideSystemSavesReplaysAndShrinks(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	code := cli.Main([]string{"check", "counter", "-variant", "overflow", "-quiet", "-save", dir}, &out, &errs)
	require.Equal(t, cli.ExitViolated, code, errs.String())
	file := filepath.Join(dir, "counter", "overflow-AtMostLimit.txt")
	assert.Contains(t, out.String(), "saved: "+file)
	assert.Contains(t, out.String(), "reproduce: explore replay "+file)

	e, err := corpus.ParseFile(file)
	require.NoError(t, err)
	assert.Equal(t, []string{"Init", "Inc", "Inc", "Inc", "Inc"}, e.Steps)
	r, err := cli.Verify(e)
	require.NoError(t, err)
	assert.Equal(t, 4, r.At)

	out.Reset()
	code = cli.Main([]string{"replay", file}, &out, &errs)
	assert.Equal(t, cli.ExitHolds, code, errs.String())
	assert.Contains(t, out.String(), "ok   "+file)

	// The same path on the correct variant does not replay (Inc is not
	// enabled at the limit): replay fails with exit 1.
	e.Variant = "correct"
	bad := filepath.Join(dir, "counter", "correct-AtMostLimit.txt")
	require.NoError(t, corpus.Write(bad, e))
	out.Reset()
	code = cli.Main([]string{"replay", bad}, &out, &errs)
	assert.Equal(t, cli.ExitViolated, code)
	assert.Contains(t, out.String(), "FAIL "+bad)

	out.Reset()
	code = cli.Main([]string{"shrink", file}, &out, &errs)
	assert.Equal(t, cli.ExitHolds, code, errs.String())
	assert.Contains(t, out.String(), "  Inc\n")
}

func TestUnknownSystemIsAUsageError(t *testing.T) {
	var out, errs bytes.Buffer
	code := cli.Main([]string{"check", "nosuch"}, &out, &errs)
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errs.String(), `unknown system "nosuch"`)
}
