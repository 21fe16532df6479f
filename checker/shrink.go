package checker

import "fmt"

// Shrink reduces a path that violates an Always or Step property by delta
// debugging over its steps (Zeller's ddmin): it removes chunks of actions,
// keeping a candidate only when it still replays and still violates the
// property, and cuts every candidate at its first violation. The initial
// label is never removed. The result is 1-minimal: removing any single step
// breaks replay or loses the violation.
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
	return cur, nil
}

// ShrinkPath is Shrink on a path, returning the replayed shorter path.
func ShrinkPath[S any](m *Model[S], name string, p *Path[S]) (*Path[S], error) {
	acts, err := Shrink(m, name, p.Actions())
	if err != nil {
		return nil, err
	}
	return Replay(m, acts)
}
