package corpus

import (
	"fmt"

	"github.com/distcheck/distcheck/internal/systems"
)

// Verify replays e and checks that its recorded outcome still happens: for
// "violated", the property fails on the path; for "holds", the path
// satisfies the Sometimes property. It returns the replay for reporting.
func Verify(e *Entry) (*systems.Replayed, error) {
	sys, params, err := e.Resolve()
	if err != nil {
		return nil, err
	}
	p := systems.PathReport{Loop: e.Loop, LoopAction: e.LoopAction}
	for _, s := range e.Steps {
		p.Steps = append(p.Steps, systems.StepReport{Action: s})
	}
	r, err := sys.Replay(e.Variant, params, e.Property, p)
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	if r.At < 0 {
		if e.Expect == "holds" {
			return r, fmt.Errorf("does not reproduce: no state on the path satisfies %s", e.Property)
		}
		why := ""
		if r.Detail != "" {
			why = " (" + r.Detail + ")"
		}
		return r, fmt.Errorf("does not reproduce: %s is not violated along the %d steps%s", e.Property, len(e.Steps), why)
	}
	return r, nil
}

// Resolve finds e's system and its full parameters.
func (e *Entry) Resolve() (systems.System, map[string]int, error) {
	sys, err := systems.Lookup(e.System)
	if err != nil {
		return nil, nil, err
	}
	set, err := systems.ParseParams(e.Params)
	if err != nil {
		return nil, nil, err
	}
	params, err := sys.Resolve(e.Variant, set)
	if err != nil {
		return nil, nil, err
	}
	return sys, params, nil
}
