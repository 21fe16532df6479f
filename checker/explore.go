package checker

import (
	"errors"
	"fmt"
	"slices"
)

// Check explores m with the chosen strategy and judges its properties.
// The error is for unusable input (a model without Init, Next or Encode, an
// unknown property name); violations are results, not errors.
func Check[S any](m *Model[S], opt Options) (res *Result[S], err error) {
	defer func() {
		// A path that cannot be rebuilt is the model's fault (it is not
		// deterministic, or not symmetric): an error, not a crash.
		if r := recover(); r != nil {
			e, ok := r.(notReproducible)
			if !ok {
				panic(r)
			}
			res, err = nil, fmt.Errorf("checker: model %s: %s", m.Name, string(e))
		}
	}()
	if m.Init == nil || m.Next == nil || m.Encode == nil {
		return nil, errors.New("checker: model needs Init, Next and Encode")
	}
	names := make([]string, len(m.Properties))
	for i, p := range m.Properties {
		names[i] = p.Name
		if (p.Kind == Step) != (p.Check != nil) || (p.Kind != Step) != (p.Holds != nil) {
			return nil, fmt.Errorf("checker: property %q of kind %v has the wrong function set", p.Name, p.Kind)
		}
		if p.Name == NoPanic {
			return nil, fmt.Errorf("checker: property name %q is reserved for the built-in panic check", NoPanic)
		}
	}
	if err := m.checkPack(); err != nil {
		return nil, err
	}
	if opt.Workers < 0 {
		return nil, fmt.Errorf("checker: %d workers", opt.Workers)
	}
	sel, err := opt.selectProperties(names)
	if err != nil {
		return nil, err
	}
	r := &run[S]{m: m, opt: opt}
	for _, p := range m.Properties {
		if sel != nil && !sel[p.Name] {
			continue
		}
		r.props = append(r.props, p)
		r.res = append(r.res, PropertyResult[S]{Name: p.Name, Kind: p.Kind})
	}
	if m.Representatives != nil && m.Symmetry == nil {
		return nil, fmt.Errorf("checker: model %s has Representatives but no Symmetry", m.Name)
	}
	if opt.Symmetry {
		if m.Symmetry == nil {
			return nil, fmt.Errorf("checker: model %s declares no symmetry", m.Name)
		}
		for _, p := range r.props {
			if p.Kind == Eventually {
				return nil, fmt.Errorf("checker: symmetry reduction with the eventually property %s is refused: "+
					"fairness is per action instance, and instances are not preserved by permuting identities "+
					"(TLC warns the combination can be unsound); check it without symmetry", p.Name)
			}
		}
	}
	r.fpr = r.newHasher()
	// The built-in NoPanic property is always checked; it is reported only
	// when it is violated, so results of well-behaved models are unchanged.
	r.panicIdx = len(r.props)
	r.found = make([]finding, len(r.props)+1)
	switch opt.Strategy {
	case Simulate:
		return r.simulate(), nil
	case BFS, DFS, RandomDFS:
		return r.search(), nil
	}
	return nil, fmt.Errorf("checker: unknown strategy %v", opt.Strategy)
}

// run is the state shared by all strategies.
type run[S any] struct {
	m     *Model[S]
	opt   Options
	props []Property[S]
	res   []PropertyResult[S]
	fpr   *hasher[S] // for the search goroutine; workers have their own
	st    *store
	stats Stats
	live  *graph[S] // nil unless an Eventually property is checked
	// found[i] records how property i was decided during the search;
	// found[panicIdx] is the built-in NoPanic property.
	found    []finding
	panicIdx int
	// panicPath is the path of a panic found without state ids (in Init,
	// or during simulation).
	panicPath *Path[S]
}

// packed reports whether the frontier holds packed states.
func (r *run[S]) packed() bool { return r.m.Pack != nil && r.m.Unpack != nil }

// finding locates a counterexample or witness by state ids, to be turned
// into a path once the search is over.
type finding struct {
	set    bool
	id     uint32 // state that violates (Always) or witnesses (Sometimes)
	step   bool   // for Step: the violation is the edge from id by action to fp
	action string
	to     uint64
	detail string
	noPath bool // a panic in Init: there is no state to show
}

// undecided reports whether any property can still change by searching on
// without building the graph.
func (r *run[S]) undecided() bool {
	if r.opt.StopOnViolation && r.found[r.panicIdx].set {
		return false
	}
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

// search is BFS (a FIFO frontier), DFS (a LIFO frontier) or RandomDFS (a
// LIFO frontier fed in a seeded random order); everything else is shared.
//
// Expanding a state (Next, Encode, fingerprints, the state's own properties
// and the Step properties of its transitions) is the expensive part, and it
// only reads the model, so with Workers > 1 it runs on several goroutines,
// each on a chunk of the frontier. Chunks are merged into the visited set by
// this goroutine alone, one state at a time in frontier order, exactly as a
// sequential search would: ids, parents, the first violation found and
// every count are the same for every number of workers, and so are the
// counterexample paths. Workers only ever run ahead of the merge.
func (r *run[S]) search() *Result[S] {
	r.st = newStore()
	for _, p := range r.props {
		if p.Kind == Eventually {
			r.live = newGraph(r.m.Fairness, r.props)
			break
		}
	}
	lim := newLimiter(&r.opt)
	fr := newFrontier[S](r)
	stopped := ""
	truncated := false

	if panicked, detail := protect(func() {
		r.m.Init(func(label string, s S) bool {
			if !r.m.within(s) {
				return true
			}
			r.stats.Generated++
			fp := r.fpr.fp(s)
			id, isNew := r.st.insert(fp, noParent, 1)
			if isNew {
				bits := make([]uint64, fr.words)
				if bad, why := protect(func() { r.evalHolds(s, bits) }); bad {
					if !r.found[r.panicIdx].set {
						r.found[r.panicIdx] = finding{set: true, id: id, detail: why}
					}
					return true
				}
				r.judgeState(id, bits)
				var pk []byte
				if fr.packed {
					pk = r.m.Pack(s, nil)
				}
				fr.push(item{id: id, depth: 1, fp: fp}, s, pk)
			}
			return true
		})
	}); panicked {
		r.found[r.panicIdx] = finding{set: true, noPath: true, detail: "Init panicked: " + detail}
	}
	if r.st.len() > 0 {
		r.stats.Depth = 1
	}
	pool := newWorkers(r, fr)
	defer pool.close()
	polls := 0
merge:
	for {
		c := pool.next()
		if c == nil {
			break
		}
		for k := range c.items {
			it := &c.items[k]
			x := &c.exps[k]
			if !r.undecided() {
				stopped = "stopped at a violation"
				if !r.opt.StopOnViolation {
					stopped = "all properties decided"
				}
				fr.unmerged(len(c.items) - k)
				break merge
			}
			if polls++; polls&255 == 0 {
				r.stats.Distinct, r.stats.Queue = uint64(r.st.len()), fr.len()+pool.pending()+len(c.items)-k
				if stopped = lim.poll(&r.stats); stopped != "" {
					fr.unmerged(len(c.items) - k)
					break merge
				}
			}
			if x.panicked {
				if !r.found[r.panicIdx].set {
					r.found[r.panicIdx] = finding{set: true, id: it.id, detail: x.panic}
				}
				continue
			}
			if x.bounded {
				truncated = truncated || x.truncated
				continue
			}
			if r.live != nil {
				r.live.beginState(it.id)
			}
			for _, sc := range c.succs[x.from:x.to] {
				if r.live != nil && sc.fp != it.fp {
					r.live.enabled(sc.action)
				}
				if !sc.within {
					continue
				}
				r.stats.Generated++
				for _, e := range c.errs[sc.errFrom:sc.errTo] {
					if !r.found[e.prop].set {
						r.found[e.prop] = finding{set: true, id: it.id, step: true, action: sc.action, to: sc.fp, detail: e.detail}
					}
				}
				if sc.bits < 0 && r.live == nil {
					// The worker judged this state in an earlier chunk or
					// successor, so it was merged before: not new, and only
					// the liveness graph would need its id.
					continue
				}
				id, isNew := r.st.insert(sc.fp, it.id, it.depth+1)
				if isNew {
					if int(it.depth+1) > r.stats.Depth {
						r.stats.Depth = int(it.depth + 1)
					}
					if sc.bits < 0 {
						panic("checker: a new state was not judged") // cannot happen: see workers.expand
					}
					if sc.panic != "" {
						// Its properties panicked: report it, do not expand it.
						if !r.found[r.panicIdx].set {
							r.found[r.panicIdx] = finding{set: true, id: id, detail: sc.panic}
						}
					} else {
						r.judgeState(id, c.bitsOf(sc.bits))
						fr.push(item{id: id, depth: it.depth + 1, fp: sc.fp}, sc.s, c.spk[sc.pkFrom:sc.pkTo])
					}
				}
				if r.live != nil && sc.fp != it.fp {
					r.live.edge(id, sc.action)
				}
			}
			if r.live != nil {
				r.live.endState(it.id)
			}
			fr.expanded()
			if r.opt.MaxStates > 0 && r.st.len() >= r.opt.MaxStates && (k+1 < len(c.items) || fr.len()+pool.pending() > 0) {
				stopped = fmt.Sprintf("max states %d", r.opt.MaxStates)
				fr.unmerged(len(c.items) - k - 1)
				break merge
			}
		}
		fr.release(c)
	}
	pool.close()
	r.stats.Elapsed = lim.since()
	r.stats.Distinct = uint64(r.st.len())
	r.stats.Queue = fr.len()
	complete := r.stats.Queue == 0 && !truncated && stopped == ""
	if truncated && stopped == "" {
		stopped = fmt.Sprintf("max depth %d", r.opt.MaxDepth)
	}
	if r.stats.Queue == 0 && !truncated && (stopped == "stopped at a violation" || stopped == "all properties decided") {
		complete, stopped = true, ""
	}
	if r.found[r.panicIdx].set && complete {
		// The successors of the state that panicked were never explored.
		complete, stopped = false, "a state's expansion panicked"
	}
	res := &Result[S]{Model: r.m.Name, Strategy: r.opt.Strategy, Stats: r.stats, Complete: complete, Stopped: stopped}
	if r.opt.Coverage {
		res.Coverage = r.st.sortedFingerprints()
	}
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
			if complete && !r.found[r.panicIdx].set {
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
	r.appendPanic(res)
	return res
}

// judgeState records the state properties of a state being merged, from
// the truth values a worker computed (bit i: property i holds).
func (r *run[S]) judgeState(id uint32, bits []uint64) {
	for i, p := range r.props {
		h := bits[i/64]&(1<<(i%64)) != 0
		switch p.Kind {
		case Always:
			if !r.found[i].set && !h {
				r.found[i] = finding{set: true, id: id}
			}
		case Sometimes:
			if !r.found[i].set && h {
				r.found[i] = finding{set: true, id: id}
			}
		}
	}
	if r.live != nil {
		r.live.setHolds(id, r.props, bits)
	}
}

// evalHolds computes the state properties of s into bits.
func (r *run[S]) evalHolds(s S, bits []uint64) {
	for i, p := range r.props {
		if p.Kind != Step && p.Holds(s) {
			bits[i/64] |= 1 << (i % 64)
		}
	}
}

// appendPanic adds the NoPanic result when a panic was caught.
func (r *run[S]) appendPanic(res *Result[S]) {
	f := r.found[r.panicIdx]
	if !f.set {
		return
	}
	pr := PropertyResult[S]{Name: NoPanic, Kind: Always, Status: Violated, Detail: f.detail}
	switch {
	case r.panicPath != nil:
		pr.Path = r.panicPath
	case f.noPath:
		pr.Path = &Path[S]{Loop: -1}
	default:
		pr.Path = r.findingPath(f)
	}
	res.Properties = append(res.Properties, pr)
}

func (r *run[S]) findingPath(f finding) *Path[S] {
	ids := r.chain(f.id)
	steps := r.materialize(ids)
	if f.step {
		last := steps[len(steps)-1].State
		r.m.Next(last, func(action string, t S) bool {
			if r.m.within(t) && r.fpr.fp(t) == f.to {
				// Without symmetry the label also matches; with it, the
				// recorded label may name other identities than this
				// unpermuted path does.
				if action == f.action || r.opt.Symmetry {
					steps = append(steps, PathStep[S]{Action: action, State: t})
					return false
				}
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
// matching fingerprints. This is why models must be deterministic. Under
// symmetry the fingerprints are those of orbits, so the path rebuilt is a
// real, unpermuted behaviour whose states are in the recorded orbits.
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
		panic(notReproducible("an initial state is not reproducible; is the model deterministic?"))
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
			panic(notReproducible("a successor is not reproducible while rebuilding a counterexample; is the model deterministic (and, with symmetry, symmetric; with Pack, does Unpack rebuild the state)?"))
		}
	}
	return steps
}

// notReproducible is raised while rebuilding a path when re-running Next
// does not give the recorded state again; Check returns it as an error.
type notReproducible string
