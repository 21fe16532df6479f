package checker

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// item is a state in the frontier, with what the merge needs to know of it.
type item[S any] struct {
	s     S
	id    uint32
	depth uint32
	fp    uint64
}

// succ is one successor computed by a worker.
type succ[S any] struct {
	action         string
	s              S // zero unless within
	fp             uint64
	within         bool
	errFrom, errTo uint32 // Step violations of this transition in chunk.errs
	// bits is the index in chunk.bits of the successor's state properties,
	// or -1 when the worker knew the state was already reached.
	bits  int32
	panic string // a state property panicked on this successor
}

// expansion is what a worker learned about one frontier state.
type expansion struct {
	from, to  uint32 // successors in chunk.succs
	bounded   bool   // at MaxDepth: not expanded
	truncated bool   // bounded and has a successor within the model
	panicked  bool
	panic     string
}

type stepErr struct {
	prop   int
	detail string
}

// chunk is a run of consecutive frontier states, expanded together by one
// worker and merged in order by the search goroutine.
type chunk[S any] struct {
	items []item[S]
	exps  []expansion
	succs []succ[S]
	errs  []stepErr
	bits  []uint64 // words per evaluated successor: bit i says property i holds
	words int
	done  chan struct{}
}

func (c *chunk[S]) bitsOf(k int32) []uint64 { return c.bits[int(k)*c.words : (int(k)+1)*c.words] }

// chunkSize bounds the states per chunk: large enough that handing a chunk
// to a worker costs little next to expanding it, small enough that workers
// share the work of a narrow level.
const chunkSize = 64

// frontier holds the states still to expand: a FIFO of chunks for BFS, a
// stack for DFS and RandomDFS.
type frontier[S any] struct {
	lifo     bool
	rng      *rand.Rand // RandomDFS: shuffles each state's new successors
	mark     int        // RandomDFS: stack length before the current expansion
	open     []item[S]  // BFS: states not yet sealed into a chunk
	ready    []*chunk[S]
	stack    []item[S]
	free     []*chunk[S]
	leftover []item[S] // states taken but never merged (the search stopped)
	words    int
	queued   int // states in ready
}

func newFrontier[S any](r *run[S]) *frontier[S] {
	f := &frontier[S]{lifo: r.opt.Strategy != BFS, words: (len(r.props) + 63) / 64}
	if f.words == 0 {
		f.words = 1
	}
	if r.opt.Strategy == RandomDFS {
		seed := r.opt.walkSeed(0)
		f.rng = rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d))
	}
	return f
}

func (f *frontier[S]) push(it item[S]) {
	if f.lifo {
		f.stack = append(f.stack, it)
		return
	}
	f.open = append(f.open, it)
	if len(f.open) == chunkSize {
		f.seal()
	}
}

// expanded is called after a state's successors were pushed: RandomDFS
// visits them in a seeded random order.
func (f *frontier[S]) expanded() {
	if f.rng != nil {
		fresh := f.stack[f.mark:]
		f.rng.Shuffle(len(fresh), func(i, j int) { fresh[i], fresh[j] = fresh[j], fresh[i] })
	}
}

func (f *frontier[S]) newChunk() *chunk[S] {
	if n := len(f.free); n > 0 {
		c := f.free[n-1]
		f.free = f.free[:n-1]
		return c
	}
	return &chunk[S]{words: f.words}
}

func (f *frontier[S]) seal() {
	c := f.newChunk()
	c.items, f.open = f.open, c.items[:0]
	f.ready = append(f.ready, c)
	f.queued += len(c.items)
}

// take returns the next chunk to expand, or nil. A partial chunk is sealed
// only when partial is true (a worker would otherwise be idle).
func (f *frontier[S]) take(partial bool) *chunk[S] {
	if f.lifo {
		if len(f.stack) == 0 {
			return nil
		}
		c := f.newChunk()
		c.items = append(c.items[:0], f.stack[len(f.stack)-1])
		f.stack[len(f.stack)-1] = item[S]{}
		f.stack = f.stack[:len(f.stack)-1]
		f.mark = len(f.stack)
		return c
	}
	if len(f.ready) == 0 && partial && len(f.open) > 0 {
		f.seal()
	}
	if len(f.ready) == 0 {
		return nil
	}
	c := f.ready[0]
	f.ready[0] = nil
	f.ready = f.ready[1:]
	f.queued -= len(c.items)
	return c
}

// release recycles a merged chunk, dropping its states for the collector.
func (f *frontier[S]) release(c *chunk[S]) {
	clear(c.items)
	clear(c.succs)
	clear(c.errs)
	c.items, c.succs, c.errs, c.bits = c.items[:0], c.succs[:0], c.errs[:0], c.bits[:0]
	f.free = append(f.free, c)
}

// unmerged keeps states that were taken but not merged when the search stopped.
func (f *frontier[S]) unmerged(items []item[S]) { f.leftover = append(f.leftover, items...) }

// len is the number of states waiting in the frontier.
func (f *frontier[S]) len() int {
	return len(f.leftover) + f.queued + len(f.open) + len(f.stack)
}

// workers expands chunks ahead of the merge. With one worker (and for the
// depth-first strategies, whose next state depends on the last merge) it
// expands inline, on the search goroutine.
type workers[S any] struct {
	r        *run[S]
	fr       *frontier[S]
	n        int
	ahead    int
	work     chan *chunk[S]
	wg       sync.WaitGroup
	inflight []*chunk[S]
	closed   bool
	// stepDone[i] is set once Step property i is decided, so workers stop
	// checking it; the merge ignores later violations anyway.
	stepDone []atomic.Bool
}

func newWorkers[S any](r *run[S], fr *frontier[S]) *workers[S] {
	n := r.opt.Workers
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if fr.lifo {
		n = 1
	}
	p := &workers[S]{r: r, fr: fr, n: n, ahead: 1, stepDone: make([]atomic.Bool, len(r.props))}
	if n > 1 {
		p.ahead = 2 * n
		p.work = make(chan *chunk[S], p.ahead)
		for range n {
			p.wg.Add(1)
			go func() {
				defer p.wg.Done()
				h := r.newHasher()
				for c := range p.work {
					p.expand(c, h)
					close(c.done)
				}
			}()
		}
	}
	return p
}

// next returns the next chunk in frontier order, expanded, or nil when the
// frontier is empty.
func (p *workers[S]) next() *chunk[S] {
	for i := range p.r.props {
		if p.r.found[i].set && p.r.props[i].Kind == Step {
			p.stepDone[i].Store(true)
		}
	}
	for len(p.inflight) < p.ahead {
		c := p.fr.take(len(p.inflight) < p.n)
		if c == nil {
			break
		}
		p.inflight = append(p.inflight, c)
		if p.n == 1 {
			p.expand(c, p.r.fpr)
		} else {
			c.done = make(chan struct{})
			p.work <- c
		}
	}
	if len(p.inflight) == 0 {
		return nil
	}
	c := p.inflight[0]
	p.inflight[0] = nil
	p.inflight = p.inflight[1:]
	if p.n > 1 {
		<-c.done
	}
	return c
}

// pending is the number of states taken for expansion and not yet merged
// (the chunk being merged aside): they are still part of the frontier.
func (p *workers[S]) pending() int {
	n := 0
	for _, c := range p.inflight {
		n += len(c.items)
	}
	return n
}

// close stops the workers; chunks expanded but never merged return to the
// frontier's leftovers, in order.
func (p *workers[S]) close() {
	if p.closed {
		return
	}
	p.closed = true
	if p.work != nil {
		close(p.work)
		p.wg.Wait()
	}
	for _, c := range p.inflight {
		p.fr.unmerged(c.items)
	}
	p.inflight = nil
}

// expand computes, for each state of c, its successors with their
// fingerprints, Step verdicts and state properties. It only reads the model
// and the run's configuration, so workers run it concurrently.
//
// State properties are judged when a state is first reached, as a
// sequential search does (so a search stops as soon after a violation as it
// would with one worker). A worker cannot ask the visited set whether a
// successor is new, so it judges every successor except those it has
// judged itself before: those were merged (chunks merge in order) before
// this one is, so they cannot be new.
func (p *workers[S]) expand(c *chunk[S], h *hasher[S]) {
	r := p.r
	c.words = p.fr.words
	c.exps = c.exps[:0]
	c.succs, c.errs, c.bits = c.succs[:0], c.errs[:0], c.bits[:0]
	for k := range c.items {
		it := &c.items[k]
		c.exps = append(c.exps, expansion{from: uint32(len(c.succs))})
		x := &c.exps[k]
		errMark, bitsMark := len(c.errs), len(c.bits)
		panicked, detail := protect(func() {
			if r.opt.MaxDepth > 0 && int(it.depth) >= r.opt.MaxDepth {
				// Only a state with successors makes the bound matter.
				x.bounded = true
				r.m.Next(it.s, func(_ string, t S) bool {
					if r.m.within(t) {
						x.truncated = true
						return false
					}
					return true
				})
				return
			}
			r.m.Next(it.s, func(action string, t S) bool {
				within := r.m.within(t)
				if !within && r.live == nil {
					return true
				}
				sc := succ[S]{action: action, fp: h.fp(t), within: within, bits: -1}
				if within {
					sc.s = t
					sc.errFrom = uint32(len(c.errs))
					for i, pr := range r.props {
						if pr.Kind == Step && !p.stepDone[i].Load() {
							if err := pr.Check(it.s, action, t); err != nil {
								c.errs = append(c.errs, stepErr{i, err.Error()})
							}
						}
					}
					sc.errTo = uint32(len(c.errs))
					if !h.judged(sc.fp) {
						sc.bits = int32(len(c.bits) / c.words)
						for range c.words {
							c.bits = append(c.bits, 0)
						}
						if bad, why := protect(func() { r.evalHolds(t, c.bitsOf(sc.bits)) }); bad {
							sc.panic = why
						}
					}
				}
				c.succs = append(c.succs, sc)
				return true
			})
		})
		if panicked {
			clear(c.succs[x.from:])
			c.succs = c.succs[:x.from]
			c.errs, c.bits = c.errs[:errMark], c.bits[:bitsMark]
			x.panicked, x.panic, x.bounded = true, detail, false
			h.forget() // what it judged in the dropped successors is not merged
		}
		x.to = uint32(len(c.succs))
	}
}

// protect runs f and reports a panic inside it, with its value, instead of
// letting it crash the run.
func protect(f func()) (panicked bool, detail string) {
	defer func() {
		if v := recover(); v != nil {
			panicked, detail = true, fmt.Sprintf("panic: %v", v)
		}
	}()
	f()
	return false, ""
}
