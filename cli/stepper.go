package cli

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
)

// Stepper steps through a model one state at a time, with states as
// opaque values, for tools that do not know the state type (the web
// explorer). A Stepper is not safe for concurrent use: models may keep
// caches (the actor layer interns messages).
type Stepper interface {
	// Init lists the initial states.
	Init() []Successor
	// Next lists the successors of a state, in the model's order.
	Next(state any) []Successor
	// Format renders a state.
	Format(state any) string
	// View is the actor layer's view of an actor system's state.
	View(state any) (actor.View, bool)
	// Properties lists the model's properties.
	Properties() []PropertyInfo
	// Judge judges every property at a state reached from prev by action
	// (prev is nil at an initial state): see Judgement.
	Judge(prev any, action string, state any) []Judgement
	// Find searches breadth-first from state, over at most maxStates
	// states, for the shortest path to a violation of the always or step
	// property prop (or to a state satisfying the sometimes property
	// prop); it returns the steps after state, or nil when there is none
	// within the bound (complete tells whether the search was exhaustive).
	Find(state any, prop string, maxStates int) (path []Successor, complete bool, err error)
}

// Successor is a step: an action and the state it leads to.
type Successor struct {
	Action string
	State  any
}

// Judgement is a property's verdict in one state: "holds" or "violated"
// (always; step, on the transition into the state), "satisfied" or "not
// here" (sometimes), "on paths" (eventually: judged on behaviours, not
// states; Detail says whether its predicate holds here).
type Judgement struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Status string `json:"status"`
	Detail string `json:"detail,omitempty"`
}

type stepper[S any] struct{ m *checker.Model[S] }

// Stepper builds the model and returns a Stepper over it.
func (e *entry[S]) Stepper(variant string, params map[string]int) (Stepper, error) {
	m, err := e.build(variant, params)
	if err != nil {
		return nil, err
	}
	return stepper[S]{m}, nil
}

func (s stepper[S]) Init() []Successor {
	var out []Successor
	s.m.Init(func(l string, st S) bool {
		if s.m.Within == nil || s.m.Within(st) {
			out = append(out, Successor{l, st})
		}
		return true
	})
	return out
}

func (s stepper[S]) Next(state any) []Successor {
	var out []Successor
	s.m.Next(state.(S), func(l string, st S) bool {
		if s.m.Within == nil || s.m.Within(st) {
			out = append(out, Successor{l, st})
		}
		return true
	})
	return out
}

func (s stepper[S]) Format(state any) string {
	if s.m.Format != nil {
		return s.m.Format(state.(S))
	}
	return fmt.Sprintf("%+v", state)
}

func (s stepper[S]) View(state any) (actor.View, bool) {
	v, ok := state.(actor.Viewer)
	if !ok {
		return actor.View{}, false
	}
	return v.ActorView(), true
}

func (s stepper[S]) Properties() []PropertyInfo {
	out := make([]PropertyInfo, len(s.m.Properties))
	for i, p := range s.m.Properties {
		out[i] = PropertyInfo{p.Name, p.Kind.String()}
	}
	return out
}

func (s stepper[S]) Judge(prev any, action string, state any) []Judgement {
	st := state.(S)
	var out []Judgement
	for _, p := range s.m.Properties {
		j := Judgement{Name: p.Name, Kind: p.Kind.String()}
		switch p.Kind {
		case checker.Always:
			j.Status = map[bool]string{true: "holds", false: "violated"}[p.Holds(st)]
		case checker.Sometimes:
			j.Status = map[bool]string{true: "satisfied", false: "not here"}[p.Holds(st)]
		case checker.Eventually:
			j.Status = "on paths"
			j.Detail = map[bool]string{true: "true in this state", false: "false in this state"}[p.Holds(st)]
		case checker.Step:
			if prev == nil {
				j.Status, j.Detail = "holds", "no transition yet"
				break
			}
			j.Status = "holds"
			if err := p.Check(prev.(S), action, st); err != nil {
				j.Status, j.Detail = "violated", err.Error()
			}
		}
		out = append(out, j)
	}
	return out
}

func (s stepper[S]) Find(state any, prop string, maxStates int) ([]Successor, bool, error) {
	var target *checker.Property[S]
	for i := range s.m.Properties {
		if s.m.Properties[i].Name == prop {
			target = &s.m.Properties[i]
		}
	}
	if target == nil {
		return nil, false, fmt.Errorf("unknown property %q", prop)
	}
	if target.Kind == checker.Eventually {
		return nil, false, fmt.Errorf("%s is a liveness property, judged on whole behaviours: use check", prop)
	}
	// The same model, started from this state, checking this one property.
	m := *s.m
	st := state.(S)
	m.Init = func(yield func(string, S) bool) { yield("Init", st) }
	m.Properties = []checker.Property[S]{*target}
	m.Fairness = nil
	res, err := checker.Check(&m, checker.Options{Strategy: checker.BFS, StopOnViolation: true, MaxStates: maxStates})
	if err != nil {
		return nil, false, err
	}
	r := res.Properties[0]
	if r.Path == nil || (target.Kind == checker.Sometimes) != (r.Status == checker.Holds) {
		return nil, res.Complete, nil
	}
	var out []Successor
	for _, step := range r.Path.Steps[1:] {
		out = append(out, Successor{step.Action, step.State})
	}
	return out, res.Complete, nil
}
