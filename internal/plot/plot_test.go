package plot

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNiceTicks(t *testing.T) {
	assert.Equal(t, []float64{0, 2, 4, 6, 8}, niceTicks(0, 7.2, 6))
	assert.Equal(t, []float64{0, 0.5, 1, 1.5}, niceTicks(0, 1.4, 6))
}

func TestWriteLines(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteLines(&b, Lines{Title: "t <x>", Series: []Series{{Name: "a", X: []float64{1, 2}, Y: []float64{3, 4}}, {Name: "b", X: []float64{1, 2}, Y: []float64{1, 2}, Dashed: true}}}))
	s := b.String()
	assert.True(t, strings.HasPrefix(s, "<svg ") && strings.HasSuffix(s, "</svg>\n"))
	assert.Contains(t, s, "t &lt;x&gt;")
	assert.Equal(t, 2, strings.Count(s, `class="series"`))
	assert.Equal(t, 2, strings.Count(s, "<circle"), "dots for the solid series only")
	var again bytes.Buffer
	require.NoError(t, WriteLines(&again, Lines{Title: "t <x>", Series: []Series{{Name: "a", X: []float64{1, 2}, Y: []float64{3, 4}}, {Name: "b", X: []float64{1, 2}, Y: []float64{1, 2}, Dashed: true}}}))
	assert.Equal(t, s, again.String(), "deterministic")
	assert.Error(t, WriteLines(&b, Lines{Series: []Series{{Name: "bad", X: []float64{1}}}}))
}

func TestWriteStrips(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteStrips(&b, Strips{Groups: []Group{{Label: "one", Values: []float64{0.01, 4}}, {Label: "two", Values: []float64{0.9, 1.1, 1}}}, Ref: 1, RefLabel: "mean"}))
	s := b.String()
	assert.Equal(t, 5, strings.Count(s, `class="dot"`))
	assert.Contains(t, s, "max 4.00")
	assert.Contains(t, s, ">0.01<", "a log axis for values spanning 400x")
	assert.Error(t, WriteStrips(&b, Strips{}))
	assert.Error(t, WriteStrips(&b, Strips{Groups: []Group{{Label: "empty"}}}))
}
