package checker

import (
	"fmt"
	"sync"
)

// Refines is the conformance property: every step of a model (the
// implementation), mapped through abs, must be a step of spec or a stutter
// (the abstract state does not change). It is how an implementation is
// checked step by step against its specification rather than only against
// invariants. A violation names the implementation step and both abstract
// states.
func Refines[S, T any](name string, spec *Model[T], abs func(S) T) Property[S] {
	// The checker judges all steps out of one state in a row, so the spec
	// successors of the last abstract source state are kept. Parallel
	// workers call Check concurrently: each call borrows a cache (and an
	// encoder) from a pool, which keeps them mostly per goroutine.
	type cache struct {
		f        fingerprinter[T]
		lastFrom uint64
		succ     map[uint64]bool
	}
	pool := sync.Pool{New: func() any { return &cache{f: fingerprinter[T]{encode: spec.Encode}} }}
	return Property[S]{
		Name: name,
		Kind: Step,
		Check: func(from S, action string, to S) error {
			c := pool.Get().(*cache)
			defer pool.Put(c)
			a, b := abs(from), abs(to)
			fa, fb := c.f.fp(a), c.f.fp(b)
			if fa == fb {
				return nil
			}
			if c.succ == nil || fa != c.lastFrom {
				c.lastFrom, c.succ = fa, map[uint64]bool{}
				spec.Next(a, func(_ string, t T) bool {
					c.succ[c.f.fp(t)] = true
					return true
				})
			}
			if c.succ[fb] {
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
