package cli

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/corpus"
)

// Verify replays e and checks that its recorded outcome still happens: for
// "violated", the property fails on the path; for "holds", the path
// satisfies the Sometimes property. It returns the replay for reporting.
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
	for _, p := range props {
		names = append(names, p.Name)
	}
	if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+e.Property+" ") {
		return nil, fmt.Errorf("unknown property %q (have %s)", e.Property, strings.Join(names, ", "))
	}
	p := PathReport{Loop: e.Loop, LoopAction: e.LoopAction}
	for _, s := range e.Steps {
		p.Steps = append(p.Steps, StepReport{Action: s})
	}
	r, err := sys.Replay(e.Variant, params, e.Property, p)
	if err != nil {
		return nil, &NotReproduced{fmt.Sprintf("the path no longer replays: %v", err)}
	}
	if r.At < 0 {
		if e.Expect == "holds" {
			return r, &NotReproduced{fmt.Sprintf("no state on the path satisfies %s", e.Property)}
		}
		why := ""
		if r.Detail != "" {
			why = " (" + r.Detail + ")"
		}
		return r, &NotReproduced{fmt.Sprintf("%s is not violated along the %d steps%s", e.Property, len(e.Steps)-1, why)}
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
