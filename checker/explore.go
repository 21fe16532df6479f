package checker

import (
	"errors"
	"fmt"
	"slices"
)

// Check explores m with the chosen strategy and judges its properties.
// The error is for unusable input (a model without Init, Next or Encode, an
// unknown property name); violations are results, not errors.
func Check[S any](m *Model[S], opt Options) (*Result[S], error) {
	if m.Init == nil || m.Next == nil || m.Encode == nil {
		return nil, errors.New("checker: model needs Init, Next and Encode")
	}
	names := make([]string, len(m.Properties))
	for i, p := range m.Properties {
		names[i] = p.Name
		if (p.Kind == Step) != (p.Check != nil) || (p.Kind != Step) != (p.Holds != nil) {
			return nil, fmt.Errorf("checker: property %q of kind %v has the wrong function set", p.Name, p.Kind)
		}
	}
	sel, err := opt.selectProperties(names)
	if err != nil {
		return nil, err
	}
	r := &run[S]{m: m, opt: opt, fpr: fingerprinter[S]{encode: m.Encode}}
	for _, p := range m.Properties {
		if sel != nil && !sel[p.Name] {
			continue
		}
		r.props = append(r.props, p)
		r.res = append(r.res, PropertyResult[S]{Name: p.Name, Kind: p.Kind})
	}
	if opt.Strategy == Simulate {
		return r.simulate(), nil
	}
	if opt.Strategy != BFS && opt.Strategy != DFS {
		return nil, fmt.Errorf("checker: unknown strategy %v", opt.Strategy)
	}
	return r.search(), nil
}

// run is the state shared by all strategies.
type run[S any] struct {
	m     *Model[S]
	opt   Options
	props []Property[S]
	res   []PropertyResult[S]
	fpr   fingerprinter[S]
	st    *store
	stats Stats
	live  *graph[S] // nil unless an Eventually property is checked
	// found[i] records how property i was decided during the search.
	found []finding
}

// finding locates a counterexample or witness by state ids, to be turned
// into a path once the search is over.
type finding struct {
	set    bool
	id     uint32 // state that violates (Always) or witnesses (Sometimes)
	step   bool   // for Step: the violation is the edge from id by action to fp
	action string
	to     uint64
	detail string
}

// undecided reports whether any property can still change by searching on
// without building the graph.
func (r *run[S]) undecided() bool {
	if len(r.props) == 0 {
		return true // nothing to decide: explore everything (state counting)
	}
	pending := false
	for i, p := range r.props {
		if r.opt.StopOnViolation && r.found[i].set && (p.Kind == Always || p.Kind == Step) {
			return false
		}
		if p.Kind == Eventually || !r.found[i].set {
			pending = true
		}
	}
	return pending
}

// checkState judges the state properties on a newly reached state.
func (r *run[S]) checkState(id uint32, s S) {
	for i, p := range r.props {
		switch p.Kind {
		case Always:
			if !r.found[i].set && !p.Holds(s) {
				r.found[i] = finding{set: true, id: id}
			}
		case Sometimes:
			if !r.found[i].set && p.Holds(s) {
				r.found[i] = finding{set: true, id: id}
			}
		}
	}
	if r.live != nil {
		r.live.setHolds(id, r.props, s)
	}
}

// checkStep judges the Step properties on a transition.
func (r *run[S]) checkStep(from uint32, s S, action string, t S, tfp uint64) {
	for i, p := range r.props {
		if p.Kind == Step && !r.found[i].set {
			if err := p.Check(s, action, t); err != nil {
				r.found[i] = finding{set: true, id: from, step: true, action: action, to: tfp, detail: err.Error()}
			}
		}
	}
}

// search is BFS (a FIFO frontier) or DFS (a LIFO frontier); everything else
// is shared, so the two differ only in which end of the frontier is popped.
func (r *run[S]) search() *Result[S] {
	type item struct {
		s  S
		id uint32
	}
	r.st = newStore()
	r.found = make([]finding, len(r.props))
	for _, p := range r.props {
		if p.Kind == Eventually {
			r.live = newGraph(r.m.Fairness, r.props)
			break
		}
	}
	lim := newLimiter(&r.opt)
	var frontier []item
	head := 0
	stopped := ""
	truncated := false

	r.m.Init(func(label string, s S) bool {
		if !r.m.within(s) {
			return true
		}
		r.stats.Generated++
		id, isNew := r.st.insert(r.fpr.fp(s), noParent, 1)
		if isNew {
			r.checkState(id, s)
			frontier = append(frontier, item{s, id})
		}
		return true
	})
	if r.st.len() > 0 {
		r.stats.Depth = 1
	}
	polls := 0
	for head < len(frontier) {
		if !r.undecided() {
			stopped = "stopped at a violation"
			if !r.opt.StopOnViolation {
				stopped = "all properties decided"
			}
			break
		}
		if polls++; polls&255 == 0 {
			r.stats.Distinct, r.stats.Queue = uint64(r.st.len()), len(frontier)-head
			if stopped = lim.poll(&r.stats); stopped != "" {
				break
			}
		}
		var it item
		if r.opt.Strategy == DFS {
			it = frontier[len(frontier)-1]
			frontier = frontier[:len(frontier)-1]
		} else {
			it = frontier[head]
			frontier[head] = item{} // release the state for the collector
			head++
			if head > 4096 && head*2 > len(frontier) {
				frontier = append(frontier[:0], frontier[head:]...)
				head = 0
			}
		}
		depth := r.st.depth[it.id]
		if r.opt.MaxDepth > 0 && int(depth) >= r.opt.MaxDepth {
			// Only a state with successors makes the bound matter.
			r.m.Next(it.s, func(_ string, t S) bool {
				if r.m.within(t) {
					truncated = true
					return false
				}
				return true
			})
			continue
		}
		fromFP := r.st.fps[it.id]
		if r.live != nil {
			r.live.beginState(it.id)
		}
		r.m.Next(it.s, func(action string, t S) bool {
			tfp := r.fpr.fp(t)
			if r.live != nil && tfp != fromFP {
				r.live.enabled(action)
			}
			if !r.m.within(t) {
				return true
			}
			r.stats.Generated++
			id, isNew := r.st.insert(tfp, it.id, depth+1)
			r.checkStep(it.id, it.s, action, t, tfp)
			if isNew {
				if int(depth+1) > r.stats.Depth {
					r.stats.Depth = int(depth + 1)
				}
				r.checkState(id, t)
				frontier = append(frontier, item{t, id})
			}
			if r.live != nil && tfp != fromFP {
				r.live.edge(id, action)
			}
			return true
		})
		if r.live != nil {
			r.live.endState(it.id)
		}
		if r.opt.MaxStates > 0 && r.st.len() >= r.opt.MaxStates && head < len(frontier) {
			stopped = fmt.Sprintf("max states %d", r.opt.MaxStates)
			break
		}
	}
	r.stats.Elapsed = lim.since()
	r.stats.Distinct = uint64(r.st.len())
	if r.opt.Strategy == DFS {
		r.stats.Queue = len(frontier)
	} else {
		r.stats.Queue = len(frontier) - head
	}
	complete := r.stats.Queue == 0 && !truncated
	if truncated && stopped == "" {
		stopped = fmt.Sprintf("max depth %d", r.opt.MaxDepth)
	}
	if complete {
		stopped = ""
	}
	res := &Result[S]{Model: r.m.Name, Strategy: r.opt.Strategy, Stats: r.stats, Complete: complete, Stopped: stopped}
	for i, p := range r.props {
		pr := r.res[i]
		f := r.found[i]
		switch p.Kind {
		case Always, Step:
			if f.set {
				pr.Status = Violated
				pr.Path = r.findingPath(f)
				pr.Detail = f.detail
			} else if complete {
				pr.Status = Holds
			}
		case Sometimes:
			if f.set {
				pr.Status = Holds
				pr.Path = r.findingPath(f)
			} else if complete {
				pr.Status = Violated
				pr.Detail = "no reachable state satisfies it"
			}
		case Eventually:
			if complete {
				pr.Path, pr.Detail = r.live.check(r, i)
				if pr.Path != nil {
					pr.Status = Violated
				} else {
					pr.Status = Holds
				}
			}
		}
		res.Properties = append(res.Properties, pr)
	}
	return res
}

func (r *run[S]) findingPath(f finding) *Path[S] {
	ids := r.chain(f.id)
	steps := r.materialize(ids)
	if f.step {
		last := steps[len(steps)-1].State
		r.m.Next(last, func(action string, t S) bool {
			if action == f.action && r.fpr.fp(t) == f.to {
				steps = append(steps, PathStep[S]{Action: action, State: t})
				return false
			}
			return true
		})
	}
	return &Path[S]{Steps: steps, Loop: -1}
}

// chain returns the ids from an initial state to id along parent links.
func (r *run[S]) chain(id uint32) []uint32 {
	var ids []uint32
	for x := id; x != noParent; x = r.st.parent[x] {
		ids = append(ids, x)
	}
	slices.Reverse(ids)
	return ids
}

// materialize turns a sequence of state ids, each a successor of the one
// before, into states and action labels by re-running Init and Next and
// matching fingerprints. This is why models must be deterministic.
func (r *run[S]) materialize(ids []uint32) []PathStep[S] { return r.materializeNeed(ids, nil) }

// materializeNeed is materialize where the step into position k must be an
// action of fairness instance need[k], so a lasso takes the fair action it
// claims to take even when another action reaches the same state.
func (r *run[S]) materializeNeed(ids []uint32, need map[int]int32) []PathStep[S] {
	steps := make([]PathStep[S], 0, len(ids))
	want := r.st.fps[ids[0]]
	r.m.Init(func(label string, s S) bool {
		if r.m.within(s) && r.fpr.fp(s) == want {
			steps = append(steps, PathStep[S]{Action: label, State: s})
			return false
		}
		return true
	})
	if len(steps) == 0 {
		panic("checker: initial state not reproducible; is the model deterministic?")
	}
	for k := 1; k < len(ids); k++ {
		want := r.st.fps[ids[k]]
		inst, has := need[k]
		prev := steps[len(steps)-1].State
		ok := false
		r.m.Next(prev, func(action string, t S) bool {
			if r.m.within(t) && r.fpr.fp(t) == want && (!has || containsInst(r.live.instances(action), inst)) {
				steps = append(steps, PathStep[S]{Action: action, State: t})
				ok = true
				return false
			}
			return true
		})
		if !ok {
			panic("checker: successor not reproducible; is the model deterministic?")
		}
	}
	return steps
}
