package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chartFiles are the charts committed in docs/ and shown in the README.
var chartFiles = map[string]string{"chord-hops": "chord-hops.svg", "hashing": "hashing-load.svg"}

// TestDocsChartsAreCurrent: the committed charts are what explore measure
// NAME -svg draws now (the figures are deterministic given the seed).
func TestDocsChartsAreCurrent(t *testing.T) {
	require.Len(t, chartFiles, len(charts))
	for name, file := range chartFiles {
		var b bytes.Buffer
		require.NoError(t, charts[name](&b, 1))
		want, err := os.ReadFile(filepath.Join("..", "..", "docs", file))
		require.NoError(t, err)
		assert.Equal(t, string(want), b.String(), "docs/%s is stale: run go run ./cmd/explore measure %s -svg docs/%s", file, name, file)
		assert.Contains(t, b.String(), `class="`, "a chart draws data")
	}
}

func TestMeasureSVGFlag(t *testing.T) {
	out := filepath.Join(t.TempDir(), "hops.svg")
	code, stdout, stderr := runCLI("measure", "chord-hops", "-svg", out)
	require.Equal(t, exitHolds, code, stderr)
	assert.Contains(t, stdout, "mean hops", "the table is printed before the chart is written")
	svg, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "½ log2 n")
	assert.Equal(t, 3, bytes.Count(svg, []byte(`class="series"`)))

	code, _, stderr = runCLI("measure", "pacelc", "-svg", out)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "pacelc has no chart")

	// A chart that cannot be written is a warning after the table.
	code, stdout, stderr = runCLI("measure", "chord-hops", "-svg", t.TempDir())
	assert.Equal(t, exitHolds, code)
	assert.Contains(t, stdout, "mean hops")
	assert.Contains(t, stderr, "warning: chart not written")
}
