package ring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLoadSpread is claim C13's balance figure for n = 64 nodes and
// K = 100,000 keys, on three seeds. With one position per node the
// coefficient of variation of the loads is about 1 (arcs are
// exponentially distributed) and the hottest node holds several times the
// mean (about H_64 = 4.7 in expectation); with v = 100 it falls to about
// 1/sqrt(100) = 0.1 and max/mean stays below 1.3.
func TestLoadSpread(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		rows, err := LoadTable(seed, 64, 100_000, []int{1, 100})
		require.NoError(t, err)
		t.Logf("seed %d\n%s", seed, FormatLoad(rows))
		one, hundred := rows[0], rows[1]
		total := 0.0
		for _, r := range rows {
			require.Equal(t, 100_000.0/64, r.Mean)
			require.LessOrEqual(t, r.Min, int(r.Mean))
			require.GreaterOrEqual(t, r.Max, int(math.Ceil(r.Mean)))
			total += r.Mean * 64
		}
		require.InDelta(t, 0.1, hundred.StdOverMean, 0.04, "v=100: std/mean should be near 1/sqrt(v)")
		require.Less(t, hundred.MaxOverMean, 1.3)
		require.InDelta(t, 1.0, one.StdOverMean, 0.3, "v=1: std/mean should be near 1 (exponential arcs)")
		require.Greater(t, one.MaxOverMean, 2.5)
		require.Greater(t, one.MaxOverMean, 2*hundred.MaxOverMean, "v=1 should be clearly worse than v=100")
	}
}

// TestKeysMovedOnJoinAndLeave is C13's monotonicity figure: averaged over
// 100 trials on rings of 32 nodes with 20,000 keys, a join moves about
// 1/(n+1) of the keys and a leave about 1/n (within 30%), always only to
// the newcomer or from the leaver; hash-mod-n moves almost all of them.
func TestKeysMovedOnJoinAndLeave(t *testing.T) {
	const n = 32
	rows, err := MovementTable(7, n, 20_000, 100, []int{1, 100})
	require.NoError(t, err)
	t.Logf("\n%s", FormatMovement(rows))
	require.Len(t, rows, 6)
	for _, r := range rows {
		require.LessOrEqual(t, r.Min, r.Mean)
		require.LessOrEqual(t, r.Mean, r.Max)
		if r.Scheme == "ring" {
			require.Zero(t, r.NonMonotone, "%s v=%d: a key moved between two nodes that both stayed", r.Event, r.VNodes)
			require.InEpsilon(t, r.Expected, r.Mean, 0.3, "%s v=%d", r.Event, r.VNodes)
			continue
		}
		// mod n: a key stays only if hash mod n and mod n±1 agree.
		require.Greater(t, r.Mean, 0.9, "mod-n %s", r.Event)
		require.Positive(t, r.NonMonotone)
	}
	// More positions per node make each trial's share less variable too.
	require.Less(t, rows[2].Max-rows[2].Min, rows[0].Max-rows[0].Min)
}
