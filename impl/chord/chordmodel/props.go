package chordmodel

import (
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/chord"
)

// ring is the best-successor graph of a state, by slot: Zave's properties
// are stated on it.
type ring struct {
	m      *model
	s      State
	best   []int // best successor's slot; -1 for none (or no member)
	onRing []bool
	buf    [maxNodes]int // backing arrays, so building a ring allocates nothing
	buf2   [maxNodes]bool
}

func (m *model) ring(s State) *ring {
	e := env{m: m, s: &s}
	r := &ring{m: m, s: s}
	r.best, r.onRing = r.buf[:len(s.Nodes)], r.buf2[:len(s.Nodes)]
	for i, n := range s.Nodes {
		r.best[i] = -1
		if n != nil {
			if b, ok := n.BestSucc(e.Alive); ok {
				r.best[i] = m.slot(b)
			}
		}
	}
	for i := range s.Nodes {
		r.onRing[i] = s.Nodes[i] != nil && r.reaches(i, i)
	}
	return r
}

// reaches reports whether b is reachable from a in one or more
// best-successor steps.
func (r *ring) reaches(a, b int) bool {
	x := a
	for range r.best {
		x = r.best[x]
		if x < 0 {
			return false
		}
		if x == b {
			return true
		}
	}
	return false
}

func (r *ring) atLeastOne() bool {
	for _, on := range r.onRing {
		if on {
			return true
		}
	}
	return false
}

func (r *ring) atMostOne() bool {
	for a, on := range r.onRing {
		for b, on2 := range r.onRing {
			if on && on2 && !r.reaches(a, b) {
				return false
			}
		}
	}
	return true
}

// ordered: no ring member lies between a ring member and its best successor.
func (r *ring) ordered() bool {
	for a, on := range r.onRing {
		if !on || r.best[a] == a {
			continue
		}
		for c, on2 := range r.onRing {
			if on2 && chord.Between(r.m.ids[a], r.m.ids[c], r.m.ids[r.best[a]]) {
				return false
			}
		}
	}
	return true
}

// connected: every member off the ring reaches the ring.
func (r *ring) connected() bool {
	for a, n := range r.s.Nodes {
		if n == nil || r.onRing[a] {
			continue
		}
		ok := false
		for c, on := range r.onRing {
			if on && r.reaches(a, c) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// quiet: no join or failure can happen any more.
func (m *model) quiet(s State) bool {
	for i := range s.Nodes {
		if m.canFail(s, i) {
			return false
		}
		for via := range s.Nodes {
			if m.canJoin(s, i, via) {
				return false
			}
		}
	}
	return true
}

// ideal: every member's list holds its next members (up to R, never
// wrapping past itself; a lone member is its own successor), its
// predecessor is the member before it, and no notice from a failed node
// is in flight. This is the stable state stabilization must reach.
func (m *model) ideal(s State) bool {
	var members []int
	for i, n := range s.Nodes {
		if n != nil {
			members = append(members, i)
		}
	}
	k := len(members)
	for x, i := range members {
		n := s.Nodes[i]
		succ := n.Successors()
		if len(succ) != min(m.c.R, max(k-1, 1)) {
			return false
		}
		for j, id := range succ {
			if m.slot(id) != members[(x+j+1)%k] {
				return false
			}
		}
		if p, ok := n.Pred(); !ok || m.slot(p) != members[(x+k-1)%k] {
			return false
		}
	}
	for i, to := range s.Notify {
		if to >= 0 && s.Nodes[i] == nil {
			return false
		}
	}
	return true
}

func (m *model) properties() []checker.Property[State] {
	always := func(name string, f func(*ring) bool) checker.Property[State] {
		return checker.Property[State]{Name: name, Kind: checker.Always, Holds: func(s State) bool { return f(m.ring(s)) }}
	}
	props := []checker.Property[State]{
		always("AtLeastOneRing", (*ring).atLeastOne),
		always("AtMostOneRing", (*ring).atMostOne),
		always("OrderedRing", (*ring).ordered),
		always("ConnectedAppendages", (*ring).connected),
	}
	if !m.c.Live {
		return props
	}
	return append(props, []checker.Property[State]{
		// A node that joined is on the ring: the model is not vacuous.
		{Name: "JoinerOnRing", Kind: checker.Sometimes, Holds: func(s State) bool {
			r := m.ring(s)
			for i := m.c.Base; i < len(s.Nodes); i++ {
				if r.onRing[i] && r.best[i] != i {
					return true
				}
			}
			return false
		}},
		// After a failure the ring is ideal again.
		{Name: "RepairedAfterFailure", Kind: checker.Sometimes, Holds: func(s State) bool {
			return s.Fails > 0 && m.ideal(s)
		}},
		// Once joins and failures stop, stabilization makes the ring ideal.
		{Name: "EventuallyIdeal", Kind: checker.Eventually, Holds: func(s State) bool {
			return m.quiet(s) && m.ideal(s)
		}},
	}...)
}

// fairness: joins and failures together are one weakly fair action
// (Disrupt), so every one the bounds allow eventually happens and
// "eventually" means "after the last of them"; each stabilization step of
// each node, and the handling of each notice in flight (per receiver and
// sender), is weakly fair.
func (m *model) fairness() []checker.Fairness {
	return []checker.Fairness{
		{Name: "WF(Disrupt)", Instance: func(a string) (string, bool) {
			if strings.HasPrefix(a, "Join ") || strings.HasPrefix(a, "Fail ") {
				return "Disrupt", true
			}
			return "", false
		}},
		{Name: "WF(maintenance)", Instance: func(a string) (string, bool) {
			if strings.HasPrefix(a, "Join ") || strings.HasPrefix(a, "Fail ") || a == "Init" {
				return "", false
			}
			return a, true
		}},
	}
}
