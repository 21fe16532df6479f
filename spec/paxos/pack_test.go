package paxos

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker/proptest"
)

// TestPropPackRoundTrip: a packed state (the frontier's form) unpacks to the
// same state with the same successors, along random behaviours.
func TestPropPackRoundTrip(t *testing.T) {
	m := Models["MCPaxos"].Model()
	rapid.Check(t, func(t *rapid.T) { proptest.PackRoundTrip(t, m, 40) })
}
