package systems

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/cli"
)

// TestEveryParameterHasARange: each parameter of the project's systems
// states its range, and values outside it are refused before a model is
// built, naming the parameter and the range.
func TestEveryParameterHasARange(t *testing.T) {
	for _, name := range cli.Names() {
		sys, err := cli.Lookup(name)
		require.NoError(t, err)
		for _, p := range sys.Params() {
			assert.Positive(t, p.Max, "%s: %s states no upper bound", name, p.Name)
			assert.GreaterOrEqual(t, p.Min, 0, "%s: %s", name, p.Name)
			_, err := sys.Resolve("", map[string]int{p.Name: p.Max + 1})
			assert.EqualError(t, err, p.Name+" = "+itoa(p.Max+1)+", want "+p.Range(), "%s", name)
			_, err = sys.Resolve("", map[string]int{p.Name: p.Min - 1})
			assert.Error(t, err, "%s: %s = %d", name, p.Name, p.Min-1)
		}
	}
}

func itoa(n int) string {
	return strconv.Itoa(n)
}

// TestReportedOverflows are the reproductions: each is now a usage
// error naming the range, not a verdict.
func TestReportedOverflows(t *testing.T) {
	for _, c := range []struct {
		system string
		set    map[string]int
		want   string
	}{
		{"detector-spec", map[string]int{"gst": 9223372036854775807}, "gst = 9223372036854775807, want 0..1000"},
		{"cap-spec", map[string]int{"maxops": 1 << 40}, "maxops = 1099511627776, want 1..4"},
		{"raft", map[string]int{"crashes": -1}, "crashes = -1, want 0..6"},
		{"paxos", map[string]int{"acceptorCrashesOnly": 2}, "acceptorCrashesOnly = 2, want 0..1"},
	} {
		sys, err := cli.Lookup(c.system)
		require.NoError(t, err)
		_, err = sys.Resolve("", c.set)
		assert.EqualError(t, err, c.want)
	}
}
