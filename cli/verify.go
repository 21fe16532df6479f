package cli

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/corpus"
)

// Verify replays e and checks that its recorded outcome still happens,
// judged by the kind of its property:
//
//   - "violated", for an always, step or eventually property: the path
//     violates it, at its last step (a counterexample ends at its
//     violation: a file with steps after it is rejected); a lasso is a fair
//     cycle on which the eventually property never holds.
//   - "holds", for a sometimes property: the path is a witness, satisfying
//     it at its last step.
//   - "holds", for an always or step property: the path does not violate it
//     (a fixed bug stays fixed).
//
// A sometimes property cannot be "violated" by a path (only an exhaustive
// search that reaches no satisfying state shows that), nor an eventually
// property "hold" on one: such a file is an error, as is an unknown
// property. An outcome that does not happen is a *NotReproduced error.
// It returns the replay for reporting.
func Verify(e *corpus.Entry) (*Replayed, error) {
	sys, params, err := Resolve(e)
	if err != nil {
		return nil, err
	}
	props, err := sys.Properties(e.Variant, params)
	if err != nil {
		return nil, err
	}
	var names []string
	kind := ""
	for _, p := range props {
		names = append(names, p.Name)
		if p.Name == e.Property {
			kind = p.Kind
		}
	}
	if kind == "" {
		return nil, fmt.Errorf("unknown property %q (have %s)", e.Property, strings.Join(names, ", "))
	}
	switch {
	case kind == "sometimes" && e.Expect == "violated":
		return nil, fmt.Errorf("%s is a sometimes property: a path cannot show it violated (only a complete search that never reaches it can); expect: holds makes the path a witness", e.Property)
	case kind == "eventually" && e.Expect == "holds":
		return nil, fmt.Errorf("%s is an eventually property: a path cannot show it holds; a lasso with expect: violated is a counterexample", e.Property)
	case e.Expect != "violated" && e.Expect != "holds":
		return nil, fmt.Errorf("expect %q: want violated or holds", e.Expect)
	}
	p := PathReport{Loop: e.Loop, LoopAction: e.LoopAction}
	for _, s := range e.Steps {
		p.Steps = append(p.Steps, StepReport{Action: s})
	}
	r, err := sys.Replay(e.Variant, params, e.Property, p)
	if err != nil {
		return nil, &NotReproduced{fmt.Sprintf("the path no longer replays: %v", err)}
	}
	last := len(e.Steps) - 1
	why := ""
	if r.Detail != "" {
		why = " (" + r.Detail + ")"
	}
	switch {
	case e.Expect == "holds" && kind == "sometimes" && r.At < 0:
		return r, &NotReproduced{fmt.Sprintf("no state on the path satisfies %s", e.Property)}
	case e.Expect == "holds" && kind == "sometimes" && r.At < last:
		return r, &NotReproduced{fmt.Sprintf("%s is satisfied at step %d, but the path goes on to step %d: a witness ends where it is satisfied", e.Property, r.At, last)}
	case e.Expect == "holds" && kind != "sometimes" && r.At >= 0:
		return r, &NotReproduced{fmt.Sprintf("expect: holds, but the path violates %s at step %d of %d%s", e.Property, r.At, last, why)}
	case e.Expect == "violated" && r.At < 0:
		return r, &NotReproduced{fmt.Sprintf("%s is not violated along the %s%s", e.Property, Plural(last, "step", "steps"), why)}
	case e.Expect == "violated" && r.At < last:
		return r, &NotReproduced{fmt.Sprintf("%s is violated at step %d, but the path goes on to step %d: a counterexample ends at its violation (shrink it)", e.Property, r.At, last)}
	}
	return r, nil
}

// NotReproduced is Verify's error when a well-formed file's outcome no
// longer happens: the model changed, or the bug it recorded was fixed.
type NotReproduced struct{ Why string }

func (e *NotReproduced) Error() string { return "does not reproduce: " + e.Why }

// Resolve finds the registered system of a corpus entry and its full parameters.
func Resolve(e *corpus.Entry) (System, map[string]int, error) {
	sys, err := Lookup(e.System)
	if err != nil {
		return nil, nil, err
	}
	set, err := ParseParams(e.Params)
	if err != nil {
		return nil, nil, err
	}
	params, err := sys.Resolve(e.Variant, set)
	if err != nil {
		return nil, nil, err
	}
	return sys, params, nil
}
