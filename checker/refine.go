package checker

import "fmt"

// Refines is the conformance property: every step of a model (the
// implementation), mapped through abs, must be a step of spec or a stutter
// (the abstract state does not change). It is how an implementation is
// checked step by step against its specification rather than only against
// invariants. A violation names the implementation step and both abstract
// states.
func Refines[S, T any](name string, spec *Model[T], abs func(S) T) Property[S] {
	f := &fingerprinter[T]{encode: spec.Encode}
	// The checker judges all steps out of one state in a row, so the spec
	// successors of the last abstract source state are kept.
	var lastFrom uint64
	var succ map[uint64]bool
	return Property[S]{
		Name: name,
		Kind: Step,
		Check: func(from S, action string, to S) error {
			a, b := abs(from), abs(to)
			fa, fb := f.fp(a), f.fp(b)
			if fa == fb {
				return nil
			}
			if succ == nil || fa != lastFrom {
				lastFrom, succ = fa, map[uint64]bool{}
				spec.Next(a, func(_ string, t T) bool {
					succ[f.fp(t)] = true
					return true
				})
			}
			if succ[fb] {
				return nil
			}
			return fmt.Errorf("step %q is no step of %s:\n  before: %s\n  after:  %s", action, spec.Name, spec.format(a), spec.format(b))
		},
	}
}

// RefinesInit checks that every initial state of impl maps to an initial
// state of spec.
func RefinesInit[S, T any](impl *Model[S], spec *Model[T], abs func(S) T) error {
	f := &fingerprinter[T]{encode: spec.Encode}
	inits := map[uint64]bool{}
	spec.Init(func(_ string, t T) bool {
		inits[f.fp(t)] = true
		return true
	})
	var err error
	impl.Init(func(label string, s S) bool {
		a := abs(s)
		if !inits[f.fp(a)] {
			err = fmt.Errorf("initial state %q maps to %s, which is not an initial state of %s", label, spec.format(a), spec.Name)
			return false
		}
		return true
	})
	return err
}
