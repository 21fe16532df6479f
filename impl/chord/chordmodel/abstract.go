package chordmodel

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/chord"
	cspec "github.com/distcheck/distcheck/spec/chord"
)

// Spec returns the constants of spec/chord (Chord.tla's Go twin) that
// match the model: nodes 1..N are the slots in identifier order, Base is
// the first Base of them. The spec needs 2 <= R <= cspec.MaxR.
func (c Config) Spec() (cspec.Config, error) {
	if err := c.Validate(); err != nil {
		return cspec.Config{}, err
	}
	sc := cspec.Config{N: c.Nodes, R: c.R, Corrected: c.Protocol == chord.Corrected, MaxJoins: c.MaxJoins, MaxFails: c.MaxFails}
	for b := 1; b <= c.Base; b++ {
		sc.Base = append(sc.Base, b)
	}
	return sc, sc.Validate()
}

// Abstract maps a model state to the spec's state: slot i is node i+1 and
// identifiers become slot numbers (the spec's ring order is the numbers'
// order, the same as the identifiers'); a successor list is padded with
// Nil to length R; a non-member has nothing but its notification in
// flight. Everything the spec has is in the implementation's state, and
// nothing is dropped but fingers (absent here) and node configuration.
func (c Config) Abstract(s State) cspec.State {
	m, err := c.build()
	if err != nil {
		panic(err) // Abstract is used on states of a model built from c
	}
	return m.abstract(s)
}

func (m *model) abstract(s State) cspec.State {
	var out cspec.State
	node := func(id chord.ID) uint8 { return uint8(m.slot(id) + 1) }
	for i, n := range s.Nodes {
		if to := s.Notify[i]; to >= 0 {
			out.Notify[i] = uint8(to + 1)
		}
		if n == nil {
			continue
		}
		for k := range n.NumSuccessors() {
			out.Succ[i][k] = node(n.Successor(k))
		}
		if p, ok := n.Pred(); ok {
			out.Prdc[i] = node(p)
		}
		if st, ok := n.Stabilizing(); ok {
			out.Stab[i] = node(st)
		}
	}
	out.Joins, out.Fails = uint8(s.Joins), uint8(s.Fails)
	return out
}

// conformance is the Step property that every step of the implementation,
// abstracted, is a step of spec/chord's Next or a stutter.
func (m *model) conformance() (checker.Property[State], error) {
	sc, err := m.c.Spec()
	if err != nil {
		return checker.Property[State]{}, fmt.Errorf("chord: conformance needs spec/chord's constants: %w", err)
	}
	return checker.Refines("Conformance", sc.Model(), m.abstract), nil
}
