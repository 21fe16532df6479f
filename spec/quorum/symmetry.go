package quorum

import "github.com/distcheck/distcheck/checker"

// Symmetry yields s under every permutation of the nodes: Quorum.tla names
// no node, so this is TLC's SYMMETRY Perms (Perms == Permutations(Node),
// the MC*Sym.cfg models).
func (c Config) Symmetry(s State, yield func(State) bool) {
	for _, p := range checker.Permutations(c.Nodes)[1:] {
		var t State
		for n := 0; n < c.Nodes; n++ {
			t.Vote[p[n]] = s.Vote[n]
			if s.Crashed&(1<<n) != 0 {
				t.Crashed |= 1 << p[n]
			}
		}
		if !yield(t) {
			return
		}
	}
}
