package chord

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/internal/bench"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestStateCountsEqualTLC: every Chord model of the manifest, explored
// completely (TLC ran with -continue), gives TLC's figures and verdict.
func TestStateCountsEqualTLC(t *testing.T) {
	n := spectest.EqualsTLC(t, "chord/Chord.tla", func(name string) (*checker.Model[State], bool) {
		c, ok := Models[name]
		return c.Model(), ok
	})
	assert.Equal(t, len(Models), n, "Chord models in the manifest")
}

// TestModelsAreValid: the constants of every model pass Validate, and
// ModelNames lists exactly Models.
func TestModelsAreValid(t *testing.T) {
	require.Len(t, ModelNames, len(Models))
	for _, name := range ModelNames {
		c, ok := Models[name]
		require.True(t, ok, name)
		assert.NoError(t, c.Validate(), name)
	}
	bad := Models["MCChordCorrect"]
	bad.Base = []int{1, 2}
	assert.ErrorContains(t, bad.Validate(), "stable base of at least R+1 = 3")
	bad = Models["MCChordNoRing"]
	bad.Invariants = []string{"OneRing"}
	assert.ErrorContains(t, bad.Validate(), `unknown invariant "OneRing"`)
}

// TestBetween: the identifier-space arcs of Zave's Alloy models.
func TestBetween(t *testing.T) {
	assert.True(t, Between(1, 2, 3))
	assert.False(t, Between(1, 3, 3), "the arc is open at its end")
	assert.True(t, Between(4, 1, 2), "arcs wrap from N to 1")
	assert.True(t, Between(2, 5, 2), "from a node round to itself is the whole ring but the node")
	assert.False(t, Between(2, 2, 2))
}

// TestInitIsIdeal: the initial ring of the stable base is the ideal ring,
// with the invariants true, but not quiet while joins are left.
func TestInitIsIdeal(t *testing.T) {
	c := Models["MCChordLive"]
	s := c.Init()
	assert.Equal(t, [MaxR]uint8{2, 3}, s.Succ[0])
	assert.Equal(t, [MaxR]uint8{1, 2}, s.Succ[2])
	assert.Equal(t, uint8(3), s.Prdc[0])
	assert.True(t, c.Ideal(&s))
	assert.False(t, c.Quiet(&s), "n4 and n5 can still join")
	for _, f := range []func(*State) bool{c.AtLeastOneRing, c.AtMostOneRing, c.OrderedRing, c.ConnectedAppendages} {
		assert.True(t, f(&s))
	}
}

// TestZaveLostRing replays Zave's AtLeastOneRing counterexample (CCR 2012)
// on the original protocol: n2 joins the ring {n1, n3} and notifies n3,
// then fails; n1's stabilization adopts the dead n2, and no ring is left.
// The same failure in the corrected protocol leaves the ring intact.
func TestZaveLostRing(t *testing.T) {
	orig := Config{N: 3, R: 2, Base: []int{1, 3}, MaxJoins: 1, MaxFails: 1}
	p, err := checker.Replay(orig.Model(), []string{"Init", "Join(n2,n1)", "Stabilize(n2)", "Notify(n3,n2)", "Fail(n2)", "Stabilize(n1)"})
	require.NoError(t, err)
	last := p.Steps[len(p.Steps)-1].State
	assert.Equal(t, uint8(Nil), last.BestSucc(1), "n1's only entry is the dead n2")
	assert.False(t, orig.AtLeastOneRing(&last))
	assert.False(t, orig.ConnectedAppendages(&last), "n3 reaches n1, which reaches nothing")

	fixed := Config{N: 4, R: 2, Base: []int{1, 3, 4}, Corrected: true, MaxJoins: 1, MaxFails: 1}
	p, err = checker.Replay(fixed.Model(), []string{"Init", "Join(n2,n1)", "StabilizeFromSuccessor(n2)", "Rectify(n3,n2)",
		"Fail(n2)", "StabilizeFromSuccessor(n1)", "StabilizeFromPredecessor(n1)"})
	require.NoError(t, err)
	last = p.Steps[len(p.Steps)-1].State
	assert.Equal(t, uint8(3), last.BestSucc(1), "the dead n2 is never adopted")
	for _, f := range []func(*State) bool{fixed.AtLeastOneRing, fixed.AtMostOneRing, fixed.OrderedRing, fixed.ConnectedAppendages} {
		assert.True(t, f(&last))
	}
}

// TestOriginalUnordered: the original protocol also breaks OrderedRing, at
// depth 15 (BFS, so no shorter counterexample exists within these bounds).
func TestOriginalUnordered(t *testing.T) {
	m := Unordered.Model()
	res, err := checker.Check(m, checker.Options{StopOnViolation: true})
	require.NoError(t, err)
	p, ok := res.Property(OrderedRing)
	require.True(t, ok)
	require.Equal(t, checker.Violated, p.Status)
	require.Len(t, p.Path.Steps, 15, "Init and 14 steps")
	last := p.Path.Steps[len(p.Path.Steps)-1].State
	assert.True(t, Unordered.AtLeastOneRing(&last))
	assert.True(t, Unordered.AtMostOneRing(&last), "one ring, but out of order")
	assert.False(t, Unordered.OrderedRing(&last))
}

// TestLivenessNeedsFairness: EventuallyIdeal holds under LiveSpec (the
// manifest test) but fails without either half of its fairness: without
// fair stabilization nothing repairs the ring, and without fair joins and
// failures the ring may stay ideal with a join still pending forever.
func TestLivenessNeedsFairness(t *testing.T) {
	for i, name := range []string{"WF_Disrupt", "WF_Stabilize_Rectify"} {
		m := Models["MCChordLive"].Model()
		require.Equal(t, name, m.Fairness[i].Name)
		m.Fairness = append(m.Fairness[:i:i], m.Fairness[i+1:]...)
		res, err := checker.Check(m, checker.Options{})
		require.NoError(t, err)
		p, ok := res.Property(EventuallyIdeal)
		require.True(t, ok)
		assert.Equal(t, checker.Violated, p.Status, "without %s", name)
	}
}

// BenchmarkMCChordCorrect explores the corrected protocol's model.
func BenchmarkMCChordCorrect(b *testing.B) {
	b.Run("bfs", func(b *testing.B) { bench.Check(b, Models["MCChordCorrect"].Model(), checker.Options{}) })
	b.Run("dfs", func(b *testing.B) {
		bench.Check(b, Models["MCChordCorrect"].Model(), checker.Options{Strategy: checker.DFS})
	})
}
