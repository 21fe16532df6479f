package checker

import (
	"fmt"
	"strings"
)

// Replay rebuilds a path from its action labels: actions[0] names an
// initial state, each later label an enabled action of the state before it.
// Matching by label, not by position, keeps saved paths valid when a model
// enumerates its actions in a different order.
//
// A panic inside the model while replaying is returned as an error naming
// the step; the state whose own expansion panics is judged by NoPanic.
func Replay[S any](m *Model[S], actions []string) (p *Path[S], err error) {
	at := 0
	defer func() {
		if v := recover(); v != nil {
			p, err = nil, fmt.Errorf("step %d: panic: %v", at, v)
		}
	}()
	if len(actions) == 0 {
		return nil, fmt.Errorf("empty path: it needs at least an initial state")
	}
	p = &Path[S]{Loop: -1}
	var inits []string
	m.Init(func(label string, s S) bool {
		if label == actions[0] && m.within(s) {
			p.Steps = append(p.Steps, PathStep[S]{Action: label, State: s})
			return false
		}
		inits = append(inits, label)
		return true
	})
	if len(p.Steps) == 0 {
		return nil, fmt.Errorf("step 0: no initial state %q (have %s)", actions[0], brief(inits))
	}
	for k, a := range actions[1:] {
		at = k + 1
		cur := p.Steps[len(p.Steps)-1].State
		if !step(m, cur, a, p) {
			return nil, fmt.Errorf("step %d: action %q is not enabled (enabled: %s)", k+1, a, brief(enabledActions(m, cur)))
		}
	}
	return p, nil
}

// ReplayLasso is Replay followed by the loop's closing action, which must
// return to the state at index loop.
func ReplayLasso[S any](m *Model[S], actions []string, loop int, loopAction string) (*Path[S], error) {
	p, err := Replay(m, actions)
	if err != nil {
		return nil, err
	}
	if loop < 0 || loop >= len(p.Steps) {
		return nil, fmt.Errorf("loop index %d outside the path of %d states", loop, len(p.Steps))
	}
	p.Loop, p.LoopAction = loop, loopAction
	if loopAction == "" {
		if loop != len(p.Steps)-1 {
			return nil, fmt.Errorf("a stuttering lasso must loop on its last state (%d), not %d", len(p.Steps)-1, loop)
		}
		return p, nil
	}
	var q Path[S]
	last := p.Steps[len(p.Steps)-1].State
	if !step(m, last, loopAction, &q) {
		return nil, fmt.Errorf("loop action %q is not enabled in the last state (enabled: %s)", loopAction, brief(enabledActions(m, last)))
	}
	if m.StateFingerprint(q.Steps[0].State) != m.StateFingerprint(p.Steps[loop].State) {
		return nil, fmt.Errorf("loop action %q does not return to state %d", loopAction, loop)
	}
	return p, nil
}

func step[S any](m *Model[S], cur S, action string, p *Path[S]) bool {
	ok := false
	m.Next(cur, func(a string, t S) bool {
		if a == action && m.within(t) {
			p.Steps = append(p.Steps, PathStep[S]{Action: a, State: t})
			ok = true
			return false
		}
		return true
	})
	return ok
}

func enabledActions[S any](m *Model[S], s S) []string {
	var out []string
	m.Next(s, func(a string, t S) bool {
		if m.within(t) {
			out = append(out, a)
		}
		return true
	})
	return out
}

func brief(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	if len(xs) > 8 {
		return strings.Join(xs[:8], "; ") + fmt.Sprintf("; ... %d more", len(xs)-8)
	}
	return strings.Join(xs, "; ")
}

// Judge evaluates one property on a replayed path. For Always it returns the
// index of the first state that violates it, for Step the index of the state
// reached by the first violating step, for Sometimes the first state that
// satisfies it, and -1 when there is none. For Eventually the path must be a
// lasso and Judge returns its last index when the lasso is a fair behaviour
// on which the property never holds.
func Judge[S any](m *Model[S], name string, p *Path[S]) (int, string, error) {
	prop, ok := m.property(name)
	if !ok {
		var names []string
		for _, q := range m.Properties {
			names = append(names, q.Name)
		}
		return -1, "", fmt.Errorf("unknown property %q (have %s)", name, strings.Join(names, ", "))
	}
	switch prop.Kind {
	case Always:
		for i, s := range p.Steps {
			if name == NoPanic && prop.Name == NoPanic {
				if detail := m.panicIn(s.State); detail != "" {
					return i, detail, nil
				}
				continue
			}
			if !prop.Holds(s.State) {
				return i, "", nil
			}
		}
	case Sometimes:
		for i, s := range p.Steps {
			if prop.Holds(s.State) {
				return i, "", nil
			}
		}
	case Step:
		for i := 1; i < len(p.Steps); i++ {
			if err := prop.Check(p.Steps[i-1].State, p.Steps[i].Action, p.Steps[i].State); err != nil {
				return i, err.Error(), nil
			}
		}
	case Eventually:
		if err := fairLasso(m, prop, p); err != nil {
			return -1, err.Error(), nil
		}
		return len(p.Steps) - 1, "fair lasso on which " + name + " never holds", nil
	}
	return -1, "", nil
}

// fairLasso checks that p is a lasso on which prop never holds and that the
// cycle is fair under m.Fairness.
func fairLasso[S any](m *Model[S], prop Property[S], p *Path[S]) error {
	if p.Loop < 0 {
		return fmt.Errorf("not a lasso: no loop")
	}
	for i, s := range p.Steps {
		if prop.Holds(s.State) {
			return fmt.Errorf("%s holds at step %d", prop.Name, i)
		}
	}
	cycle := p.Steps[p.Loop:]
	taken := map[string]bool{}
	if p.LoopAction != "" {
		for _, s := range cycle[1:] {
			for _, k := range fairKeys(m.Fairness, s.Action) {
				taken[k.key] = true
			}
		}
		for _, k := range fairKeys(m.Fairness, p.LoopAction) {
			taken[k.key] = true
		}
	}
	enabledIn := map[string]int{}
	names := map[string]fairKey{}
	for _, s := range cycle {
		fp := m.StateFingerprint(s.State)
		seen := map[string]bool{}
		m.Next(s.State, func(a string, t S) bool {
			if m.StateFingerprint(t) != fp {
				for _, k := range fairKeys(m.Fairness, a) {
					if !seen[k.key] {
						seen[k.key] = true
						enabledIn[k.key]++
						names[k.key] = k
					}
				}
			}
			return true
		})
	}
	for key, n := range enabledIn {
		if taken[key] {
			continue
		}
		k := names[key]
		if (!k.strong && n == len(cycle)) || (k.strong && n > 0) {
			return fmt.Errorf("the cycle is unfair to %s: enabled and never taken", k.name)
		}
	}
	return nil
}
