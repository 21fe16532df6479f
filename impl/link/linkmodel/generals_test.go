package linkmodel

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
)

// TestTwoGenerals: for every message bound K from 1 to 8 the explorer finds
// the disagreement, always by losing the last message, while the protocol
// does attack when nothing is lost.
func TestTwoGenerals(t *testing.T) {
	for k := 1; k <= 8; k++ {
		t.Run(fmt.Sprintf("K=%d", k), func(t *testing.T) {
			m, err := GeneralsModel(k)
			require.NoError(t, err)
			res, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			require.True(t, res.Complete)
			p, _ := res.Property("Agreement")
			require.Equal(t, checker.Violated, p.Status)
			acts := p.Path.Actions()
			assert.Len(t, acts, k+1, "deliver K-1 messages, lose the last")
			assert.Equal(t, fmt.Sprintf("Lose m%d", k), acts[k][:len(fmt.Sprintf("Lose m%d", k))])
			v, _ := res.Property("AttackWhenNothingIsLost")
			assert.Equal(t, checker.Holds, v.Status)
		})
	}
}
