package systems

import (
	"fmt"
	"slices"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/chord/chordmodel"
	"github.com/distcheck/distcheck/impl/paxos/paxosmodel"
	"github.com/distcheck/distcheck/impl/raft/raftmodel"
	capspec "github.com/distcheck/distcheck/spec/cap"
	cspec "github.com/distcheck/distcheck/spec/chord"
	pspec "github.com/distcheck/distcheck/spec/paxos"
	qspec "github.com/distcheck/distcheck/spec/quorum"
	rspec "github.com/distcheck/distcheck/spec/raft"
	"github.com/distcheck/distcheck/tlatrace"
)

// A tracer pairs a system with the TLA+ spec its states map to: export
// writes its paths as traces for TLC (trace validation); import, for a
// spec twin, maps a TLC counterexample onto the twin.
type tracer struct {
	export func(variant string, p map[string]int, paths [][]string, seed uint64, walks, depth int) ([]*tlatrace.Trace, error)
	imp    func(variant string, p map[string]int, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (*Imported, error)
}

// Imported is a TLC counterexample as a path of a spec twin: action
// labels, and for a lasso the state the last one returns to.
type Imported struct {
	Steps      []string
	Loop       int
	LoopAction string
}

// build returns a system's model, the abstraction to its spec twin, the
// spec, and the twin's rendering as TLA+ values.
type build[S, T any] func(variant string, p map[string]int) (*checker.Model[S], func(S) T, tlatrace.Spec, func(T) map[string]tlatrace.Value, error)

func exporter[S, T any](b build[S, T]) func(string, map[string]int, [][]string, uint64, int, int) ([]*tlatrace.Trace, error) {
	return func(variant string, p map[string]int, paths [][]string, seed uint64, walks, depth int) ([]*tlatrace.Trace, error) {
		m, abs, spec, render, err := b(variant, p)
		if err != nil {
			return nil, err
		}
		var out []*tlatrace.Trace
		for k, steps := range paths {
			path, err := checker.Replay(m, steps)
			if err != nil {
				return nil, fmt.Errorf("path %d: %w", k+1, err)
			}
			out = append(out, tlatrace.FromPath(spec, path, abs, render))
		}
		for w := 0; w < walks; w++ {
			out = append(out, tlatrace.FromPath(spec, tlatrace.Walk(m, seed+uint64(w), depth), abs, render))
		}
		return out, nil
	}
}

// twin pairs a spec twin with itself: its states are the spec's.
func twin[T any](b func(variant string, p map[string]int) (*checker.Model[T], tlatrace.Spec, func(T) map[string]tlatrace.Value, error)) tracer {
	same := func(t T) T { return t }
	bb := build[T, T](func(variant string, p map[string]int) (*checker.Model[T], func(T) T, tlatrace.Spec, func(T) map[string]tlatrace.Value, error) {
		m, spec, render, err := b(variant, p)
		return m, same, spec, render, err
	})
	return tracer{
		export: exporter(bb),
		imp: func(variant string, p map[string]int, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (*Imported, error) {
			m, _, render, err := b(variant, p)
			if err != nil {
				return nil, err
			}
			path, err := tlatrace.Match(m, render, tr, opt)
			if err != nil {
				return nil, err
			}
			return &Imported{Steps: path.Actions(), Loop: path.Loop, LoopAction: path.LoopAction}, nil
		},
	}
}

var tracers = map[string]tracer{
	"raft": {export: exporter(build[raftmodel.System, rspec.State](func(v string, p map[string]int) (*checker.Model[raftmodel.System], func(raftmodel.System) rspec.State, tlatrace.Spec, func(rspec.State) map[string]tlatrace.Value, error) {
		c, err := raftConfig(v, p)
		if err != nil {
			return nil, nil, tlatrace.Spec{}, nil, err
		}
		m, err := c.Model()
		sc := c.Spec()
		return m, c.Abstract, sc.TLASpec(), sc.TLAState, err
	}))},
	"paxos": {export: exporter(build[paxosmodel.System, pspec.State](func(v string, p map[string]int) (*checker.Model[paxosmodel.System], func(paxosmodel.System) pspec.State, tlatrace.Spec, func(pspec.State) map[string]tlatrace.Value, error) {
		c, err := paxosConfig(v, p)
		if err != nil {
			return nil, nil, tlatrace.Spec{}, nil, err
		}
		m, err := c.Model()
		sc := c.Spec()
		return m, c.Abstract, sc.TLASpec(), sc.TLAState, err
	}))},
	"chord": {export: exporter(build[chordmodel.State, cspec.State](func(v string, p map[string]int) (*checker.Model[chordmodel.State], func(chordmodel.State) cspec.State, tlatrace.Spec, func(cspec.State) map[string]tlatrace.Value, error) {
		c := chordConfig(v, p)
		sc, err := c.Spec()
		if err != nil {
			return nil, nil, tlatrace.Spec{}, nil, err
		}
		m, err := c.Model()
		return m, c.Abstract, sc.TLASpec(), sc.TLAState, err
	}))},
	"raft-spec": twin(func(_ string, p map[string]int) (*checker.Model[rspec.State], tlatrace.Spec, func(rspec.State) map[string]tlatrace.Value, error) {
		c, err := raftSpecConfig(p)
		if err != nil {
			return nil, tlatrace.Spec{}, nil, err
		}
		return c.Model(), c.TLASpec(), c.TLAState, nil
	}),
	"paxos-spec": twin(func(_ string, p map[string]int) (*checker.Model[pspec.State], tlatrace.Spec, func(pspec.State) map[string]tlatrace.Value, error) {
		c, err := paxosSpecConfig(p)
		if err != nil {
			return nil, tlatrace.Spec{}, nil, err
		}
		return c.Model(), c.TLASpec(), c.TLAState, nil
	}),
	"chord-spec": twin(func(v string, p map[string]int) (*checker.Model[cspec.State], tlatrace.Spec, func(cspec.State) map[string]tlatrace.Value, error) {
		c, err := chordSpecConfig(v, p)
		if err != nil {
			return nil, tlatrace.Spec{}, nil, err
		}
		return c.Model(), c.TLASpec(), c.TLAState, nil
	}),
	"quorum-spec": twin(func(_ string, p map[string]int) (*checker.Model[qspec.State], tlatrace.Spec, func(qspec.State) map[string]tlatrace.Value, error) {
		c, err := quorumSpecConfig(p)
		if err != nil {
			return nil, tlatrace.Spec{}, nil, err
		}
		return c.Model(), c.TLASpec(), c.TLAState, nil
	}),
	"cap-spec": twin(func(_ string, p map[string]int) (*checker.Model[capspec.State], tlatrace.Spec, func(capspec.State) map[string]tlatrace.Value, error) {
		c, err := capSpecConfig(p)
		if err != nil {
			return nil, tlatrace.Spec{}, nil, err
		}
		return c.Model(), c.TLASpec(), c.TLAState, nil
	}),
}

// TraceSystems lists the systems whose paths can be exported as TLA+
// traces, and ImportSystems those onto which TLC counterexamples map.
func TraceSystems() []string {
	var out []string
	for name := range tracers {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// ImportSystems lists the spec twins that TLC counterexamples map onto.
func ImportSystems() []string {
	var out []string
	for name, t := range tracers {
		if t.imp != nil {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// ExportTraces renders paths (action labels, replayed) and walks seeded
// random walks of at most depth states of a system as TLA+ traces of its
// spec; params must be resolved.
func ExportTraces(system, variant string, params map[string]int, paths [][]string, seed uint64, walks, depth int) ([]*tlatrace.Trace, error) {
	t, ok := tracers[system]
	if !ok {
		return nil, fmt.Errorf("system %q has no TLA+ trace pairing (have %v)", system, TraceSystems())
	}
	return t.export(variant, params, paths, seed, walks, depth)
}

// ImportTLC maps TLC's counterexample tr onto a spec twin.
func ImportTLC(system, variant string, params map[string]int, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (*Imported, error) {
	t, ok := tracers[system]
	if !ok || t.imp == nil {
		return nil, fmt.Errorf("system %q is no spec twin TLC counterexamples map onto (have %v)", system, ImportSystems())
	}
	return t.imp(variant, params, tr, opt)
}
