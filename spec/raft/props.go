package raft

// ElectionSafety: at most one leader per term.
func (c Config) ElectionSafety(s *State) bool {
	for i := 0; i < c.Servers; i++ {
		for j := i + 1; j < c.Servers; j++ {
			if s.Role[i] == Leader && s.Role[j] == Leader && s.CurrentTerm[i] == s.CurrentTerm[j] {
				return false
			}
		}
	}
	return true
}

// LogMatching: equal terms at an index mean equal prefixes up to it.
func (c Config) LogMatching(s *State) bool {
	for i := 0; i < c.Servers; i++ {
		for j := i + 1; j < c.Servers; j++ {
			a, b := s.Log[i], s.Log[j]
			for n := 1; n <= min(a.Len(), b.Len()); n++ {
				if a.At(n).Term == b.At(n).Term && a.Prefix(n) != b.Prefix(n) {
					return false
				}
			}
		}
	}
	return true
}

// LeaderCompleteness: a leader whose term is at least currentTerm[i]
// stores every entry server i knows to be committed.
func (c Config) LeaderCompleteness(s *State) bool {
	for l := 0; l < c.Servers; l++ {
		if s.Role[l] != Leader {
			continue
		}
		for i := 0; i < c.Servers; i++ {
			if s.CurrentTerm[l] < s.CurrentTerm[i] {
				continue
			}
			for n := 1; n <= int(s.CommitIndex[i]); n++ {
				if n > s.Log[l].Len() || s.Log[l].At(n) != s.Log[i].At(n) {
					return false
				}
			}
		}
	}
	return true
}

// StateMachineSafety: no two servers commit different entries at an index.
func (c Config) StateMachineSafety(s *State) bool {
	for i := 0; i < c.Servers; i++ {
		for j := i + 1; j < c.Servers; j++ {
			for n := 1; n <= int(min(s.CommitIndex[i], s.CommitIndex[j])); n++ {
				if s.Log[i].At(n) != s.Log[j].At(n) {
					return false
				}
			}
		}
	}
	return true
}

// TypeOK: shape, and role-only variables empty outside their role.
func (c Config) TypeOK(s *State) bool {
	for i := 0; i < c.Servers; i++ {
		switch {
		case int(s.CurrentTerm[i]) > c.MaxTerm,
			s.VotedFor[i] != Nil && int(s.VotedFor[i]) >= c.Servers,
			s.Log[i].Len() > c.MaxLogLen,
			int(s.CommitIndex[i]) > s.Log[i].Len(),
			s.Role[i] != Candidate && s.VotesGranted[i] != 0,
			s.Role[i] != Leader && s.MatchIndex[i] != [MaxServers]uint8{}:
			return false
		}
	}
	return true
}

// Invariants lists the spec's invariants by their TLA+ names.
func (c Config) Invariants() []Invariant {
	return []Invariant{
		{"TypeOK", c.TypeOK},
		{"ElectionSafety", c.ElectionSafety},
		{"LogMatching", c.LogMatching},
		{"LeaderCompleteness", c.LeaderCompleteness},
		{"StateMachineSafety", c.StateMachineSafety},
	}
}

// Invariant is a named state predicate.
type Invariant struct {
	Name  string
	Holds func(*State) bool
}
