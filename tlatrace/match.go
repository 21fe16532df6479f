package tlatrace

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/distcheck/distcheck/checker"
)

// MatchOptions steer Match.
type MatchOptions struct {
	// Stutter closes a trace that has no loop of its own as a lasso that
	// stutters in its last state: a liveness counterexample read from
	// TLC's JSON, which does not record TLC's "Stuttering".
	Stutter bool
}

// Match maps TLC's trace onto the Go twin m: it picks the initial state,
// and then at each step the successor (by m's Next, or a stutter), whose
// rendering equals TLC's state, the same rendering export uses. The
// result is a path of the twin with the twin's action labels, a lasso when
// TLC's trace is one, ready to be replayed by the checker.
func Match[T any](m *checker.Model[T], render func(T) map[string]Value, tr *TLCTrace, opt MatchOptions) (*checker.Path[T], error) {
	if len(tr.States) == 0 {
		return nil, fmt.Errorf("tlatrace: empty TLC trace")
	}
	p := &checker.Path[T]{Loop: -1}
	var firstErr error
	find := func(k int, each func(func(string, T) bool)) (string, T, bool) {
		var label string
		var found T
		ok := false
		each(func(l string, t T) bool {
			if err := matches(render(t), tr.States[k]); err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return true
			}
			label, found, ok = l, t, true
			return false
		})
		return label, found, ok
	}
	firstErr = nil
	label, s, ok := find(0, m.Init)
	if !ok {
		return nil, fmt.Errorf("tlatrace: TLC's state 1 is no initial state of %s (%v)", m.Name, firstErr)
	}
	p.Steps = append(p.Steps, checker.PathStep[T]{Action: label, State: s})
	for k := 1; k < len(tr.States); k++ {
		cur := p.Steps[len(p.Steps)-1].State
		firstErr = nil
		label, s, ok := find(k, func(y func(string, T) bool) { m.Next(cur, y) })
		if !ok && matches(render(cur), tr.States[k]) == nil {
			continue // a stutter that is no step of the twin
		}
		if !ok {
			return nil, fmt.Errorf("tlatrace: TLC's state %d (%s) is no successor of state %d in %s (closest mismatch: %v)",
				k+1, tr.States[k].Label, k, m.Name, firstErr)
		}
		p.Steps = append(p.Steps, checker.PathStep[T]{Action: label, State: s})
	}
	switch {
	case tr.Loop >= 0:
		if len(p.Steps) != len(tr.States) {
			return nil, fmt.Errorf("tlatrace: a lasso whose states repeat is not supported")
		}
		want := m.StateFingerprint(p.Steps[tr.Loop].State)
		last := p.Steps[len(p.Steps)-1].State
		if m.StateFingerprint(last) == want {
			p.Loop = tr.Loop // back to itself: stutters
			break
		}
		found := false
		m.Next(last, func(l string, t T) bool {
			if m.StateFingerprint(t) == want {
				p.Loop, p.LoopAction, found = tr.Loop, l, true
				return false
			}
			return true
		})
		if !found {
			return nil, fmt.Errorf("tlatrace: no step of %s leads from the last state back to state %d", m.Name, tr.Loop+1)
		}
	case tr.Stutter || opt.Stutter:
		p.Loop = len(p.Steps) - 1
	}
	return p, nil
}

// matches reports why a rendered state differs from TLC's, or nil.
func matches(got map[string]Value, want State) error {
	n := len(want.Vars)
	if want.Vars == nil {
		n = len(want.JSON)
	}
	if n != len(got) {
		return fmt.Errorf("TLC's state has %d variables, the twin's %d", n, len(got))
	}
	names := make([]string, 0, len(got))
	for v := range got {
		names = append(names, v)
	}
	slices.Sort(names)
	for _, name := range names {
		g := got[name]
		if want.Vars != nil {
			w, ok := want.Vars[name]
			if !ok {
				return fmt.Errorf("TLC's state has no variable %s", name)
			}
			if !Equal(g, w) {
				return fmt.Errorf("%s = %s, TLC has %s", name, g, w)
			}
			continue
		}
		j, ok := want.JSON[name]
		if !ok {
			return fmt.Errorf("TLC's state has no variable %s", name)
		}
		if !matchJSON(g, j) {
			return fmt.Errorf("%s = %s, TLC has %s", name, g, jsonText(j))
		}
	}
	return nil
}

func jsonText(j any) string {
	b, err := json.Marshal(j)
	if err != nil {
		return fmt.Sprint(j)
	}
	return string(b)
}

// matchJSON compares v with TLC's JSON encoding of a value, reading the
// JSON by v's kind: an array is a set or a sequence, a string a string or
// a model value, an object a record or a function (keys as text).
func matchJSON(v Value, j any) bool {
	switch v.kind {
	case IntKind:
		n, ok := j.(json.Number)
		if !ok {
			return false
		}
		i, err := n.Int64()
		return err == nil && int(i) == v.i
	case BoolKind:
		b, ok := j.(bool)
		return ok && b == (v.i == 1)
	case StringKind, ModelKind:
		s, ok := j.(string)
		return ok && s == v.s
	case SetKind:
		arr, ok := j.([]any)
		if !ok || len(arr) != len(v.elems) {
			return false
		}
		used := make([]bool, len(v.elems))
	next:
		for _, x := range arr {
			for k, e := range v.elems {
				if !used[k] && matchJSON(e, x) {
					used[k] = true
					continue next
				}
			}
			return false
		}
		return true
	case FuncKind:
		if arr, ok := j.([]any); ok {
			if !v.isSeq() || len(arr) != len(v.vals) {
				return false
			}
			for k, x := range arr {
				if !matchJSON(v.vals[k], x) {
					return false
				}
			}
			return true
		}
		obj, ok := j.(map[string]any)
		if !ok || len(obj) != len(v.elems) {
			return false
		}
		for k, key := range v.elems {
			x, ok := obj[keyText(key)]
			if !ok || !matchJSON(v.vals[k], x) {
				return false
			}
		}
		return true
	}
	return false
}

func keyText(k Value) string {
	switch k.kind {
	case IntKind:
		return strconv.Itoa(k.i)
	case StringKind, ModelKind:
		return k.s
	}
	return strings.Trim(k.String(), `"`)
}
