package detector

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestStateCountsEqualTLC: every Detector model of the manifest gives
// TLC's figures and verdict.
func TestStateCountsEqualTLC(t *testing.T) {
	n := spectest.EqualsTLC(t, "detector/Detector.tla", func(name string) (*checker.Model[State], bool) {
		c, ok := Models[name]
		return c.Model(name), ok
	})
	assert.Equal(t, len(Models), n, "Detector models in the manifest")
}
