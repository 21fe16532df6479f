package checker

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// swapGrid is gridModel with the symmetry that swaps the two counters.
func swapGrid(n int, props ...Property[grid]) *Model[grid] {
	m := gridModel(n, props...)
	m.Symmetry = func(s grid, yield func(grid) bool) { yield(grid{s.y, s.x}) }
	return m
}

func TestSymmetryCountsOrbits(t *testing.T) {
	res, err := Check(swapGrid(4), Options{Symmetry: true})
	require.NoError(t, err)
	assert.True(t, res.Complete)
	assert.Equal(t, uint64(15), res.Stats.Distinct, "unordered pairs from 0..4: 5*6/2")
	plain, err := Check(swapGrid(4), Options{})
	require.NoError(t, err)
	assert.Equal(t, uint64(25), plain.Stats.Distinct, "without the option the symmetry is not used")

	_, err = Check(gridModel(4), Options{Symmetry: true})
	assert.ErrorContains(t, err, "declares no symmetry")
}

// TestSymmetryPathsAreRealBehaviours: the search expands whichever member
// of an orbit it met first, yet the counterexample it reports is rebuilt
// from the real initial state, so Replay accepts it as it is.
func TestSymmetryPathsAreRealBehaviours(t *testing.T) {
	// Properties must be symmetric too: they see x and y alike.
	m := swapGrid(6, always("MaxBelow3", func(s grid) bool { return max(s.x, s.y) < 3 }),
		Property[grid]{Name: "FourAndOne", Kind: Sometimes, Holds: func(s grid) bool { return s.x*s.y == 4 && s.x+s.y == 5 }})
	for _, w := range []int{1, 2} {
		res, err := Check(m, Options{Symmetry: true, Workers: w})
		require.NoError(t, err)
		for _, name := range []string{"MaxBelow3", "FourAndOne"} {
			p, _ := res.Property(name)
			require.NotNil(t, p.Path, name)
			q, err := Replay(m, p.Path.Actions())
			require.NoError(t, err, "%s: the path replays", name)
			at, _, err := Judge(m, name, q)
			require.NoError(t, err)
			assert.Equal(t, len(q.Steps)-1, at, "%s: judged at its last state", name)
			assert.Equal(t, p.Path.Steps[len(p.Path.Steps)-1].State, q.Steps[len(q.Steps)-1].State)
		}
		p, _ := res.Property("MaxBelow3")
		assert.Len(t, p.Path.Steps, 4, "still a shortest counterexample")
	}
}

// TestSymmetryRefusesLiveness: fairness is per action instance, and a
// permutation maps instances to other instances, so a cycle of orbits can
// look fair when no real cycle is; the checker refuses the combination
// rather than risk a wrong verdict.
func TestSymmetryRefusesLiveness(t *testing.T) {
	m := ringModel(WeakFairness("WF_Inc", "Inc"))
	m.Symmetry = func(x int, yield func(int) bool) { yield(x) }
	_, err := Check(m, Options{Symmetry: true})
	assert.ErrorContains(t, err, "eventually property ReachTwo is refused")
	// Without symmetry the same model is judged as usual.
	_, err = Check(m, Options{})
	assert.NoError(t, err)
}

func TestPermutations(t *testing.T) {
	assert.Equal(t, [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}, Permutations(3))
	assert.Len(t, Permutations(5), 120)
	assert.Len(t, Permutations(0), 1, "the empty permutation")
}
