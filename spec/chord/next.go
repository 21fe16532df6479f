package chord

import "fmt"

// Next is Chord.tla's Next. It yields one successor per TLC successor, in
// the order of Next's disjuncts: Join(j, m) for every j, m; then for every
// node n Fail, the original protocol's Stabilize, Flush, Update and
// Reconcile, and the corrected protocol's StabilizeFromSuccessor and
// StabilizeFromPredecessor; then Notify(t, p) and Rectify(t, p) for every
// receiver t and sender p. Labels name nodes n1..nN.
func (c Config) Next(s State, yield func(string, State) bool) {
	N := uint8(c.N)
	for j := uint8(1); j <= N; j++ {
		for m := uint8(1); m <= N; m++ {
			if t, ok := c.Join(&s, j, m); ok && !yield(fmt.Sprintf("Join(%s,%s)", nodeName(j), nodeName(m)), t) {
				return
			}
		}
	}
	type action struct {
		name string
		f    func(*State, uint8) (State, bool)
	}
	acts := [...]action{
		{"Fail", c.Fail},
		{"Stabilize", c.Stabilize},
		{"Flush", c.Flush},
		{"Update", c.Update},
		{"Reconcile", c.Reconcile},
		{"StabilizeFromSuccessor", c.StabilizeFromSuccessor},
		{"StabilizeFromPredecessor", c.StabilizeFromPredecessor},
	}
	for n := uint8(1); n <= N; n++ {
		for _, a := range acts {
			if t, ok := a.f(&s, n); ok && !yield(a.name+"("+nodeName(n)+")", t) {
				return
			}
		}
	}
	for r := uint8(1); r <= N; r++ {
		for p := uint8(1); p <= N; p++ {
			if t, ok := c.NotifyAction(&s, r, p); ok && !yield(fmt.Sprintf("Notify(%s,%s)", nodeName(r), nodeName(p)), t) {
				return
			}
			if t, ok := c.Rectify(&s, r, p); ok && !yield(fmt.Sprintf("Rectify(%s,%s)", nodeName(r), nodeName(p)), t) {
				return
			}
		}
	}
}

// shift is Chord.tla's Shift: the list without its first entry, padded.
func (c Config) shift(l [MaxR]uint8) [MaxR]uint8 {
	var out [MaxR]uint8
	copy(out[:c.R-1], l[1:c.R])
	return out
}

// adopt is Chord.tla's Adopt(x): x followed by x's list, cut to length R.
func (c Config) adopt(s *State, x uint8) [MaxR]uint8 {
	var out [MaxR]uint8
	out[0] = x
	copy(out[1:c.R], s.Succ[x-1][:c.R-1])
	return out
}

func (c Config) joinEnabled(s *State, j, m uint8) bool {
	return !s.IsMember(j) && s.Notify[j-1] == Nil && s.IsMember(m) && Between(m, j, s.Succ[m-1][0])
}

// Join is Chord.tla's Join(j, m): j joins through member m, whose first
// successor is past j.
func (c Config) Join(s *State, j, m uint8) (State, bool) {
	if int(s.Joins) >= c.MaxJoins || !c.joinEnabled(s, j, m) {
		return State{}, false
	}
	t := *s
	if c.Corrected {
		t.Succ[j-1] = s.Succ[m-1]
		t.Prdc[j-1] = m
	} else {
		t.Succ[j-1] = [MaxR]uint8{s.Succ[m-1][0]}
		t.Prdc[j-1] = Nil
	}
	t.Joins++
	return t, true
}

// failOK is Chord.tla's FailOK(n): another member remains, and every other
// member whose list names n keeps a live entry besides n.
func (c Config) failOK(s *State, n uint8) bool {
	if s.Members()&^bit(n) == 0 {
		return false
	}
	for m := uint8(1); int(m) <= c.N; m++ {
		if m == n || !s.IsMember(m) {
			continue
		}
		names, other := false, false
		for _, x := range s.Succ[m-1][:c.R] {
			if x == n {
				names = true
			} else if s.IsMember(x) {
				other = true
			}
		}
		if names && !other {
			return false
		}
	}
	return true
}

// Fail is Chord.tla's Fail(n).
func (c Config) Fail(s *State, n uint8) (State, bool) {
	if int(s.Fails) >= c.MaxFails || !s.IsMember(n) || c.Corrected && c.inBase(n) || !c.failOK(s, n) {
		return State{}, false
	}
	t := *s
	t.Succ[n-1] = [MaxR]uint8{}
	t.Prdc[n-1] = Nil
	t.Stab[n-1] = Nil
	for x := range c.N {
		if s.Notify[x] == n {
			t.Notify[x] = Nil
		}
	}
	t.Fails++
	return t, true
}

// Stabilize is the original protocol's Stabilize(n).
func (c Config) Stabilize(s *State, n uint8) (State, bool) {
	if c.Corrected || !s.IsMember(n) || s.Notify[n-1] != Nil || !s.IsMember(s.Succ[n-1][0]) {
		return State{}, false
	}
	succ := s.Succ[n-1][0]
	x := s.Prdc[succ-1]
	next := succ
	if x != Nil && Between(n, x, succ) {
		next = x
	}
	t := *s
	t.Succ[n-1][0] = next
	t.Notify[n-1] = Nil
	if s.IsMember(next) {
		t.Notify[n-1] = next
	}
	return t, true
}

// NotifyAction is the original protocol's Notify(t, p): t handles p's
// notification.
func (c Config) NotifyAction(s *State, t, p uint8) (State, bool) {
	if c.Corrected || !s.IsMember(t) || s.Notify[p-1] != t {
		return State{}, false
	}
	u := *s
	if s.Prdc[t-1] == Nil || Between(s.Prdc[t-1], p, t) {
		u.Prdc[t-1] = p
	}
	u.Notify[p-1] = Nil
	return u, true
}

// Flush is the original protocol's Flush(n).
func (c Config) Flush(s *State, n uint8) (State, bool) {
	if c.Corrected || !s.IsMember(n) || s.Prdc[n-1] == Nil || s.IsMember(s.Prdc[n-1]) {
		return State{}, false
	}
	t := *s
	t.Prdc[n-1] = Nil
	return t, true
}

// Update is the original protocol's Update(n).
func (c Config) Update(s *State, n uint8) (State, bool) {
	if c.Corrected || !s.IsMember(n) || s.IsMember(s.Succ[n-1][0]) || s.Succ[n-1][1] == Nil {
		return State{}, false
	}
	t := *s
	t.Succ[n-1] = c.shift(s.Succ[n-1])
	return t, true
}

// Reconcile is the original protocol's Reconcile(n).
func (c Config) Reconcile(s *State, n uint8) (State, bool) {
	if c.Corrected || !s.IsMember(n) || !s.IsMember(s.Succ[n-1][0]) {
		return State{}, false
	}
	l := c.adopt(s, s.Succ[n-1][0])
	if l == s.Succ[n-1] {
		return State{}, false
	}
	t := *s
	t.Succ[n-1] = l
	return t, true
}

// StabilizeFromSuccessor is the corrected protocol's
// StabilizeFromSuccessor(t).
func (c Config) StabilizeFromSuccessor(s *State, t uint8) (State, bool) {
	if !c.Corrected || !s.IsMember(t) || s.Stab[t-1] != Nil || s.Notify[t-1] != Nil {
		return State{}, false
	}
	u := *s
	succ := s.Succ[t-1][0]
	if !s.IsMember(succ) {
		l := c.shift(s.Succ[t-1])
		if l[0] == Nil {
			return State{}, false
		}
		u.Succ[t-1] = l
		if s.IsMember(l[0]) {
			u.Notify[t-1] = l[0]
		}
		return u, true
	}
	u.Succ[t-1] = c.adopt(s, succ)
	if p := s.Prdc[succ-1]; p != Nil && Between(t, p, succ) {
		u.Stab[t-1] = p
	} else {
		u.Notify[t-1] = succ
	}
	return u, true
}

// StabilizeFromPredecessor is the corrected protocol's
// StabilizeFromPredecessor(t).
func (c Config) StabilizeFromPredecessor(s *State, t uint8) (State, bool) {
	p := s.Stab[t-1]
	if !c.Corrected || !s.IsMember(t) || p == Nil {
		return State{}, false
	}
	u := *s
	if s.IsMember(p) {
		u.Succ[t-1] = c.adopt(s, p)
		u.Notify[t-1] = p
	} else {
		u.Notify[t-1] = Nil
		if first := s.Succ[t-1][0]; s.IsMember(first) {
			u.Notify[t-1] = first
		}
	}
	u.Stab[t-1] = Nil
	return u, true
}

// Rectify is the corrected protocol's Rectify(r, p): r handles p's
// notification.
func (c Config) Rectify(s *State, r, p uint8) (State, bool) {
	if !c.Corrected || !s.IsMember(r) || s.Notify[p-1] != r {
		return State{}, false
	}
	u := *s
	if old := s.Prdc[r-1]; Between(old, p, r) || !s.IsMember(old) {
		u.Prdc[r-1] = p
	}
	u.Notify[p-1] = Nil
	return u, true
}
