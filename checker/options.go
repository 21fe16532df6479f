package checker

import (
	"fmt"
	"io"
	"runtime"
	"time"
)

// Options bound and steer a run. The zero value is an unbounded BFS of
// every property.
type Options struct {
	Strategy Strategy
	// MaxDepth stops expansion at this depth (the initial states are depth 1);
	// 0 means no limit. For simulation it is the length of each walk.
	MaxDepth int
	// MaxStates stops the search after this many distinct states; 0 means no limit.
	MaxStates int
	// Timeout stops the search after this much wall time; 0 means none.
	Timeout time.Duration
	// MemoryLimit stops the search when the Go heap exceeds this many bytes; 0 means none.
	MemoryLimit uint64
	// Seed makes simulation reproducible: walk w uses seed Seed+w.
	Seed uint64
	// Walks is the number of simulation walks (default 1000).
	Walks int
	// Properties restricts checking to these names; empty means all.
	Properties []string
	// StopOnViolation ends the search at the first violation of any
	// property, instead of searching on for violations of the others.
	StopOnViolation bool
	// NoShrink keeps simulation counterexamples as found.
	NoShrink bool
	// Stop, when closed, stops the search at its next limiter poll with
	// Stopped "interrupted", keeping the partial statistics and every verdict
	// reached so far (a CLI closes it on SIGINT/SIGTERM). Nil never stops.
	Stop <-chan struct{}
	// Coverage makes a run (a simulation or a search) record the
	// fingerprints of the states it reached in Result.Coverage (8 bytes a
	// state).
	Coverage bool
	// Progress receives a status line every ProgressEvery (default 5s) on long runs.
	Progress      io.Writer
	ProgressEvery time.Duration
	// Workers is the number of goroutines that expand states in BFS (and
	// so build the liveness graph); 0 means GOMAXPROCS. Results do not
	// depend on it: counts, verdicts and counterexample paths are those of
	// one worker. DFS and RandomDFS expand on one goroutine. With more
	// than one worker, a model's functions run concurrently: a property or
	// adapter with a cache or other shared mutable state needs a lock (or
	// Workers: 1).
	Workers int
	// Symmetry identifies states with their orbits under the model's
	// Symmetry (an error if the model declares none, or if an Eventually
	// property is checked: fairness is judged per action instance, and
	// permuting identities does not preserve instances, so the quotient
	// graph can show unfair cycles as fair; TLC warns of the same).
	Symmetry bool
}

// walkSeed is the seed of simulation walk w (and, for w = 0, of a
// randomized depth-first search): Seed+w, so the walks of a swarm's shards
// (cli's simulate -shard) are contiguous blocks of one simulation's.
func (o *Options) walkSeed(w int) uint64 { return o.Seed + uint64(w) }

func (o *Options) selectProperties(all []string) (map[string]bool, error) {
	if len(o.Properties) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	for _, n := range all {
		known[n] = true
	}
	sel := map[string]bool{}
	for _, n := range o.Properties {
		if !known[n] {
			return nil, fmt.Errorf("unknown property %q (have %v)", n, all)
		}
		sel[n] = true
	}
	return sel, nil
}

// limiter enforces time and memory limits and prints progress. Reading the
// clock and the heap is not free, so callers poll it every few hundred states.
type limiter struct {
	opt      *Options
	start    time.Time
	next     time.Time
	every    time.Duration
	deadline time.Time
	memNext  time.Time
}

func newLimiter(opt *Options) *limiter {
	l := &limiter{opt: opt, start: time.Now(), every: opt.ProgressEvery}
	if l.every <= 0 {
		l.every = 5 * time.Second
	}
	l.next = l.start.Add(l.every)
	if opt.Timeout > 0 {
		l.deadline = l.start.Add(opt.Timeout)
	}
	return l
}

// poll returns a non-empty reason when the run must stop.
func (l *limiter) poll(st *Stats) string {
	if l.opt.Stop != nil {
		select {
		case <-l.opt.Stop:
			return "interrupted"
		default:
		}
	}
	now := time.Now()
	if !l.deadline.IsZero() && now.After(l.deadline) {
		return fmt.Sprintf("timeout %v", l.opt.Timeout)
	}
	if now.After(l.next) {
		l.next = now.Add(l.every)
		if l.opt.Progress != nil {
			st.Elapsed = now.Sub(l.start)
			fmt.Fprintf(l.opt.Progress, "progress: %6.1fs generated=%d distinct=%d depth=%d queue=%d generated/s=%.0f distinct/s=%.0f\n",
				st.Elapsed.Seconds(), st.Generated, st.Distinct, st.Depth, st.Queue, st.GeneratedPerSecond(), st.DistinctPerSecond())
		}
	}
	if now.After(l.memNext) {
		// The heap is sampled a few times a second, for the memory limit
		// and for Stats.PeakHeap.
		l.memNext = now.Add(250 * time.Millisecond)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		st.PeakHeap = max(st.PeakHeap, ms.HeapAlloc)
		if l.opt.MemoryLimit > 0 && ms.HeapAlloc > l.opt.MemoryLimit {
			return fmt.Sprintf("memory limit %d MiB", l.opt.MemoryLimit>>20)
		}
	}
	return ""
}

func (l *limiter) since() time.Duration { return time.Since(l.start) }
