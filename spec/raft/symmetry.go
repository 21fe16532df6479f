package raft

import "github.com/distcheck/distcheck/checker"

// Symmetry yields s under every permutation of the servers: Raft.tla treats
// servers alike (no CHOOSE, no order among them), so this is the symmetry
// that TLC's SYMMETRY Perms (Perms == Permutations(Server)) exploits. The
// images are full states, so a representative is never needed: the checker
// keeps the smallest fingerprint of the orbit.
func (c Config) Symmetry(s State, yield func(State) bool) { c.symmetry()(s, yield) }

// symmetry is Symmetry with the permutations computed once.
func (c Config) symmetry() func(State, func(State) bool) {
	perms := checker.Permutations(c.Servers)[1:] // the identity is the state itself
	return func(s State, yield func(State) bool) {
		for _, p := range perms {
			if !yield(Permute(s, c.Servers, p)) {
				return
			}
		}
	}
}

// Permute renames server i to p[i] everywhere in s (n servers).
func Permute(s State, n int, p []int) State {
	var out State
	for i := 0; i < n; i++ {
		j := p[i]
		out.CurrentTerm[j] = s.CurrentTerm[i]
		out.Role[j] = s.Role[i]
		out.VotedFor[j] = s.VotedFor[i]
		if v := s.VotedFor[i]; v != Nil {
			out.VotedFor[j] = uint8(p[v])
		}
		out.Log[j] = s.Log[i]
		out.CommitIndex[j] = s.CommitIndex[i]
		out.VotesGranted[j] = permuteSet(s.VotesGranted[i], n, p)
		for k := 0; k < n; k++ {
			out.MatchIndex[j][p[k]] = s.MatchIndex[i][k]
		}
	}
	msgs := make([]Msg, len(s.Msgs))
	for k, m := range s.Msgs {
		m.Src, m.Dst = uint8(p[m.Src]), uint8(p[m.Dst])
		msgs[k] = m
	}
	out.Msgs = NewMsgs(msgs)
	return out
}

func permuteSet(set uint8, n int, p []int) uint8 {
	var out uint8
	for i := 0; i < n; i++ {
		if set&(1<<i) != 0 {
			out |= 1 << p[i]
		}
	}
	return out
}
