package paxos

import "github.com/distcheck/distcheck/checker"

// Symmetry yields s under every permutation of the acceptors: Paxos.tla's
// quorums are the majorities and no definition names or orders acceptors,
// so this is the symmetry TLC's SYMMETRY Perms (Perms ==
// Permutations(Acceptor), MCPaxosSym.cfg) exploits. Proposers are not
// interchangeable (each owns its ballots), nor, for Validity, are values.
func (c Config) Symmetry(s State, yield func(State) bool) {
	for _, p := range checker.Permutations(c.Acceptors)[1:] {
		if !yield(c.Permute(s, p)) {
			return
		}
	}
}

// Permute renames acceptor a to p[a] everywhere in s.
func (c Config) Permute(s State, p []int) State {
	out := s
	for a := 0; a < c.Acceptors; a++ {
		out.MaxBal[p[a]], out.MaxVBal[p[a]], out.MaxVal[p[a]] = s.MaxBal[a], s.MaxVBal[a], s.MaxVal[a]
	}
	msgs := make([]Msg, len(s.Msgs))
	for k, m := range s.Msgs {
		if m.Type == M1b || m.Type == M2b { // only these carry an acceptor
			m.Acc = uint8(p[m.Acc])
		}
		msgs[k] = m
	}
	out.Msgs = NewMsgs(msgs)
	return out
}
