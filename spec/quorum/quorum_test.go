package quorum

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestStateCountsEqualTLC: every Quorum model of the manifest, explored
// completely (TLC ran with -continue), gives TLC's figures and verdict.
func TestStateCountsEqualTLC(t *testing.T) {
	n := spectest.EqualsTLC(t, "quorum/Quorum.tla", func(name string) (*checker.Model[State], bool) {
		c, ok := Models[name]
		return c.Model(), ok
	})
	assert.Equal(t, len(Models), n, "Quorum models in the manifest")
}
