package paxos

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
)

// Model is the spec as a checker model: the same Init, Next and invariants
// as Paxos.tla, and the Sometimes property ValueChosen, which shows the
// model is not vacuous. With Live it also has EventuallyChosen, judged
// under the fairness conditions of LiveSpec.
func (c Config) Model() *checker.Model[State] {
	m := &checker.Model[State]{
		Name:   "paxos-spec",
		Init:   func(yield func(string, State) bool) { yield("Init", c.Init()) },
		Next:   c.Next,
		Encode: func(s State, e *checker.Encoder) { c.Encode(&s, e) },
		Format: func(s State) string { return c.Format(&s) },
		// Used only when a run asks for symmetry reduction.
		Symmetry: c.Symmetry,
	}
	pk := &packer{acceptors: c.Acceptors, proposers: c.Proposers}
	m.Pack, m.Unpack = pk.pack, pk.unpack
	for _, inv := range c.Invariants() {
		holds := inv.Holds
		m.Properties = append(m.Properties, checker.Property[State]{
			Name: inv.Name, Kind: checker.Always, Holds: func(s State) bool { return holds(&s) },
		})
	}
	chosen := func(s State) bool { return c.Chosen(&s) != 0 }
	m.Properties = append(m.Properties,
		checker.Property[State]{Name: "ValueChosen", Kind: checker.Sometimes, Holds: chosen})
	if c.Live {
		m.Properties = append(m.Properties,
			checker.Property[State]{Name: "EventuallyChosen", Kind: checker.Eventually, Holds: chosen})
		m.Fairness = c.Fairness()
	}
	return m
}

// Fairness is LiveSpec's weak fairness, one condition per conjunct:
// WF_vars(Prepare(p)) and WF_vars(Propose(p)) for every proposer p, and
// WF_vars(Phase1b(a)) and WF_vars(Phase2b(a)) for every acceptor a. Each
// instance (Prepare(0), Phase1b(a1), ...) gathers the labels of the steps
// of its action; Timeout and GiveUp belong to none.
func (c Config) Fairness() []checker.Fairness {
	prepare, propose := map[string]string{}, map[string]string{}
	phase1b, phase2b := map[string]string{}, map[string]string{}
	for b := 0; b <= c.MaxBallot; b++ {
		owner := fmt.Sprint(c.Owner(b))
		prepare[phase1aLabel(b)] = owner
		for v := 1; v <= c.Values; v++ {
			propose[phase2aLabel(b, v)] = owner
		}
		for a := 0; a < c.Acceptors; a++ {
			acc := fmt.Sprintf("a%d", a+1)
			phase1b[phase1bLabel(a, b)] = acc
			for v := 1; v <= c.Values; v++ {
				phase2b[phase2bLabel(a, b, v)] = acc
			}
		}
	}
	wf := func(name string, instance map[string]string) checker.Fairness {
		return checker.Fairness{Name: name, Instance: func(action string) (string, bool) {
			key, ok := instance[action]
			return key, ok
		}}
	}
	return []checker.Fairness{
		wf("Prepare", prepare), wf("Propose", propose),
		wf("Phase1b", phase1b), wf("Phase2b", phase2b),
	}
}
