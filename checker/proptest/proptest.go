// Package proptest drives a checker model with schedules drawn by rapid, so
// property-based tests explore random interleavings and faults while rapid
// shrinks any failing schedule to a short one.
package proptest

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
)

// Walk draws maxSteps actions of m (each an index into the enabled
// actions, so rapid shrinks towards the first-listed ones), or fewer if
// the model stops, and checks every
// Always and Step property of m along the way. On a violation it fails t
// with the property, its detail and the schedule as action labels. It
// returns the last state, for tests that check the walks reach something.
func Walk[S any](t *rapid.T, m *checker.Model[S], maxSteps int) S {
	type step struct {
		action string
		state  S
	}
	var inits []step
	m.Init(func(label string, s S) bool {
		if m.Within == nil || m.Within(s) {
			inits = append(inits, step{label, s})
		}
		return true
	})
	if len(inits) == 0 {
		t.Fatalf("model %s has no initial state", m.Name)
	}
	cur := inits[rapid.IntRange(0, len(inits)-1).Draw(t, "init")]
	trail := []string{cur.action}
	fail := func(p checker.Property[S], detail string) {
		t.Fatalf("%s violated after %d steps%s\nschedule:\n  %s", p.Name, len(trail)-1, detail, strings.Join(trail, "\n  "))
	}
	checkState := func(s S) {
		for _, p := range m.Properties {
			if p.Kind == checker.Always && !p.Holds(s) {
				fail(p, "")
			}
		}
	}
	checkState(cur.state)
	for k := 0; k < maxSteps; k++ {
		var next []step
		m.Next(cur.state, func(a string, s S) bool {
			if m.Within == nil || m.Within(s) {
				next = append(next, step{a, s})
			}
			return true
		})
		if len(next) == 0 {
			break
		}
		chosen := next[rapid.IntRange(0, len(next)-1).Draw(t, fmt.Sprintf("action%d", k))]
		trail = append(trail, chosen.action)
		for _, p := range m.Properties {
			if p.Kind == checker.Step {
				if err := p.Check(cur.state, chosen.action, chosen.state); err != nil {
					fail(p, ": "+err.Error())
				}
			}
		}
		checkState(chosen.state)
		cur = chosen
	}
	return cur.state
}

// ExpectFailures sets rapid up for tests that expect rapid to fail (with a
// Recorder): no fail files, and a short shrinking budget. It returns the
// function that restores the previous settings.
func ExpectFailures() (restore func()) {
	var undo []func()
	for name, v := range map[string]string{"rapid.nofailfile": "true", "rapid.shrinktime": "1s"} {
		f := flag.Lookup(name)
		if f == nil {
			continue
		}
		old := f.Value.String()
		_ = f.Value.Set(v)
		undo = append(undo, func() { _ = f.Value.Set(old) })
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}

// Recorder is a rapid.TB that records a failure instead of failing the
// enclosing test, for tests that assert rapid does find a violation.
type Recorder struct {
	Failures []string
	failed   bool
}

func (r *Recorder) Helper()                        {}
func (r *Recorder) Name() string                   { return "proptest-recorder" }
func (r *Recorder) Logf(string, ...any)            {}
func (r *Recorder) Log(...any)                     {}
func (r *Recorder) Skipf(string, ...any)           {}
func (r *Recorder) Skip(...any)                    {}
func (r *Recorder) SkipNow()                       {}
func (r *Recorder) Errorf(format string, a ...any) { r.record(fmt.Sprintf(format, a...)) }
func (r *Recorder) Error(a ...any)                 { r.record(fmt.Sprint(a...)) }
func (r *Recorder) Fatalf(format string, a ...any) { r.record(fmt.Sprintf(format, a...)) }
func (r *Recorder) Fatal(a ...any)                 { r.record(fmt.Sprint(a...)) }
func (r *Recorder) FailNow()                       { r.failed = true }
func (r *Recorder) Fail()                          { r.failed = true }
func (r *Recorder) Failed() bool                   { return r.failed }
func (r *Recorder) record(msg string)              { r.failed = true; r.Failures = append(r.Failures, msg) }

// FindViolation runs rapid over m (walks of steps actions) for up to
// rounds rounds, each with a fresh seed, until a walk violates a property,
// as tests that prove a seeded bug is caught need. It returns rapid's
// failure messages and the round that failed, or ok false. Expected
// failures leave no fail files and shrink briefly.
func FindViolation[S any](m *checker.Model[S], steps, rounds int) (failures string, round int, ok bool) {
	defer ExpectFailures()()
	var rec Recorder
	for ; round < rounds && !rec.Failed(); round++ {
		rapid.Check(&rec, func(t *rapid.T) { Walk(t, m, steps) })
	}
	return strings.Join(rec.Failures, "\n"), round, rec.Failed()
}

// AssertVerdicts requires a complete result in which exactly the named
// properties are violated and every other one holds.
func AssertVerdicts[S any](t *testing.T, res *checker.Result[S], violated ...string) {
	t.Helper()
	if !res.Complete {
		t.Fatalf("the search stopped early (%s): verdicts need the whole space", res.Stopped)
	}
	for _, p := range res.Properties {
		want := checker.Holds
		if slices.Contains(violated, p.Name) {
			want = checker.Violated
		}
		if p.Status != want {
			t.Errorf("%s: %v, want %v (%s)", p.Name, p.Status, want, p.Detail)
		} else if p.Status == checker.Violated && p.Path != nil {
			t.Logf("%s violated: %v (loop %d %q)", p.Name, p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
		}
	}
}

// PackRoundTrip walks m like Walk and checks, in every state on the way,
// that m's Pack and Unpack (see checker.Model.Pack) keep the state: the
// unpacked state encodes the same and has the same successors, with the
// same labels in the same order. A model without Pack fails the test.
func PackRoundTrip[S any](t *rapid.T, m *checker.Model[S], maxSteps int) {
	if m.Pack == nil || m.Unpack == nil {
		t.Fatalf("model %s does not pack its states", m.Name)
	}
	var enc checker.Encoder
	encode := func(s S) string {
		enc.Reset()
		m.Encode(s, &enc)
		return string(enc.Bytes())
	}
	successors := func(s S) []string {
		var out []string
		m.Next(s, func(a string, t S) bool {
			out = append(out, a+" "+encode(t))
			return true
		})
		return out
	}
	format := func(s S) string {
		if m.Format != nil {
			return m.Format(s)
		}
		return fmt.Sprintf("%+v", s)
	}
	check := func(s S) {
		u := m.Unpack(m.Pack(s, nil))
		if encode(u) != encode(s) {
			t.Fatalf("Unpack(Pack(s)) encodes differently from s:\n%s\nvs\n%s", format(s), format(u))
		}
		if a, b := successors(s), successors(u); !slices.Equal(a, b) {
			t.Fatalf("the unpacked state has other successors (%d vs %d):\n%s", len(b), len(a), format(s))
		}
	}
	observed := *m
	observed.Properties = []checker.Property[S]{{Name: "PackRoundTrip", Kind: checker.Always,
		Holds: func(s S) bool { check(s); return true }}}
	Walk(t, &observed, maxSteps)
}

// PackedEqualsWhole checks m with opt twice, once with its packed frontier
// (Model.Pack and Unpack) and once keeping whole states, and requires the
// same outcome: counts, depth, queue, completeness, and each property's
// verdict, detail and counterexample path. It returns the packed run's
// result for further checks. A model without Pack fails the test.
func PackedEqualsWhole[S any](t testing.TB, m *checker.Model[S], opt checker.Options) *checker.Result[S] {
	t.Helper()
	if m.Pack == nil {
		t.Fatalf("model %s does not pack its states", m.Name)
	}
	whole := *m
	whole.Pack, whole.Unpack = nil, nil
	outcome := func(m *checker.Model[S], frontier string) (*checker.Result[S], []string) {
		res, err := checker.Check(m, opt)
		if err != nil {
			t.Fatalf("%s frontier: %v", frontier, err)
		}
		st := res.Stats
		out := []string{fmt.Sprintf("distinct %d, generated %d, depth %d, queue %d, complete %v %q",
			st.Distinct, st.Generated, st.Depth, st.Queue, res.Complete, res.Stopped)}
		for _, p := range res.Properties {
			line := fmt.Sprintf("%s %v %q", p.Name, p.Status, p.Detail)
			if p.Path != nil {
				line += fmt.Sprintf(" %q loop=%d %q", p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
			}
			out = append(out, line)
		}
		return res, out
	}
	packed, got := outcome(m, "packed")
	_, want := outcome(&whole, "whole")
	if !slices.Equal(got, want) {
		t.Errorf("model %s: the packed frontier changes the outcome\npacked: %s\nwhole:  %s",
			m.Name, strings.Join(got, "\n        "), strings.Join(want, "\n        "))
	}
	return packed
}
