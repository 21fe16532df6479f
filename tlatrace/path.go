package tlatrace

import (
	"fmt"
	"math/rand/v2" // nondet-ok: only a PCG seeded by the caller, never the global source
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/distcheck/distcheck/checker"
)

// FromPath makes the trace of a path of an implementation: abs maps each
// implementation state to the spec twin's state (the abstraction function
// conformance uses), render maps a twin state to the values of the spec's
// variables. Each state keeps the label of the implementation step.
func FromPath[S, T any](spec Spec, p *checker.Path[S], abs func(S) T, render func(T) map[string]Value) *Trace {
	t := &Trace{Spec: spec, States: make([]State, len(p.Steps))}
	for k, st := range p.Steps {
		t.States[k] = State{Label: st.Action, Vars: render(abs(st.State))}
	}
	return t
}

// Walk is a seeded random walk of up to depth states (the initial state
// counts as one) through m, choosing uniformly among the enabled steps
// within m's bound. The same seed gives the same walk.
func Walk[S any](m *checker.Model[S], seed uint64, depth int) *checker.Path[S] {
	rng := rand.New(rand.NewPCG(seed, 0x7472616365)) // "trace"
	type step struct {
		label string
		s     S
	}
	within := func(s S) bool { return m.Within == nil || m.Within(s) }
	var choices []step
	collect := func(label string, s S) bool {
		if within(s) {
			choices = append(choices, step{label, s})
		}
		return true
	}
	p := &checker.Path[S]{Loop: -1}
	m.Init(collect)
	for len(choices) > 0 && len(p.Steps) < depth {
		c := choices[rng.IntN(len(choices))]
		p.Steps = append(p.Steps, checker.PathStep[S]{Action: c.label, State: c.s})
		choices = choices[:0]
		m.Next(c.s, collect)
	}
	return p
}

// Verdict is TLC's judgement of a trace.
type Verdict struct {
	// Accepted: TLC found a behaviour of the spec through every state.
	Accepted bool
	// RejectedAt is the 1-based state that no Next step (or, for state 1,
	// no initial state) matches; Label is its step's label.
	RejectedAt int
	Label      string
	// Distinct is the number of distinct states TLC found: the cost of the
	// check (one per state with full observation, more when TLC has to
	// find the values of unobserved variables).
	Distinct int
	// Version is TLC's version line; Output all it printed.
	Version string
	Output  string
}

var (
	reRejected = regexp.MustCompile(`<<\s*"distcheck-trace: rejected at state",\s*(\d+),\s*("(?:[^"\\]|\\.)*")`)
	reVersion  = regexp.MustCompile(`(?m)^TLC2 Version .*$`)
	reDistinct = regexp.MustCompile(`([\d,]+) distinct states found`)
)

// ParseVerdict reads the output of TLC run on a trace module. An output
// with neither a clean finish nor the trace's rejection message (a parse
// error, a missing module, an error TLC found in the spec itself) is an
// error, not a rejection.
func ParseVerdict(out string) (Verdict, error) {
	v := Verdict{Output: out, Version: reVersion.FindString(out)}
	if ms := reDistinct.FindAllStringSubmatch(out, -1); ms != nil {
		v.Distinct, _ = strconv.Atoi(strings.ReplaceAll(ms[len(ms)-1][1], ",", ""))
	}
	if m := reRejected.FindStringSubmatch(out); m != nil {
		v.RejectedAt, _ = strconv.Atoi(m[1])
		v.Label = unquoteTLA(m[2])
		return v, nil
	}
	if strings.Contains(out, "Model checking completed. No error has been found.") {
		v.Accepted = true
		return v, nil
	}
	return v, fmt.Errorf("tlatrace: TLC gave no verdict on the trace:\n%s", tail(out, 25))
}

func unquoteTLA(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`)
	return strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(s)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// RunTLC runs TLC (java with the tla2tools.jar jar, one worker) on the
// trace module at path (written by Write) and returns its verdict.
func RunTLC(jar, path string) (Verdict, error) {
	dir, file := filepath.Split(path)
	name := strings.TrimSuffix(file, ".tla")
	cmd := exec.Command("java", "-XX:+UseParallelGC", "-cp", jar, "tlc2.TLC", "-workers", "1",
		"-config", name+".cfg", "-metadir", filepath.Join(dir, "states", name), name)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	os.RemoveAll(filepath.Join(dir, "states", name))
	os.Remove(filepath.Join(dir, "states")) // only when empty
	v, perr := ParseVerdict(string(out))
	if perr != nil && err != nil {
		return v, fmt.Errorf("%w (java: %v)", perr, err)
	}
	return v, perr
}

var reBatchRejected = regexp.MustCompile(`<<\s*"distcheck-trace: rejected trace",\s*(\d+),\s*"at state",\s*(\d+),\s*("(?:[^"\\]|\\.)*")`)

// ParseBatchVerdicts reads the output of TLC run with -continue on a
// module of n traces written by Batch: one verdict per trace (the Output
// of each is the whole output). Any error TLC reports other than a
// rejected trace is an error.
func ParseBatchVerdicts(out string, n int) ([]Verdict, error) {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Error:") && !strings.Contains(line, "Invariant TraceInv is violated") &&
			!strings.Contains(line, "The behavior up to this point is") {
			return nil, fmt.Errorf("tlatrace: TLC reported an error:\n%s", tail(out, 25))
		}
	}
	if !strings.Contains(out, "distinct states found") || !strings.Contains(out, "Finished in") {
		return nil, fmt.Errorf("tlatrace: TLC did not finish:\n%s", tail(out, 25))
	}
	vs := make([]Verdict, n)
	version := reVersion.FindString(out)
	for k := range vs {
		vs[k] = Verdict{Accepted: true, Version: version, Output: out}
	}
	for _, m := range reBatchRejected.FindAllStringSubmatch(out, -1) {
		k, _ := strconv.Atoi(m[1])
		at, _ := strconv.Atoi(m[2])
		if k < 1 || k > n {
			return nil, fmt.Errorf("tlatrace: TLC rejected trace %d of %d", k, n)
		}
		if v := &vs[k-1]; v.Accepted || at < v.RejectedAt {
			v.Accepted, v.RejectedAt, v.Label = false, at, unquoteTLA(m[3])
		}
	}
	return vs, nil
}

// BatchSize is the most traces RunBatch puts in one module. TLC's time per
// state grows with the size of the module's trace constant, so a few
// moderate runs beat one huge one.
const BatchSize = 10

// RunBatch validates the traces with TLC, BatchSize traces per run: it
// writes each group into dir as one module (see Batch) named name (or
// name_2, name_3, ... for later groups), with the spec's source, runs TLC
// on it and returns a verdict per trace, in order.
func RunBatch(jar, dir, name string, traces []*Trace) ([]Verdict, error) {
	if len(traces) == 0 {
		return nil, fmt.Errorf("tlatrace: no traces")
	}
	if name == "" {
		name = traces[0].Spec.Module + "Traces"
	}
	var out []Verdict
	for k := 0; k < len(traces); k += BatchSize {
		group := traces[k:min(k+BatchSize, len(traces))]
		n := name
		if k > 0 {
			n = fmt.Sprintf("%s_%d", name, k/BatchSize+1)
		}
		vs, err := runBatch(jar, dir, n, group)
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

func runBatch(jar, dir, name string, traces []*Trace) ([]Verdict, error) {
	tla, cfg, err := Batch(traces, name)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	files := map[string]string{name + ".tla": tla, name + ".cfg": cfg}
	if src := traces[0].Spec.Source; src != "" {
		files[traces[0].Spec.Module+".tla"] = src
	}
	for f, text := range files {
		if err := writeFile(filepath.Join(dir, f), text); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command("java", "-XX:+UseParallelGC", "-cp", jar, "tlc2.TLC", "-workers", "1", "-continue",
		"-config", name+".cfg", "-metadir", filepath.Join(dir, "states", name), name)
	cmd.Dir = dir
	out, runErr := cmd.CombinedOutput()
	os.RemoveAll(filepath.Join(dir, "states", name))
	os.Remove(filepath.Join(dir, "states")) // only when empty
	vs, err := ParseBatchVerdicts(string(out), len(traces))
	if err != nil && runErr != nil {
		return nil, fmt.Errorf("%w (java: %v)", err, runErr)
	}
	return vs, err
}
