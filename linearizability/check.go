package linearizability

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/metrics"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/anishathalye/porcupine"
)

// Model is a sequential specification, typed: the states S, inputs I and
// outputs O of porcupine's interface{} Model made explicit.
//
// Step must be pure: it returns whether the operation (in, out) can happen
// in state s, and the next state, without modifying s. Init and Step are
// required; every other field is optional.
type Model[S, I, O any] struct {
	// Name identifies the model in reports ("kv", "register").
	Name string
	Init func() S
	Step func(s S, in I, out O) (bool, S)
	// Equal compares states; nil uses == on the states boxed as any, which
	// panics if S is not comparable.
	Equal func(a, b S) bool
	// Hash, if set, must give Equal states equal hashes; it lets the search
	// skip most Equal calls when it looks up states it has already seen.
	Hash func(s S) uint64
	// Partition splits a history into parts that are linearizable
	// independently (for example one per key: linearizability is local); a
	// part is named by the string it returns. nil: one part, named "".
	Partition func(in I) string
	// Unknown reports whether an output is "unknown". Step must accept an
	// unknown output in every state and return the state the input leads
	// to. nil: outputs are never unknown, and the model cannot check
	// histories with pending operations.
	Unknown func(out O) bool
	// MarkUnknown returns out made unknown (Unknown(MarkUnknown(out)) must
	// hold). Check applies it to the output of every pending operation, so
	// recorders need not set the flag themselves. nil: a pending
	// operation's output must already be unknown.
	MarkUnknown func(out O) O
	// DescribeOp and DescribeState label the HTML visualization; nil
	// renders values with %v.
	DescribeOp    func(in I, out O) string
	DescribeState func(s S) string
}

// Verdict is the outcome of a check.
type Verdict string

const (
	// Ok: the history is linearizable.
	Ok Verdict = "ok"
	// Illegal: no linearization exists; at least one part is illegal.
	Illegal Verdict = "illegal"
	// Unknown: a limit (time, memory) ran out first, or the history was
	// invalid (then Result.Err says why).
	Unknown Verdict = "unknown"
)

// Part is the verdict on one part of a partitioned history. A part whose
// Verdict is Unknown was not decided: Result.Stopped says why.
type Part struct {
	Name    string  `json:"name"`
	Ops     int     `json:"ops"`
	Verdict Verdict `json:"verdict"`
}

// Options bound a check. The zero value checks without limits.
type Options struct {
	// Timeout bounds the whole check, every part together (0: no limit).
	Timeout time.Duration
	// MemoryLimit stops the check when the Go heap exceeds this many bytes
	// (0: no limit); the undecided parts are then Unknown.
	MemoryLimit uint64
	// Visualize keeps what porcupine needs to draw the history, so that
	// Result.WriteHTML can draw it without checking again. It makes the
	// check several times slower (porcupine's verbose mode records partial
	// linearizations as it searches).
	Visualize bool
	// AllParts keeps checking the other parts after one is found illegal,
	// so that every part gets its verdict; by default the first illegal
	// part decides the history and stops the others, as porcupine does.
	AllParts bool
}

// Result is what Check found.
type Result struct {
	Verdict Verdict `json:"verdict"`
	// Ops counts the operations of the history, Ambiguous those among them
	// whose outcome is unknown (pending, or with an unknown output).
	Ops       int `json:"ops"`
	Ambiguous int `json:"ambiguous"`
	// Parts holds one entry per part, sorted by name.
	Parts []Part `json:"parts"`
	// Stopped says why some parts are undecided ("timeout 10s", "memory
	// limit 100 MiB", "stopped at the first illegal part"); empty when
	// every part was decided.
	Stopped string        `json:"stopped,omitempty"`
	Elapsed time.Duration `json:"elapsed"`
	// Err is set, with Verdict Unknown, when the history or the model is
	// invalid; nothing was checked.
	Err error `json:"-"`

	// viz renders porcupine's page from what the check found; nil when
	// nothing was checked.
	viz func(w io.Writer) error
}

// IllegalParts names the parts that have no linearization.
func (r Result) IllegalParts() []string {
	var names []string
	for _, p := range r.Parts {
		if p.Verdict == Illegal {
			names = append(names, p.Name)
		}
	}
	return names
}

// Count returns how many parts have verdict v.
func (r Result) Count(v Verdict) int {
	n := 0
	for _, p := range r.Parts {
		if p.Verdict == v {
			n++
		}
	}
	return n
}

// WriteHTML writes porcupine's interactive visualization of the history
// (only for a check with Options.Visualize):
// for an illegal result, of its illegal parts only (the longest partial
// linearizations and the operation that cannot be placed); otherwise of
// every part, with its linearization where one was found. It draws what
// Check found, without checking again; when the verdict is Unknown the page
// says, in an annotation at its top, that it is incomplete and why.
// It fails if Check did not check anything (Err is set).
func (r Result) WriteHTML(w io.Writer) error {
	if r.viz == nil {
		if r.Err != nil {
			return fmt.Errorf("no visualization: the history was not checked: %w", r.Err)
		}
		return errors.New("no visualization: this Result did not come from Check")
	}
	return r.viz(w)
}

// ambiguousNote is the metadata the visualization shows on an operation
// whose outcome is unknown.
const ambiguousNote = "outcome unknown: return placed after the last event"

// Check decides whether h is linearizable with respect to m, within timeout
// (0: no limit). It is CheckOptions with Options{Timeout: timeout}.
func Check[S, I, O any](m Model[S, I, O], h []Op[I, O], timeout time.Duration) Result {
	return CheckOptions(m, h, Options{Timeout: timeout})
}

// CheckOptions decides whether h is linearizable with respect to m, within
// the limits of opt.
//
// The parts of a partitioned history are checked concurrently, each in its
// own goroutine, so an undecidable part does not starve the others of the
// time budget; each part gets its own verdict.
//
// An operation whose outcome is unknown (Return < 0, or an output that
// m.Unknown reports) is never dropped and never counted as a failure: as in
// porcupine's etcd test, its return is moved after every other event of the
// history and its output made unknown, which Step accepts in any state. It
// may so be linearized anywhere after its call, including at the very end,
// which for a write is the same as never having happened.
//
// CheckOptions validates h first (see Validate); an invalid history, or a
// model without Init or Step, yields Verdict Unknown with Err set.
func CheckOptions[S, I, O any](m Model[S, I, O], h []Op[I, O], opt Options) Result {
	start := time.Now()
	res := Result{Verdict: Unknown, Ops: len(h)}
	switch {
	case m.Init == nil || m.Step == nil:
		res.Err = fmt.Errorf("model %q lacks Init or Step", m.Name)
		return res
	case opt.Timeout < 0:
		res.Err = fmt.Errorf("negative timeout %v", opt.Timeout)
		return res
	}
	if err := Validate(h); err != nil {
		res.Err = err
		return res
	}
	var end int64 // one tick after the last event
	for _, op := range h {
		end = max(end, op.Call, op.Return)
	}
	end++

	byName := map[string][]porcupine.Operation{}
	for i, op := range h {
		out, ret := op.Output, op.Return
		var meta any
		if op.Return < 0 || (m.Unknown != nil && m.Unknown(out)) {
			res.Ambiguous++
			if m.MarkUnknown != nil {
				out = m.MarkUnknown(out)
			}
			if m.Unknown == nil || !m.Unknown(out) {
				res.Err = fmt.Errorf("operation %d (client %d) is pending, but model %q cannot express an unknown output (it needs Unknown and MarkUnknown)", i, op.Client, m.Name)
				return res
			}
			ret, meta = end, ambiguousNote
		}
		name := ""
		if m.Partition != nil {
			name = m.Partition(op.Input)
		}
		byName[name] = append(byName[name], porcupine.Operation{
			ClientId: op.Client, Input: op.Input, Output: out, Call: op.Call, Return: ret, Metadata: meta,
		})
	}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	slices.Sort(names) // deterministic order of parts and reports

	pm := m.porcupine()
	s := newStopper(opt)
	defer s.release()
	runs := make([]partRun, len(names))
	res.Parts = make([]Part, len(names))
	for i, name := range names {
		runs[i].ops, runs[i].verdict = byName[name], Unknown
		res.Parts[i] = Part{Name: name, Ops: len(runs[i].ops), Verdict: Unknown}
	}
	if len(runs) == 1 || len(h) < concurrentOps {
		for i := range runs {
			if s.stopped.Load() {
				break
			}
			runs[i].check(pm, s, opt.Visualize)
			if runs[i].verdict == Illegal && !opt.AllParts {
				s.stop("stopped at the first illegal part")
			}
		}
	} else {
		var wg sync.WaitGroup
		for i := range runs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runs[i].check(pm, s, opt.Visualize)
				if runs[i].verdict == Illegal && !opt.AllParts {
					s.stop("stopped at the first illegal part")
				}
			}()
		}
		wg.Wait()
	}
	illegal, unknown := false, false
	for i := range runs {
		v := runs[i].verdict
		res.Parts[i].Verdict = v
		illegal = illegal || v == Illegal
		unknown = unknown || v == Unknown
	}
	switch {
	case illegal:
		res.Verdict = Illegal
	case unknown:
		res.Verdict = Unknown
	default:
		res.Verdict = Ok
	}
	if unknown {
		res.Stopped = s.reason()
	}
	res.Elapsed = time.Since(start)

	var show []*partRun
	for i := range runs {
		if !illegal || runs[i].verdict == Illegal {
			show = append(show, &runs[i])
		}
	}
	stopped, verdict := res.Stopped, res.Verdict
	res.viz = func(w io.Writer) error {
		if !opt.Visualize {
			return errors.New("no visualization: check with Options.Visualize to draw the history")
		}
		return visualize(pm, show, verdict, stopped, w)
	}
	return res
}

// concurrentOps is the history size from which parts are checked
// concurrently: smaller ones are decided in microseconds, less than
// starting goroutines costs.
const concurrentOps = 256

// partRun is the check of one part.
type partRun struct {
	ops     []porcupine.Operation
	verdict Verdict
	info    porcupine.LinearizationInfo
}

// check runs porcupine on the part (verbose: keeping its partial
// linearizations for the visualization), with a Step that fails
// at once when the stopper fires; a search that saw the stopper cannot
// claim illegality, so its verdict is then Unknown (a linearization found
// regardless is still a linearization).
func (p *partRun) check(pm porcupine.Model, s *stopper, verbose bool) {
	s.expired() // a part that starts after the deadline is not decided, however fast it would be
	interrupted := false
	step := pm.Step
	pm.Step = func(st, in, out any) (bool, any) {
		if s.stopped.Load() {
			interrupted = true
			return false, st
		}
		return step(st, in, out)
	}
	var r porcupine.CheckResult
	if verbose {
		r, p.info = porcupine.CheckOperationsVerbose(pm, p.ops, 0)
	} else {
		r = porcupine.CheckOperationsTimeout(pm, p.ops, 0)
	}
	p.verdict = fromPorcupine(r)
	if interrupted && p.verdict != Ok {
		p.verdict = Unknown
	}
}

// stopper ends every part's search when the time or memory runs out or
// (unless Options.AllParts) a part is illegal.
type stopper struct {
	stopped  atomic.Bool
	mu       sync.Mutex
	why      string
	timer    *time.Timer
	deadline time.Time // zero: none
	timeout  time.Duration
	done     chan struct{}
}

func newStopper(opt Options) *stopper {
	s := &stopper{done: make(chan struct{})}
	if opt.Timeout > 0 {
		s.timeout, s.deadline = opt.Timeout, time.Now().Add(opt.Timeout)
		s.timer = time.AfterFunc(opt.Timeout, func() { s.stop(fmt.Sprintf("timeout %v", opt.Timeout)) })
	}
	if opt.MemoryLimit > 0 {
		go s.watchMemory(opt.MemoryLimit)
	}
	return s
}

// watchMemory polls the heap size (a cheap runtime/metrics read, not
// ReadMemStats, which stops the world) until the check ends.
func (s *stopper) watchMemory(limit uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-tick.C:
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > limit {
				s.stop(fmt.Sprintf("memory limit %d MiB", limit>>20))
				return
			}
		}
	}
}

func (s *stopper) stop(why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.why == "" {
		s.why = why
	}
	s.stopped.Store(true)
}

// expired stops the check when the deadline has passed, even if the timer
// has not fired yet (it runs on its own goroutine, so a part could
// otherwise start, and finish, after the deadline), and reports whether
// the check is stopped.
func (s *stopper) expired() bool {
	if !s.deadline.IsZero() && !time.Now().Before(s.deadline) {
		s.stop(fmt.Sprintf("timeout %v", s.timeout))
	}
	return s.stopped.Load()
}

func (s *stopper) reason() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.why
}

func (s *stopper) release() {
	if s.timer != nil {
		s.timer.Stop()
	}
	close(s.done)
}

// visualize draws the parts from what their checks found, without
// checking again. Porcupine draws one check per page, so with several parts
// each is drawn on its own and their data merged into one page (each part
// keeps its own compressed time scale).
func visualize(pm porcupine.Model, show []*partRun, verdict Verdict, stopped string, w io.Writer) error {
	if len(show) == 0 {
		return errors.New("no visualization: the history has no operations")
	}
	var merged struct {
		Partitions  []json.RawMessage
		Annotations []json.RawMessage
	}
	var page []byte
	for i, p := range show {
		info := p.info
		if i == 0 && verdict == Unknown {
			info.AddAnnotations([]porcupine.Annotation{{
				Tag: "distcheck", Start: 0,
				Description:     "INCOMPLETE: verdict unknown (" + stopped + ")",
				Details:         "The check stopped before every part was decided; the linearizations shown are partial.",
				BackgroundColor: "#ffd7d7",
			}})
		}
		var b bytes.Buffer
		if err := porcupine.Visualize(pm, info, &b); err != nil {
			return err
		}
		if len(show) == 1 {
			_, err := w.Write(b.Bytes())
			return err
		}
		data, err := pageData(b.Bytes())
		if err != nil {
			return err
		}
		var d struct {
			Partitions  []json.RawMessage
			Annotations []json.RawMessage
		}
		if err := json.Unmarshal(data, &d); err != nil {
			return fmt.Errorf("visualization data: %w", err)
		}
		merged.Partitions = append(merged.Partitions, d.Partitions...)
		merged.Annotations = append(merged.Annotations, d.Annotations...)
		if i == 0 {
			page = b.Bytes()
		}
	}
	data, err := json.Marshal(merged)
	if err != nil {
		return err
	}
	old, _ := pageData(page)
	i := bytes.Index(page, old)
	_, err = w.Write(slices.Concat(page[:i], data, page[i+len(old):]))
	return err
}

// dataPrefix introduces the JSON data in porcupine's page template.
var dataPrefix = []byte("const data = ")

// pageData returns the JSON data embedded in a page porcupine drew.
func pageData(page []byte) ([]byte, error) {
	i := bytes.Index(page, dataPrefix)
	if i < 0 {
		return nil, errors.New("visualization: porcupine's page has no data line")
	}
	rest := page[i+len(dataPrefix):]
	j := bytes.IndexByte(rest, '\n')
	if j < 0 {
		return nil, errors.New("visualization: porcupine's data line does not end")
	}
	return rest[:j], nil
}

func fromPorcupine(r porcupine.CheckResult) Verdict {
	switch r {
	case porcupine.Ok:
		return Ok
	case porcupine.Illegal:
		return Illegal
	}
	return Unknown
}

// as converts a boxed value back to T; a nil box (possible when T is an
// interface type) gives T's zero value instead of a panic.
func as[T any](v any) T {
	t, _ := v.(T)
	return t
}

// porcupine converts the typed model to porcupine's. Partitioning is left
// to Check, which has already split the history.
func (m Model[S, I, O]) porcupine() porcupine.Model {
	pm := porcupine.Model{
		Init: func() any { return m.Init() },
		Step: func(s, in, out any) (bool, any) {
			return m.Step(as[S](s), as[I](in), as[O](out))
		},
		DescribeOperationMetadata: func(meta any) string { return as[string](meta) },
	}
	if m.Equal != nil {
		pm.Equal = func(a, b any) bool { return m.Equal(as[S](a), as[S](b)) }
	}
	if m.Hash != nil {
		pm.Hash = func(s any) uint64 { return m.Hash(as[S](s)) }
	}
	if m.DescribeOp != nil {
		pm.DescribeOperation = func(in, out any) string { return m.DescribeOp(as[I](in), as[O](out)) }
	}
	if m.DescribeState != nil {
		pm.DescribeState = func(s any) string { return m.DescribeState(as[S](s)) }
	}
	return pm
}
