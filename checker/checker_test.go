package checker

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// grid is two counters that each step up to n: (n+1)^2 states.
type grid struct{ x, y int }

func gridModel(n int, props ...Property[grid]) *Model[grid] {
	return &Model[grid]{
		Name: "grid",
		Init: func(yield func(string, grid) bool) { yield("Init", grid{}) },
		Next: func(s grid, yield func(string, grid) bool) {
			if s.x < n && !yield("IncX", grid{s.x + 1, s.y}) {
				return
			}
			if s.y < n {
				yield("IncY", grid{s.x, s.y + 1})
			}
		},
		Encode:     func(s grid, e *Encoder) { e.Int(s.x); e.Int(s.y) },
		Properties: props,
	}
}

func always(name string, f func(grid) bool) Property[grid] {
	return Property[grid]{Name: name, Kind: Always, Holds: f}
}

func TestBFSCountsAndShortestCounterexample(t *testing.T) {
	m := gridModel(4, always("SumBelow5", func(s grid) bool { return s.x+s.y < 5 }),
		Property[grid]{Name: "Corner", Kind: Sometimes, Holds: func(s grid) bool { return s.x == 4 && s.y == 4 }},
		Property[grid]{Name: "Never", Kind: Sometimes, Holds: func(s grid) bool { return s.x > 4 }})
	res, err := Check(m, Options{Properties: []string{"Corner", "Never"}})
	require.NoError(t, err)
	assert.True(t, res.Complete)
	assert.Equal(t, uint64(25), res.Stats.Distinct)
	assert.Equal(t, 9, res.Stats.Depth) // TLC convention: the initial state is depth 1
	c, _ := res.Property("Corner")
	assert.Equal(t, Holds, c.Status)
	assert.Len(t, c.Path.Steps, 9)
	never, _ := res.Property("Never")
	assert.Equal(t, Violated, never.Status, "an unreachable Sometimes shows a vacuous model")

	res, err = Check(m, Options{Properties: []string{"SumBelow5"}})
	require.NoError(t, err)
	p, _ := res.Property("SumBelow5")
	require.Equal(t, Violated, p.Status)
	assert.Len(t, p.Path.Steps, 6, "BFS finds the shortest path: init plus five increments")
	assert.Equal(t, "Init", p.Path.Steps[0].Action)
	assert.Equal(t, 5, p.Path.Steps[5].State.x+p.Path.Steps[5].State.y)
	assert.Equal(t, Violated, res.Verdict())
}

func TestDFSExploresTheSameSpace(t *testing.T) {
	res, err := Check(gridModel(6), Options{Strategy: DFS})
	require.NoError(t, err)
	assert.True(t, res.Complete)
	assert.Equal(t, uint64(49), res.Stats.Distinct)
	res, err = Check(gridModel(6, always("x<6", func(s grid) bool { return s.x < 6 })), Options{Strategy: DFS})
	require.NoError(t, err)
	p, _ := res.Property("x<6")
	require.Equal(t, Violated, p.Status)
	assert.Equal(t, 6, p.Path.Steps[len(p.Path.Steps)-1].State.x)
}

func TestBoundsGiveUnknown(t *testing.T) {
	m := gridModel(10, always("True", func(grid) bool { return true }))
	res, err := Check(m, Options{MaxDepth: 5})
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.Equal(t, Unknown, res.Verdict())
	assert.Contains(t, res.Stopped, "max depth")
	res, err = Check(m, Options{MaxStates: 20})
	require.NoError(t, err)
	assert.Equal(t, Unknown, res.Verdict())
	assert.Contains(t, res.Stopped, "max states")
	res, err = Check(m, Options{})
	require.NoError(t, err)
	assert.Equal(t, Holds, res.Verdict())
}

func TestBadInput(t *testing.T) {
	_, err := Check(gridModel(2), Options{Properties: []string{"Nope"}})
	assert.ErrorContains(t, err, `unknown property "Nope"`)
	_, err = Check(&Model[grid]{}, Options{})
	assert.Error(t, err)
	_, err = Replay(gridModel(2), []string{"Init", "IncX", "IncZ"})
	assert.ErrorContains(t, err, `step 2: action "IncZ" is not enabled`)
	_, err = Replay(gridModel(2), []string{"Start"})
	assert.ErrorContains(t, err, `no initial state "Start"`)
}

func TestSimulationIsReproducibleAndShrinks(t *testing.T) {
	m := gridModel(8, always("FarCorner", func(s grid) bool { return !(s.x >= 3 && s.y >= 2) }))
	a, err := Check(m, Options{Strategy: Simulate, Seed: 7, Walks: 50, NoShrink: true})
	require.NoError(t, err)
	b, err := Check(m, Options{Strategy: Simulate, Seed: 7, Walks: 50, NoShrink: true})
	require.NoError(t, err)
	pa, _ := a.Property("FarCorner")
	pb, _ := b.Property("FarCorner")
	require.Equal(t, Violated, pa.Status)
	assert.Equal(t, pa.Path.Actions(), pb.Path.Actions(), "same seed, same walk")
	assert.Equal(t, pa.Seed, pb.Seed)

	s, err := Check(m, Options{Strategy: Simulate, Seed: 7, Walks: 50})
	require.NoError(t, err)
	ps, _ := s.Property("FarCorner")
	assert.Len(t, ps.Path.Steps, 6, "shrunk to init plus the five needed increments")
}

func TestShrinkRemovesIrrelevantSteps(t *testing.T) {
	m := gridModel(5, always("x<2", func(s grid) bool { return s.x < 2 }))
	acts, err := Shrink(m, "x<2", []string{"Init", "IncY", "IncX", "IncY", "IncY", "IncX", "IncY"})
	require.NoError(t, err)
	assert.Equal(t, []string{"Init", "IncX", "IncX"}, acts)
	_, err = Shrink(m, "x<2", []string{"Init", "IncY"})
	assert.ErrorContains(t, err, "does not violate")
}

// lockModel counts x up, but only while unlocked; Lock and Unlock come in
// pairs that no single removal can take out of a path.
type lockState struct {
	x      int
	locked bool
}

func lockModel() *Model[lockState] {
	return &Model[lockState]{
		Name: "lock",
		Init: func(yield func(string, lockState) bool) { yield("Init", lockState{}) },
		Next: func(s lockState, yield func(string, lockState) bool) {
			if s.locked {
				yield("Unlock", lockState{s.x, false})
				return
			}
			if s.x < 5 && !yield("IncX", lockState{s.x + 1, false}) {
				return
			}
			yield("Lock", lockState{s.x, true})
		},
		Encode:     func(s lockState, e *Encoder) { e.Int(s.x); e.Bool(s.locked) },
		Properties: []Property[lockState]{{Name: "x<2", Kind: Always, Holds: func(s lockState) bool { return s.x < 2 }}},
	}
}

func TestShrinkRemovesPairsDownToTheBFSLength(t *testing.T) {
	m := lockModel()
	res, err := Check(m, Options{})
	require.NoError(t, err)
	p, _ := res.Property("x<2")
	require.Equal(t, Violated, p.Status)
	bfs := len(p.Path.Steps) - 1
	require.Equal(t, 2, bfs)
	// Lock/Unlock pairs around and between the increments: removing one
	// step of a pair breaks replay, and no chunk boundary falls around
	// every pair.
	padded := []string{"Init", "Lock", "Unlock", "IncX", "Lock", "Unlock", "Lock", "Unlock", "IncX", "Lock", "Unlock"}
	acts, err := Shrink(m, "x<2", padded)
	require.NoError(t, err)
	assert.Equal(t, []string{"Init", "IncX", "IncX"}, acts)
	assert.Equal(t, bfs, len(acts)-1, "shrunk to the BFS length")
	// One chunk pass alone leaves a pair behind: the pair pass is needed.
	violates := func(a []string) ([]string, bool) {
		p, err := Replay(m, a)
		if err != nil {
			return nil, false
		}
		at, _, _ := Judge(m, "x<2", p)
		if at < 0 {
			return nil, false
		}
		return a[:at+1], true
	}
	assert.Greater(t, len(ddmin(padded, violates)), len(acts), "chunks alone leave a Lock/Unlock pair")
}

// ring is x in 0..2 with Inc (x<2) and Reset (x=1 -> 0), for liveness.
func ringModel(fair ...Fairness) *Model[int] {
	return &Model[int]{
		Name: "ring",
		Init: func(yield func(string, int) bool) { yield("Init", 0) },
		Next: func(x int, yield func(string, int) bool) {
			if x < 2 && !yield(fmt.Sprintf("Inc(%d)", x), x+1) {
				return
			}
			if x == 1 {
				yield("Reset", 0)
			}
		},
		Encode:     func(x int, e *Encoder) { e.Int(x) },
		Properties: []Property[int]{{Name: "ReachTwo", Kind: Eventually, Holds: func(x int) bool { return x == 2 }}},
		Fairness:   fair,
	}
}

func TestLivenessUnderFairness(t *testing.T) {
	perInstance := func(a string) (string, bool) { return a, len(a) > 3 && a[:3] == "Inc" }
	cases := []struct {
		name   string
		fair   []Fairness
		status Status
		loop   string // expected LoopAction of the counterexample
	}{
		{"no fairness: may stutter at 0", nil, Violated, ""},
		{"weak fairness of Inc as one action: the 0-1 cycle takes it", []Fairness{WeakFairness("WF_Inc", "Inc")}, Violated, "Reset"},
		{"weak fairness of each Inc: Inc(1) is not always enabled on the cycle", []Fairness{{Name: "WF", Instance: perInstance}}, Violated, "Reset"},
		{"strong fairness of each Inc: Inc(1) must be taken", []Fairness{{Name: "SF", Strong: true, Instance: perInstance}}, Holds, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := ringModel(c.fair...)
			res, err := Check(m, Options{})
			require.NoError(t, err)
			p, _ := res.Property("ReachTwo")
			require.Equal(t, c.status, p.Status, p.Detail)
			if c.status != Violated {
				return
			}
			assert.Equal(t, c.loop, p.Path.LoopAction)
			// The lasso replays and is judged fair and violating on its own.
			q, err := ReplayLasso(m, p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
			require.NoError(t, err)
			at, detail, err := Judge(m, "ReachTwo", q)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, at, 0, detail)
		})
	}
}

func TestWeakFairnessRulesOutACycle(t *testing.T) {
	// Toggle between 0 and 1 forever, or Finish to 2. Weak fairness of
	// Finish (enabled everywhere on the cycle, never taken) makes the
	// toggling cycle unfair, so Eventually x=2 holds.
	m := &Model[int]{
		Name: "toggle",
		Init: func(yield func(string, int) bool) { yield("Init", 0) },
		Next: func(x int, yield func(string, int) bool) {
			if x < 2 {
				if !yield("Toggle", 1-x) {
					return
				}
				yield("Finish", 2)
			}
		},
		Encode:     func(x int, e *Encoder) { e.Int(x) },
		Properties: []Property[int]{{Name: "Done", Kind: Eventually, Holds: func(x int) bool { return x == 2 }}},
		Fairness:   []Fairness{WeakFairness("WF_Finish", "Finish"), WeakFairness("WF_Toggle", "Toggle")},
	}
	res, err := Check(m, Options{})
	require.NoError(t, err)
	p, _ := res.Property("Done")
	assert.Equal(t, Holds, p.Status, p.Detail)

	m.Fairness = []Fairness{WeakFairness("WF_Toggle", "Toggle")}
	res, err = Check(m, Options{})
	require.NoError(t, err)
	p, _ = res.Property("Done")
	require.Equal(t, Violated, p.Status)
	assert.Equal(t, "Toggle", p.Path.LoopAction)
	// A tampered lasso (claiming to loop at a state the last step does not return to) is rejected.
	_, err = ReplayLasso(m, p.Path.Actions(), len(p.Path.Steps)-1, "Toggle")
	if len(p.Path.Steps) > 1 {
		assert.Error(t, err)
	}
	// Under the stronger fairness the same lasso is judged unfair.
	m.Fairness = []Fairness{WeakFairness("WF_Finish", "Finish")}
	at, detail, err := Judge(m, "Done", p.Path)
	require.NoError(t, err)
	assert.Equal(t, -1, at)
	assert.Contains(t, detail, "unfair to WF_Finish")
}

func TestRefinesCatchesABadStep(t *testing.T) {
	// Spec: x counts up by one. Impl: (x, junk) where junk changes freely
	// (a stutter for the spec) and x may jump by two when buggy.
	spec := &Model[int]{
		Name:   "spec",
		Init:   func(yield func(string, int) bool) { yield("Init", 0) },
		Next:   func(x int, yield func(string, int) bool) { yield("Inc", x+1) },
		Encode: func(x int, e *Encoder) { e.Int(x) },
	}
	impl := func(buggy bool) *Model[grid] {
		m := &Model[grid]{
			Name: "impl",
			Init: func(yield func(string, grid) bool) { yield("Init", grid{}) },
			Next: func(s grid, yield func(string, grid) bool) {
				if s.x < 4 && !yield("Inc", grid{s.x + 1, s.y}) {
					return
				}
				if s.y < 2 && !yield("Junk", grid{s.x, s.y + 1}) {
					return
				}
				if buggy && s.y == 2 && s.x < 3 {
					yield("Jump", grid{s.x + 2, s.y})
				}
			},
			Encode: func(s grid, e *Encoder) { e.Int(s.x); e.Int(s.y) },
		}
		m.Properties = []Property[grid]{Refines("Refines", spec, func(s grid) int { return s.x })}
		require.NoError(t, RefinesInit(m, spec, func(s grid) int { return s.x }))
		return m
	}
	res, err := Check(impl(false), Options{})
	require.NoError(t, err)
	assert.Equal(t, Holds, res.Verdict())
	res, err = Check(impl(true), Options{})
	require.NoError(t, err)
	p, _ := res.Property("Refines")
	require.Equal(t, Violated, p.Status)
	assert.Equal(t, "Jump", p.Path.Steps[len(p.Path.Steps)-1].Action)
	assert.Len(t, p.Path.Steps, 4, "Init, Junk, Junk, Jump")
	assert.Contains(t, p.Detail, `step "Jump" is no step of spec`)
}

func TestFingerprintIsStable(t *testing.T) {
	// Pinned: a change here silently invalidates every saved fingerprint.
	assert.Equal(t, uint64(0xf52a15e9a9b5e89b), Fingerprint(nil))
	var a, b Encoder
	a.String("ab")
	a.String("")
	b.String("a")
	b.String("b")
	assert.NotEqual(t, Fingerprint(a.Bytes()), Fingerprint(b.Bytes()), "length prefixes keep strings apart")
}

func TestPrefixConsistent(t *testing.T) {
	assert.True(t, PrefixConsistent([][]int{{1, 2, 3}, {1, 2}, {}, {1}}))
	assert.False(t, PrefixConsistent([][]int{{1, 2, 3}, {1}, {1, 3}}))
}

// TestNondeterministicModelIsAnError: a model whose Next gives other states
// on a second call cannot have its counterexample rebuilt; Check says so
// with an error naming the model instead of crashing.
func TestNondeterministicModelIsAnError(t *testing.T) {
	calls := 0
	m := &Model[int]{
		Name: "flaky",
		Init: func(yield func(string, int) bool) { yield("Init", 0) },
		Next: func(s int, yield func(string, int) bool) {
			calls++
			switch {
			case calls > 3: // from the fourth call on, another step
				yield("Jump", s+100)
			case s < 3:
				yield("Inc", s+1)
			}
		},
		Encode: func(s int, e *Encoder) { e.Int(s) },
		Properties: []Property[int]{{Name: "Small", Kind: Always,
			Holds: func(s int) bool { return s < 3 }}},
	}
	_, err := Check(m, Options{Workers: 1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "model flaky")
	assert.Contains(t, err.Error(), "not reproducible")
}
