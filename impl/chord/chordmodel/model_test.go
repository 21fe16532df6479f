package chordmodel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/chord"
	"github.com/distcheck/distcheck/internal/bench"
)

func check(t *testing.T, c Config, props ...string) *checker.Result[State] {
	t.Helper()
	m, err := c.Model()
	require.NoError(t, err)
	res, err := checker.Check(m, checker.Options{Properties: props})
	require.NoError(t, err)
	return res
}

// TestCorrectedKeepsOneOrderedRing: Zave's corrected protocol, from an
// ideal ring that is also a stable base of R+1 nodes, keeps all four
// invariants under every interleaving of joins, failures and maintenance
// within the bounds, and once joins and failures stop the ring becomes
// ideal (EventuallyIdeal, under weak fairness). State counts are pinned.
func TestCorrectedKeepsOneOrderedRing(t *testing.T) {
	cases := []struct {
		name     string
		c        Config
		distinct uint64
	}{
		{"5 slots r=2 base=3 (the registered default)", Config{Nodes: 5, Bits: 3, R: 2, Base: 3, MaxJoins: 3, MaxFails: 2, Live: true}, 22444},
		{"4 slots r=2 base=3", Config{Nodes: 4, Bits: 3, R: 2, Base: 3, MaxJoins: 2, MaxFails: 2, Live: true}, 564},
		{"4 slots r=1 base=2", Config{Nodes: 4, Bits: 3, R: 1, Base: 2, MaxJoins: 3, MaxFails: 2, Live: true}, 1960},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.Protocol = chord.Corrected
			res := check(t, tc.c)
			assert.Equal(t, tc.distinct, res.Stats.Distinct)
			assert.Equal(t, 0, res.Stats.Queue, "the whole space was explored")
			for _, p := range res.Properties {
				assert.Equal(t, checker.Holds, p.Status, p.Name)
			}
		})
	}
}

// TestOriginalBreaksTheRing: the original protocol from an ideal ring of
// four (a state its joins and stabilization reach from one node) breaks
// every invariant; BFS gives the shortest schedules. Both rings of the
// AtMostOneRing counterexample are live nodes whose best successor is
// themselves, after each adopted a dead predecessor as successor.
func TestOriginalBreaksTheRing(t *testing.T) {
	c := Config{Protocol: chord.Original, Nodes: 4, Bits: 3, R: 2, Base: 4, MaxJoins: 1, MaxFails: 2}
	res := check(t, c)
	assert.Equal(t, uint64(53127), res.Stats.Distinct)
	steps := map[string]int{"AtLeastOneRing": 4, "AtMostOneRing": 9, "OrderedRing": 13, "ConnectedAppendages": 4}
	m, err := c.build()
	require.NoError(t, err)
	for name, n := range steps {
		p, ok := res.Property(name)
		require.True(t, ok)
		require.Equal(t, checker.Violated, p.Status, name)
		assert.Len(t, p.Path.Steps, n, "%s: %v", name, p.Path.Actions())
	}
	p, _ := res.Property("AtMostOneRing")
	last := m.ring(p.Path.Steps[len(p.Path.Steps)-1].State)
	var rings []int
	for i, on := range last.onRing {
		if on {
			rings = append(rings, i)
			assert.Equal(t, i, last.best[i], "n%d is a ring by itself", i+1)
		}
	}
	assert.Len(t, rings, 2)
	p, _ = res.Property("AtLeastOneRing")
	assert.Equal(t, []string{"Init", "Fail n1", "Update n4", "Stabilize n4"}, p.Path.Actions(),
		"n4 adopts n2's dead predecessor n1 and is left with no live successor")
}

// TestOriginalFromOneNode starts where the Chord papers (and Zave's 2012
// model) start, one node, with up to three joins and two failures; the
// invariants fail here too. (The whole space, 468,964 states, takes
// seconds; the search stops once these three are decided.)
func TestOriginalFromOneNode(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds")
	}
	c := Config{Protocol: chord.Original, Nodes: 4, Bits: 3, R: 2, Base: 1, MaxJoins: 3, MaxFails: 2}
	res := check(t, c, "AtLeastOneRing", "AtMostOneRing", "ConnectedAppendages")
	for name, n := range map[string]int{"AtLeastOneRing": 6, "AtMostOneRing": 15, "ConnectedAppendages": 6} {
		p, _ := res.Property(name)
		require.Equal(t, checker.Violated, p.Status, name)
		assert.Len(t, p.Path.Steps, n, "%s: %v", name, p.Path.Actions())
	}
}

// TestOriginalDoesNotRepair: after a failure in a ring of three, the
// original protocol can stop in a broken ring (EventuallyIdeal fails).
func TestOriginalDoesNotRepair(t *testing.T) {
	c := Config{Protocol: chord.Original, Nodes: 3, Bits: 3, R: 2, Base: 3, MaxJoins: 1, MaxFails: 1, Live: true}
	res := check(t, c)
	assert.Equal(t, uint64(4128), res.Stats.Distinct)
	p, _ := res.Property("EventuallyIdeal")
	require.Equal(t, checker.Violated, p.Status)
	assert.Equal(t, []string{"Init", "Fail n1", "Update n3", "Stabilize n3", "Flush n2", "Stabilize n2"}, p.Path.Actions())
	p, _ = res.Property("RepairedAfterFailure")
	assert.Equal(t, checker.Holds, p.Status, "some schedules do repair the ring")
}

func TestConfigErrorsNameTheBound(t *testing.T) {
	ok := Config{Protocol: chord.Corrected, Nodes: 4, Bits: 3, R: 2, Base: 3, MaxJoins: 1, MaxFails: 1}
	require.NoError(t, ok.Validate())
	cases := []struct {
		change func(*Config)
		want   string
	}{
		{func(c *Config) { c.Nodes = 9 }, "9 nodes, want 1..8"},
		{func(c *Config) { c.Bits = 1 }, "1-bit identifiers cannot name 4 nodes"},
		{func(c *Config) { c.R = 0 }, "successor-list length 0"},
		{func(c *Config) { c.Base = 5 }, "base of 5 members, want 1..4"},
		{func(c *Config) { c.Base = 2 }, "needs a stable base of at least R+1 = 3 members, have 2"},
		{func(c *Config) { c.MaxFails = -1 }, "negative bound"},
	}
	for _, tc := range cases {
		c := ok
		tc.change(&c)
		_, err := c.Model()
		assert.ErrorContains(t, err, tc.want)
	}
	ids, err := ok.IDs()
	require.NoError(t, err)
	assert.Equal(t, []chord.ID{0, 2, 4, 6}, ids)
}

func BenchmarkCorrectedModel(b *testing.B) {
	c := Config{Protocol: chord.Corrected, Nodes: 5, Bits: 3, R: 2, Base: 3, MaxJoins: 3, MaxFails: 2, Live: true}
	m, err := c.Model()
	require.NoError(b, err)
	bench.Check(b, m, checker.Options{})
}
