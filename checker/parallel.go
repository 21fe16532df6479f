package checker

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// item is a state in the frontier, with what the merge needs to know of
// it. The state itself is kept beside it: whole in its chunk's states, or,
// when the model packs states (Model.Pack), as bytes in its chunk's pk.
type item struct {
	id, depth uint32
	fp        uint64
	off, n    uint32 // packed: the state's bytes in pk
}

// succ is one successor computed by a worker.
type succ[S any] struct {
	action         string
	s              S // whole states: the successor, when bits >= 0
	fp             uint64
	within         bool
	errFrom, errTo uint32 // Step violations of this transition in scratch.errs
	// bits is the index in scratch.bits of the successor's state properties,
	// or -1 when the worker knew the state was already reached.
	bits         int32
	pkFrom, pkTo uint32 // packed: the successor's bytes in scratch.spk, when bits >= 0
	panic        string // a state property panicked on this successor
}

// expansion is what a worker learned about one frontier state.
type expansion struct {
	from, to  uint32 // successors in scratch.succs
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
// worker and merged in order by the search goroutine. While it waits in
// the frontier it holds only its states; the scratch a worker fills is
// attached when it is taken, so a long frontier does not keep the
// successor buffers of earlier expansions alive.
type chunk[S any] struct {
	items  []item
	states []S    // whole states, one per item
	pk     []byte // packed states
	*scratch[S]
}

// scratch is what a worker computes for a chunk.
type scratch[S any] struct {
	exps  []expansion
	succs []succ[S]
	errs  []stepErr
	bits  []uint64 // words per evaluated successor: bit i says property i holds
	spk   []byte   // packed successors
	words int
	done  chan struct{}
}

func (c *scratch[S]) bitsOf(k int32) []uint64 { return c.bits[int(k)*c.words : (int(k)+1)*c.words] }

// chunkSize bounds the states per chunk: large enough that handing a chunk
// to a worker costs little next to expanding it, small enough that workers
// share the work of a narrow level.
const chunkSize = 64

// frontier holds the states still to expand: a FIFO of chunks for BFS, a
// stack for DFS and RandomDFS. With a packing model it holds bytes, in
// buffers without pointers, instead of whole states: a few dozen bytes a
// state for the actor layer's systems, and nothing for the collector to scan.
type frontier[S any] struct {
	lifo    bool
	packed  bool
	rng     *rand.Rand // RandomDFS: shuffles each state's new successors
	mark    int        // DFS: stack length before the current expansion
	open    *chunk[S]  // BFS: states not yet sealed into a chunk
	ready   []*chunk[S]
	stack   []item // DFS
	stackS  []S
	stackPk []byte
	tmp     []byte
	free    []*chunk[S]
	spare   []*scratch[S]
	lost    int // states taken but never merged (the search stopped)
	words   int
	queued  int // states in ready
}

func newFrontier[S any](r *run[S]) *frontier[S] {
	f := &frontier[S]{lifo: r.opt.Strategy != BFS, packed: r.packed(), words: (len(r.props) + 63) / 64}
	if f.words == 0 {
		f.words = 1
	}
	if r.opt.Strategy == RandomDFS {
		seed := r.opt.walkSeed(0)
		f.rng = rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d))
	}
	return f
}

// push adds a state: s when whole, its bytes pk when packed.
func (f *frontier[S]) push(it item, s S, pk []byte) {
	if f.lifo {
		if f.packed {
			it.off, it.n = uint32(len(f.stackPk)), uint32(len(pk))
			f.stackPk = append(f.stackPk, pk...)
		} else {
			f.stackS = append(f.stackS, s)
		}
		f.stack = append(f.stack, it)
		return
	}
	if f.open == nil {
		f.open = f.newChunk()
	}
	c := f.open
	if f.packed {
		it.off, it.n = uint32(len(c.pk)), uint32(len(pk))
		c.pk = append(c.pk, pk...)
	} else {
		c.states = append(c.states, s)
	}
	c.items = append(c.items, it)
	if len(c.items) == chunkSize {
		f.seal()
	}
}

// expanded is called after a state's successors were pushed: RandomDFS
// visits them in a seeded random order.
func (f *frontier[S]) expanded() {
	if f.rng == nil {
		return
	}
	fresh := f.stack[f.mark:]
	if len(fresh) < 2 {
		return
	}
	var states []S
	if !f.packed {
		states = f.stackS[f.mark:]
	}
	f.rng.Shuffle(len(fresh), func(i, j int) {
		fresh[i], fresh[j] = fresh[j], fresh[i]
		if states != nil {
			states[i], states[j] = states[j], states[i]
		}
	})
	if f.packed {
		// Lay the bytes out in the new order, so that popping the top
		// state always frees the end of the buffer.
		base := len(f.stackPk)
		for _, it := range fresh {
			base -= int(it.n)
		}
		f.tmp = append(f.tmp[:0], f.stackPk[base:]...)
		pos := base
		for k := range fresh {
			it := &fresh[k]
			pos += copy(f.stackPk[pos:], f.tmp[int(it.off)-base:int(it.off)-base+int(it.n)])
			it.off = uint32(pos) - it.n
		}
	}
}

func (f *frontier[S]) newChunk() *chunk[S] {
	if n := len(f.free); n > 0 {
		c := f.free[n-1]
		f.free = f.free[:n-1]
		return c
	}
	return &chunk[S]{}
}

func (f *frontier[S]) attach(c *chunk[S]) *chunk[S] {
	if n := len(f.spare); n > 0 {
		c.scratch = f.spare[n-1]
		f.spare = f.spare[:n-1]
	} else {
		c.scratch = &scratch[S]{}
	}
	c.words = f.words
	return c
}

func (f *frontier[S]) seal() {
	f.ready = append(f.ready, f.open)
	f.queued += len(f.open.items)
	f.open = nil
}

// take returns the next chunk to expand, or nil. A partial chunk is sealed
// only when partial is true (a worker would otherwise be idle).
func (f *frontier[S]) take(partial bool) *chunk[S] {
	if f.lifo {
		n := len(f.stack)
		if n == 0 {
			return nil
		}
		c := f.newChunk()
		it := f.stack[n-1]
		if f.packed {
			c.pk = append(c.pk[:0], f.stackPk[it.off:it.off+it.n]...)
			f.stackPk = f.stackPk[:it.off]
			it.off = 0
		} else {
			var zero S
			c.states = append(c.states[:0], f.stackS[n-1])
			f.stackS[n-1] = zero
			f.stackS = f.stackS[:n-1]
		}
		c.items = append(c.items[:0], it)
		f.stack = f.stack[:n-1]
		f.mark = len(f.stack)
		return f.attach(c)
	}
	if len(f.ready) == 0 && partial && f.open != nil {
		f.seal()
	}
	if len(f.ready) == 0 {
		return nil
	}
	c := f.ready[0]
	f.ready[0] = nil
	f.ready = f.ready[1:]
	f.queued -= len(c.items)
	return f.attach(c)
}

// release recycles a merged chunk and its scratch, dropping their states
// for the collector.
func (f *frontier[S]) release(c *chunk[S]) {
	x := c.scratch
	clear(x.succs)
	clear(x.errs)
	x.exps, x.succs, x.errs, x.bits, x.spk, x.done = x.exps[:0], x.succs[:0], x.errs[:0], x.bits[:0], x.spk[:0], nil
	f.spare = append(f.spare, x)
	clear(c.states)
	c.items, c.states, c.pk, c.scratch = c.items[:0], c.states[:0], c.pk[:0], nil
	f.free = append(f.free, c)
}

// unmerged counts states that were taken but not merged when the search stopped.
func (f *frontier[S]) unmerged(n int) { f.lost += n }

// len is the number of states waiting in the frontier.
func (f *frontier[S]) len() int {
	n := f.lost + f.queued + len(f.stack)
	if f.open != nil {
		n += len(f.open.items)
	}
	return n
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
		p.fr.unmerged(len(c.items))
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
	packed := p.fr.packed
	for k := range c.items {
		it := &c.items[k]
		c.exps = append(c.exps, expansion{from: uint32(len(c.succs))})
		x := &c.exps[k]
		errMark, bitsMark, pkMark := len(c.errs), len(c.bits), len(c.spk)
		panicked, detail := protect(func() {
			var s S
			if packed {
				s = r.m.Unpack(c.pk[it.off : it.off+it.n])
			} else {
				s = c.states[k]
			}
			if r.opt.MaxDepth > 0 && int(it.depth) >= r.opt.MaxDepth {
				// Only a state with successors makes the bound matter.
				x.bounded = true
				r.m.Next(s, func(_ string, t S) bool {
					if r.m.within(t) {
						x.truncated = true
						return false
					}
					return true
				})
				return
			}
			r.m.Next(s, func(action string, t S) bool {
				within := r.m.within(t)
				if !within && r.live == nil {
					return true
				}
				sc := succ[S]{action: action, fp: h.fp(t), within: within, bits: -1}
				if within {
					sc.errFrom = uint32(len(c.errs))
					for i, pr := range r.props {
						if pr.Kind == Step && !p.stepDone[i].Load() {
							if err := pr.Check(s, action, t); err != nil {
								c.errs = append(c.errs, stepErr{i, err.Error()})
							}
						}
					}
					sc.errTo = uint32(len(c.errs))
					if !h.judged(sc.fp) {
						// It may be new: judge it and keep it.
						sc.bits = int32(len(c.bits) / c.words)
						for range c.words {
							c.bits = append(c.bits, 0)
						}
						if bad, why := protect(func() { r.evalHolds(t, c.bitsOf(sc.bits)) }); bad {
							sc.panic = why
						} else if packed {
							sc.pkFrom = uint32(len(c.spk))
							c.spk = r.m.Pack(t, c.spk)
							sc.pkTo = uint32(len(c.spk))
						} else {
							sc.s = t
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
			c.errs, c.bits, c.spk = c.errs[:errMark], c.bits[:bitsMark], c.spk[:pkMark]
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
