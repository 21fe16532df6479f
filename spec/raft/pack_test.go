package raft

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker/proptest"
)

// TestPropPackRoundTrip: a packed state (the frontier's form) unpacks to the
// same state with the same successors, along random behaviours.
func TestPropPackRoundTrip(t *testing.T) {
	m := Config{Servers: 3, Values: 2, MaxTerm: 3, MaxLogLen: 2}.Model()
	rapid.Check(t, func(t *rapid.T) { proptest.PackRoundTrip(t, m, 40) })
}
