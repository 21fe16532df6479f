package chordmodel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/chord"
	cspec "github.com/distcheck/distcheck/spec/chord"
)

// TestConformsToSpec: every step of the implementation model, abstracted,
// is a step of spec/chord's Next or a stutter, and initial states map to
// initial states. The abstraction is one-to-one on reachable states, so
// the implementation model also has exactly the spec's distinct-state
// count (which equals TLC's for the spec's .cfg models).
func TestConformsToSpec(t *testing.T) {
	cases := []struct {
		name     string
		c        Config
		distinct uint64
	}{
		{"corrected, MCChordCorrect's constants", Config{Protocol: chord.Corrected, Nodes: 5, Bits: 3, R: 2, Base: 3, MaxJoins: 3, MaxFails: 2}, 22444},
		{"corrected, 4 slots", Config{Protocol: chord.Corrected, Nodes: 4, Bits: 3, R: 2, Base: 3, MaxJoins: 2, MaxFails: 2}, 564},
		{"original, MCChordNoRing's constants", Config{Protocol: chord.Original, Nodes: 3, Bits: 3, R: 2, Base: 1, MaxJoins: 2, MaxFails: 1}, 5552},
		{"original, ring of 3", Config{Protocol: chord.Original, Nodes: 3, Bits: 3, R: 2, Base: 3, MaxJoins: 1, MaxFails: 1}, 4128},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.Conformance = true
			m, err := tc.c.Model()
			require.NoError(t, err)
			sc, err := tc.c.Spec()
			require.NoError(t, err)
			spec := sc.Model()
			require.NoError(t, checker.RefinesInit(m, spec, tc.c.Abstract))
			res, err := checker.Check(m, checker.Options{Properties: []string{"Conformance"}})
			require.NoError(t, err)
			p, _ := res.Property("Conformance")
			require.Equal(t, checker.Holds, p.Status, p.Detail)
			sres, err := checker.Check(spec, checker.Options{Properties: []string{"TypeOK"}})
			require.NoError(t, err)
			assert.Equal(t, sres.Stats.Distinct, res.Stats.Distinct, "same state count as the spec")
			assert.Equal(t, tc.distinct, res.Stats.Distinct)
		})
	}
}

// TestConformanceCatchesADivergence: a model whose abstraction forgets
// the predecessor set by Rectify is caught as a step the spec cannot take,
// so the check is not vacuous.
func TestConformanceCatchesADivergence(t *testing.T) {
	c := Config{Protocol: chord.Corrected, Nodes: 4, Bits: 3, R: 2, Base: 3, MaxJoins: 1, MaxFails: 1}
	m, err := c.Model()
	require.NoError(t, err)
	sc, err := c.Spec()
	require.NoError(t, err)
	wrong := func(s State) cspec.State { a := c.Abstract(s); a.Prdc = [len(a.Prdc)]uint8{}; return a }
	m.Properties = append(m.Properties[:0], checker.Refines("Conformance", sc.Model(), wrong))
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	p, _ := res.Property("Conformance")
	require.Equal(t, checker.Violated, p.Status)
	assert.Contains(t, p.Detail, "is no step of chord-spec")

	_, err = Config{Protocol: chord.Corrected, Nodes: 4, Bits: 3, R: 1, Base: 2, MaxJoins: 1}.Spec()
	assert.ErrorContains(t, err, "R = 1 out of range 2..")
}
