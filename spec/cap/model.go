package cap

import (
	"strings"

	"github.com/distcheck/distcheck/checker"
)

// Linearizable is Cap.tla's Linearizable: some linearization explains the history.
func Linearizable(s *State) bool { return !s.Lin.Empty() }

// QuietReplicasAgree is Cap.tla's QuietReplicasAgree.
func QuietReplicasAgree(s *State) bool { return s.NNet > 0 || s.Store[0] == s.Store[1] }

// AllAnswered is Cap.tla's AllAnswered, the body of EveryRequestAnswered.
func (c Config) AllAnswered(s *State) bool {
	for cl := 0; cl < c.Clients; cl++ {
		if int(s.Ops[cl]) != c.MaxOps || s.Pend[cl] != Idle {
			return false
		}
	}
	return true
}

// TypeOK is the part of Cap.tla's TypeOK that the Go types do not already ensure.
func (c Config) TypeOK(s *State) bool {
	if int(s.Partitions) > c.MaxPartitions {
		return false
	}
	for _, v := range s.Store {
		if int(v.N) > c.Clients*c.MaxOps {
			return false
		}
	}
	for _, m := range s.net() {
		if int(m.Ver.N) > c.Clients*c.MaxOps || m.To != 1 && m.To != 2 {
			return false
		}
	}
	for cl := 0; cl < c.Clients; cl++ {
		p := s.Pend[cl]
		if int(s.Ops[cl]) > c.MaxOps || p != Idle && p.Rep != 1 && p.Rep != 2 {
			return false
		}
	}
	return true
}

// Model is the spec as a checker model; with Live it is LiveSpec with
// EveryRequestAnswered.
func (c Config) Model() *checker.Model[State] {
	m := &checker.Model[State]{
		Name: "cap-spec",
		Init: func(yield func(string, State) bool) { yield("Init", c.Init()) },
		Next: c.Next,
		Encode: func(s State, e *checker.Encoder) {
			for _, v := range s.Store {
				e.Uint(uint64(v.N))
				e.Uint(uint64(v.R))
				e.Uint(uint64(v.Val))
			}
			e.Len(int(s.NNet))
			for _, m := range s.net() {
				e.Uint(m.key())
			}
			e.Bool(s.Partitioned)
			e.Uint(uint64(s.Partitions))
			for cl := 0; cl < c.Clients; cl++ {
				p := s.Pend[cl]
				e.Uint(uint64(p.Op))
				e.Uint(uint64(p.Arg))
				e.Uint(uint64(p.Rep))
				e.Uint(uint64(s.Ops[cl]))
			}
			for _, w := range s.Lin {
				e.Uint(w)
			}
		},
		Format: func(s State) string { return c.Format(&s) },
		Properties: []checker.Property[State]{
			{Name: "TypeOK", Kind: checker.Always, Holds: func(s State) bool { return c.TypeOK(&s) }},
			{Name: "Linearizable", Kind: checker.Always, Holds: func(s State) bool { return Linearizable(&s) }},
			{Name: "QuietReplicasAgree", Kind: checker.Always, Holds: func(s State) bool { return QuietReplicasAgree(&s) }},
		},
	}
	if c.Live {
		m.Properties = append(m.Properties, checker.Property[State]{Name: "EveryRequestAnswered",
			Kind: checker.Eventually, Holds: func(s State) bool { return c.AllAnswered(&s) }})
		m.Fairness = []checker.Fairness{Fairness}
	}
	return m
}

// Fairness is LiveSpec's weak fairness: per client c, WF of Invoke(c, _, _)
// (one instance, "Invoke(c1"), of Reply(c) and of Begin(c); and one WF of
// \E m \in net : Deliver(m), whose steps are Update, Sync and Finish.
// Partition and Heal belong to none: a partition may last forever.
var Fairness = checker.Fairness{Name: "WF", Instance: func(a string) (string, bool) {
	switch {
	case strings.HasPrefix(a, "Invoke("):
		return a[:strings.IndexByte(a, ',')], true
	case strings.HasPrefix(a, "Reply("), strings.HasPrefix(a, "Begin("):
		return a, true
	case strings.HasPrefix(a, "Update("), strings.HasPrefix(a, "Sync("), strings.HasPrefix(a, "Finish("):
		return "Deliver", true
	}
	return "", false
}}
