package checker

import (
	"fmt"
	"math/rand/v2"
)

// simulate runs seeded random walks. Walk w draws every choice from a PCG
// seeded with Seed+w, so any single walk can be re-run from its seed.
// Simulation never proves a property: Always and Step end Violated or
// Unknown, Sometimes ends Holds or Unknown, Eventually ends Unknown.
func (r *run[S]) simulate() *Result[S] {
	walks := r.opt.Walks
	if walks <= 0 {
		walks = 1000
	}
	depth := r.opt.MaxDepth
	if depth <= 0 {
		depth = 100
	}
	r.st = newStore()
	paths := make([]*Path[S], len(r.props)+1)
	walkOf := make([]int, len(r.props)+1)
	lim := newLimiter(&r.opt)
	stopped := ""
	type succ struct {
		action string
		s      S
	}
	var inits, succs []succ
	if panicked, detail := protect(func() {
		r.m.Init(func(label string, s S) bool {
			if r.m.within(s) {
				inits = append(inits, succ{label, s})
			}
			return true
		})
	}); panicked {
		inits = nil
		r.found[r.panicIdx] = finding{set: true, detail: "Init panicked: " + detail}
		r.panicPath = &Path[S]{Loop: -1}
	}
	record := func(i, w int, steps []PathStep[S], detail string) {
		r.found[i] = finding{set: true, detail: detail}
		paths[i] = &Path[S]{Steps: append([]PathStep[S](nil), steps...), Loop: -1}
		walkOf[i] = w
	}
	judgeState := func(w int, steps []PathStep[S]) {
		s := steps[len(steps)-1].State
		if _, isNew := r.st.insert(r.fpr.fp(s), noParent, uint32(len(steps))); isNew && len(steps) > r.stats.Depth {
			r.stats.Depth = len(steps)
		}
		for i, p := range r.props {
			if r.found[i].set {
				continue
			}
			if (p.Kind == Always && !p.Holds(s)) || (p.Kind == Sometimes && p.Holds(s)) {
				record(i, w, steps, "")
			}
		}
	}
	w := 0
	for ; w < walks && len(inits) > 0; w++ {
		if !r.undecided() {
			stopped = "stopped at a violation"
			if !r.opt.StopOnViolation {
				stopped = "all properties decided"
			}
			break
		}
		r.stats.Distinct = uint64(r.st.len())
		if stopped = lim.poll(&r.stats); stopped != "" {
			break
		}
		seed := r.opt.walkSeed(w)
		rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		first := inits[rng.IntN(len(inits))]
		r.stats.Generated++
		steps := []PathStep[S]{{Action: first.action, State: first.s}}
		// A panic ends the walk; the path ends at the state whose
		// expansion panicked.
		if panicked, detail := protect(func() {
			judgeState(w, steps)
			for len(steps) < depth {
				succs = succs[:0]
				cur := steps[len(steps)-1].State
				r.m.Next(cur, func(action string, t S) bool {
					if r.m.within(t) {
						succs = append(succs, succ{action, t})
					}
					return true
				})
				if len(succs) == 0 {
					break
				}
				r.stats.Generated += uint64(len(succs))
				next := succs[rng.IntN(len(succs))]
				steps = append(steps, PathStep[S]{Action: next.action, State: next.s})
				for i, p := range r.props {
					if p.Kind == Step && !r.found[i].set {
						if err := p.Check(cur, next.action, next.s); err != nil {
							record(i, w, steps, err.Error())
						}
					}
				}
				judgeState(w, steps)
			}
		}); panicked && !r.found[r.panicIdx].set {
			record(r.panicIdx, w, steps, detail)
		}
	}
	r.stats.Walks = w
	r.stats.Elapsed = lim.since()
	r.stats.Distinct = uint64(r.st.len())
	res := &Result[S]{Model: r.m.Name, Strategy: Simulate, Stats: r.stats, Stopped: stopped}
	if res.Stopped == "" {
		res.Stopped = fmt.Sprintf("%d walks of at most %d steps", w, depth)
	}
	if r.opt.Coverage {
		res.Coverage = r.st.sortedFingerprints()
	}
	for i, p := range r.props {
		pr := r.res[i]
		if r.found[i].set {
			pr.Path, pr.Detail = paths[i], r.found[i].detail
			pr.Walk, pr.Seed = walkOf[i], r.opt.walkSeed(walkOf[i])
			if p.Kind == Sometimes {
				pr.Status = Holds
			} else {
				pr.Status = Violated
				if !r.opt.NoShrink {
					if short, err := ShrinkPath(r.m, p.Name, pr.Path); err == nil {
						pr.Path = short
						if _, detail, err := Judge(r.m, p.Name, short); err == nil && detail != "" {
							pr.Detail = detail // the shrunk path's own explanation
						}
					}
				}
			}
		}
		res.Properties = append(res.Properties, pr)
	}
	if f := r.found[r.panicIdx]; f.set {
		pr := PropertyResult[S]{Name: NoPanic, Kind: Always, Status: Violated, Path: r.panicPath, Detail: f.detail}
		if pr.Path == nil {
			pr.Path = paths[r.panicIdx]
			pr.Walk, pr.Seed = walkOf[r.panicIdx], r.opt.walkSeed(walkOf[r.panicIdx])
		}
		res.Properties = append(res.Properties, pr)
	}
	return res
}
