package raft

import "github.com/distcheck/distcheck/checker"

// Model is the spec as a checker model: the same Init, Next and invariants
// as Raft.tla, plus Sometimes properties that show the model is not vacuous.
func (c Config) Model() *checker.Model[State] {
	lab := c.newLabels()
	m := &checker.Model[State]{
		Name:   "raft-spec",
		Init:   func(yield func(string, State) bool) { yield("Init", c.Init()) },
		Next:   func(s State, yield func(string, State) bool) { c.next(s, yield, lab) },
		Encode: func(s State, e *checker.Encoder) { s.Encode(c.Servers, e) },
		Format: func(s State) string { return s.Format(c.Servers) },
		// Used only when a run asks for symmetry reduction.
		Symmetry:        c.symmetry(),
		Representatives: c.representatives(),
	}
	pk := &packer{n: c.Servers}
	m.Pack, m.Unpack = pk.pack, pk.unpack
	for _, inv := range c.Invariants() {
		holds := inv.Holds
		m.Properties = append(m.Properties, checker.Property[State]{
			Name: inv.Name, Kind: checker.Always, Holds: func(s State) bool { return holds(&s) },
		})
	}
	m.Properties = append(m.Properties,
		checker.Property[State]{Name: "LeaderElected", Kind: checker.Sometimes, Holds: func(s State) bool {
			for i := 0; i < c.Servers; i++ {
				if s.Role[i] == Leader {
					return true
				}
			}
			return false
		}})
	if c.MaxLogLen > 0 {
		m.Properties = append(m.Properties, checker.Property[State]{Name: "EntryCommitted", Kind: checker.Sometimes, Holds: func(s State) bool {
			for i := 0; i < c.Servers; i++ {
				if s.CommitIndex[i] > 0 {
					return true
				}
			}
			return false
		}})
	}
	return m
}
