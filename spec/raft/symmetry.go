package raft

import (
	"cmp"
	"slices"

	"github.com/distcheck/distcheck/checker"
)

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

// Representatives yields the images of s that are least by their servers'
// variables alone (cmpServers), messages aside: a set that is the same for
// every state of s's orbit, since they all have the same images, and that
// is one image once the servers differ (a term, a role, a log). Only these
// get their messages renamed, sorted and fingerprinted, which is most of
// what symmetry costs (checker.Model.Representatives).
func (c Config) Representatives(s State, yield func(State) bool) { c.representatives()(s, yield) }

// representatives is Representatives with the permutations computed once.
func (c Config) representatives() func(State, func(State) bool) {
	perms := checker.Permutations(c.Servers) // the identity first
	n := c.Servers
	return func(s State, yield func(State) bool) {
		var least State
		var tied [maxPerms]uint8 // indexes into perms of the images equal to least
		k := 0
		for i, p := range perms {
			img := permuteServers(&s, n, p)
			switch x := cmpServers(&img, &least, n); {
			case i == 0 || x < 0:
				least, tied[0], k = img, uint8(i), 1
			case x == 0:
				tied[k], k = uint8(i), k+1
			}
		}
		for _, i := range tied[:k] {
			img := s // the identity's image
			if i != 0 {
				img = least // tied images share their servers' variables
				img.Msgs = permuteMsgs(s.Msgs, perms[i])
			}
			if !yield(img) {
				return
			}
		}
	}
}

// maxPerms is the number of permutations of MaxServers servers.
const maxPerms = 120

// cmpServers orders states by their servers' variables (the first n),
// variable by variable, ignoring the messages.
func cmpServers(a, b *State, n int) int {
	for i := 0; i < n; i++ {
		if c := cmp.Compare(a.CurrentTerm[i], b.CurrentTerm[i]); c != 0 {
			return c
		}
	}
	for i := 0; i < n; i++ {
		if c := cmp.Compare(a.Role[i], b.Role[i]); c != 0 {
			return c
		}
	}
	for i := 0; i < n; i++ {
		if c := cmpLog(a.Log[i], b.Log[i]); c != 0 {
			return c
		}
	}
	for i := 0; i < n; i++ {
		if c := cmp.Compare(a.VotedFor[i], b.VotedFor[i]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.CommitIndex[i], b.CommitIndex[i]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.VotesGranted[i], b.VotesGranted[i]); c != 0 {
			return c
		}
		for k := 0; k < n; k++ {
			if c := cmp.Compare(a.MatchIndex[i][k], b.MatchIndex[i][k]); c != 0 {
				return c
			}
		}
	}
	return 0
}

// Permute renames server i to p[i] everywhere in s (n servers).
func Permute(s State, n int, p []int) State {
	out := permuteServers(&s, n, p)
	out.Msgs = permuteMsgs(s.Msgs, p)
	return out
}

// permuteServers is Permute without the messages.
func permuteServers(s *State, n int, p []int) State {
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
	return out
}

// permuteMsgs is the set ms with its servers renamed by p: a renaming maps
// distinct messages to distinct ones, so sorting is all it takes.
func permuteMsgs(ms Msgs, p []int) Msgs {
	out := make([]Msg, len(ms))
	for k, m := range ms {
		m.Src, m.Dst = uint8(p[m.Src]), uint8(p[m.Dst])
		out[k] = m
	}
	slices.SortFunc(out, cmpMsg)
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
