package linkmodel

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/checker/proptest"
)

var lossy = actor.Env{MaxDrops: 2, MaxDuplicates: 1, MaxInFlight: 3}

// TestExactlyOnce: with retransmission and de-duplication every message is
// delivered exactly once (claim C12 as stated is false for eventual
// delivery); without retransmission a loss is forever; without
// de-duplication a retransmission is delivered twice.
func TestExactlyOnce(t *testing.T) {
	cases := []struct {
		name     string
		cfg      Config
		violated []string
	}{
		{"retransmit and de-duplicate", Config{Messages: 2, Retransmit: true, Env: lossy}, nil},
		{"send once", Config{Messages: 2, Env: lossy}, []string{"AllDelivered"}},
		{"no de-duplication", Config{Messages: 2, Retransmit: true, NoDedup: true, Env: lossy}, []string{"AtMostOnce", "OnlySent"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := c.cfg.Model()
			require.NoError(t, err)
			res, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			t.Logf("%d states", res.Stats.Distinct)
			proptest.AssertVerdicts(t, res, c.violated...)
		})
	}
}
