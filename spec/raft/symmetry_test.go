package raft

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/proptest"
)

// TestPropSymmetric: server renaming commutes with the spec's steps and
// invariants, and Representatives names one set of images per orbit, on
// three servers with two terms (the model of the reach target).
func TestPropSymmetric(t *testing.T) {
	c := Config{Servers: 3, Values: 1, MaxTerm: 2, MaxLogLen: 1}
	m := c.Model()
	permute := func(s State, p []int) State { return Permute(s, c.Servers, p) }
	rapid.Check(t, func(t *rapid.T) { proptest.Symmetric(t, m, checker.Permutations(c.Servers), permute, 25) })
}

// TestPropRepresentativesCatchesAWrongSet: a Representatives that yields
// the state itself names a different state for each member of an orbit
// (the checker would count states, not orbits), and proptest.Symmetric
// says so.
func TestPropRepresentativesCatchesAWrongSet(t *testing.T) {
	c := Config{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0}
	m := c.Model()
	m.Representatives = func(s State, yield func(State) bool) { yield(s) }
	permute := func(s State, p []int) State { return Permute(s, c.Servers, p) }
	defer proptest.ExpectFailures()()
	var rec proptest.Recorder
	rapid.Check(&rec, func(t *rapid.T) { proptest.Symmetric(t, m, checker.Permutations(c.Servers), permute, 10) })
	require.True(t, rec.Failed())
	assert.Contains(t, strings.Join(rec.Failures, "\n"), "Representatives yields other states")
}

// TestRepresentativesCountOrbits: with and without Representatives the
// checker counts the same orbits, and both equal a brute-force count.
func TestRepresentativesCountOrbits(t *testing.T) {
	c := Config{Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0}
	m := c.Model()
	_, orbits := proptest.Orbits(m, checker.Permutations(c.Servers), func(s State, p []int) State { return Permute(s, c.Servers, p) })
	with, err := checker.Check(m, checker.Options{Symmetry: true})
	require.NoError(t, err)
	m.Representatives = nil
	without, err := checker.Check(m, checker.Options{Symmetry: true})
	require.NoError(t, err)
	assert.Equal(t, uint64(orbits), with.Stats.Distinct)
	assert.Equal(t, without.Stats.Distinct, with.Stats.Distinct)
	assert.Equal(t, without.Stats.Generated, with.Stats.Generated)
	assert.Equal(t, without.Stats.Depth, with.Stats.Depth)
}
