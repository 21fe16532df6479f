package linearizability

import (
	"errors"
	"fmt"
	"io"
	"slices"
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
	// Unknown: the time limit ran out first, or the history was invalid
	// (then Result.Err says why).
	Unknown Verdict = "unknown"
)

// Part is the verdict on one part of a partitioned history.
type Part struct {
	Name    string  `json:"name"`
	Ops     int     `json:"ops"`
	Verdict Verdict `json:"verdict"`
}

// Result is what Check found.
type Result struct {
	Verdict Verdict `json:"verdict"`
	// Ops counts the operations of the history, Ambiguous those among them
	// whose outcome is unknown (pending, or with an unknown output).
	Ops       int `json:"ops"`
	Ambiguous int `json:"ambiguous"`
	// Parts holds one entry per part, sorted by name.
	Parts   []Part        `json:"parts"`
	Elapsed time.Duration `json:"elapsed"`
	// Err is set, with Verdict Unknown, when the history or the model is
	// invalid; nothing was checked.
	Err error `json:"-"`

	// viz re-runs porcupine's verbose check and renders its page; nil when
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

// WriteHTML writes porcupine's interactive visualization of the history:
// for an illegal result, of its illegal parts only (the longest partial
// linearizations and the operation that cannot be placed); otherwise of
// every part with its linearization. It re-runs porcupine's verbose check,
// bounded by Check's timeout, so it costs about as much as Check did.
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
// (0: no limit).
//
// An operation whose outcome is unknown (Return < 0, or an output that
// m.Unknown reports) is never dropped and never counted as a failure: as in
// porcupine's etcd test, its return is moved after every other event of the
// history and its output made unknown, which Step accepts in any state. It
// may so be linearized anywhere after its call, including at the very end,
// which for a write is the same as never having happened.
//
// Check validates h first (see Validate); an invalid history, or a model
// without Init or Step, yields Verdict Unknown with Err set.
func Check[S, I, O any](m Model[S, I, O], h []Op[I, O], timeout time.Duration) Result {
	start := time.Now()
	res := Result{Verdict: Unknown, Ops: len(h)}
	switch {
	case m.Init == nil || m.Step == nil:
		res.Err = fmt.Errorf("model %q lacks Init or Step", m.Name)
		return res
	case timeout < 0:
		res.Err = fmt.Errorf("negative timeout %v", timeout)
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
	parts := make([][]porcupine.Operation, len(names))
	for i, name := range names {
		parts[i] = byName[name]
	}

	pm := m.porcupine()
	deadline := start.Add(timeout)
	res.Parts = make([]Part, len(names))
	illegal, unknown := false, false
	// Parts are checked one after the other (porcupine would check them in
	// parallel but then reports only the combined verdict), so that every
	// illegal part is named.
	for i, name := range names {
		p := Part{Name: name, Ops: len(parts[i]), Verdict: Unknown}
		left := time.Duration(0)
		if timeout > 0 {
			left = time.Until(deadline)
		}
		if timeout == 0 || left > 0 {
			p.Verdict = fromPorcupine(porcupine.CheckOperationsTimeout(pm, parts[i], left))
		}
		illegal = illegal || p.Verdict == Illegal
		unknown = unknown || p.Verdict == Unknown
		res.Parts[i] = p
	}
	switch {
	case illegal:
		res.Verdict = Illegal
	case unknown:
		res.Verdict = Unknown
	default:
		res.Verdict = Ok
	}
	res.Elapsed = time.Since(start)

	show := parts
	if illegal {
		show = nil
		for i, p := range res.Parts {
			if p.Verdict == Illegal {
				show = append(show, parts[i])
			}
		}
	}
	res.viz = func(w io.Writer) error {
		vm := pm
		vm.Partition = func([]porcupine.Operation) [][]porcupine.Operation { return show }
		_, info := porcupine.CheckOperationsVerbose(vm, nil, timeout)
		return porcupine.Visualize(vm, info, w)
	}
	return res
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
