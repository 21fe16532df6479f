package checker

import (
	"fmt"
	"slices"
)

// Shrink reduces a path that violates an Always or Step property by delta
// debugging over its steps (Zeller's ddmin): it removes chunks of actions,
// keeping a candidate only when it still replays and still violates the
// property, and cuts every candidate at its first violation. Steps that
// are only removable together, wherever they sit (a Crash and its Restart,
// a Partition and its Heal, a Duplicate and the Deliver of the copy), are
// then tried in pairs, and chunks again after every pair removed. The
// initial label is never removed. The result is 1-minimal and 2-minimal:
// removing any one or two steps breaks replay or loses the violation. A
// pass over pairs replays O(n^2) candidates, which paths of a few dozen
// steps afford.
func Shrink[S any](m *Model[S], name string, actions []string) ([]string, error) {
	prop, ok := m.property(name)
	if !ok {
		return nil, fmt.Errorf("unknown property %q", name)
	}
	if prop.Kind != Always && prop.Kind != Step {
		return nil, fmt.Errorf("property %q is %v: only always and step violations can be shrunk", name, prop.Kind)
	}
	violates := func(acts []string) ([]string, bool) {
		p, err := Replay(m, acts)
		if err != nil {
			return nil, false
		}
		at, _, _ := Judge(m, name, p)
		if at < 0 {
			return nil, false
		}
		return acts[:at+1], true
	}
	cur, ok := violates(actions)
	if !ok {
		return nil, fmt.Errorf("the path does not violate %s", name)
	}
	for {
		cur = ddmin(cur, violates)
		short, ok := removePair(cur, violates)
		if !ok {
			return cur, nil
		}
		cur = short
	}
}

// removePair returns the first candidate without two of cur's steps that
// still violates, or false.
func removePair(cur []string, violates func([]string) ([]string, bool)) ([]string, bool) {
	for i := 1; i < len(cur); i++ {
		for j := i + 1; j < len(cur); j++ {
			cand := slices.Concat(cur[:i], cur[i+1:j], cur[j+1:])
			if short, ok := violates(cand); ok {
				return short, true
			}
		}
	}
	return nil, false
}

// ddmin removes chunks of steps (never the initial label) while the path
// still violates, down to single steps.
func ddmin(cur []string, violates func([]string) ([]string, bool)) []string {
	n := 2
	for len(cur) > 2 {
		body := cur[1:]
		if n > len(body) {
			n = len(body)
		}
		chunk := (len(body) + n - 1) / n
		reduced := false
		for start := 0; start < len(body); start += chunk {
			end := min(start+chunk, len(body))
			cand := append([]string{cur[0]}, body[:start]...)
			cand = append(cand, body[end:]...)
			if short, ok := violates(cand); ok {
				cur = short
				n = max(n-1, 2)
				reduced = true
				break
			}
		}
		if reduced {
			continue
		}
		if n >= len(body) {
			break
		}
		n = min(2*n, len(body))
	}
	return cur
}

// ShrinkPath is Shrink on a path, returning the replayed shorter path.
func ShrinkPath[S any](m *Model[S], name string, p *Path[S]) (*Path[S], error) {
	acts, err := Shrink(m, name, p.Actions())
	if err != nil {
		return nil, err
	}
	return Replay(m, acts)
}
