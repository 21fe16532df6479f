package checker

import (
	"fmt"
	"time"
)

// Status is a property's verdict.
type Status uint8

const (
	// Unknown: the search stopped (bound, time or memory limit) before the
	// property could be decided.
	Unknown Status = iota
	// Holds: the property holds in the explored space; for Always, Step and
	// Eventually that means the whole space within the model's own bounds.
	Holds
	// Violated: a counterexample was found (for Sometimes: the whole space
	// was explored and no state satisfies it).
	Violated
)

func (s Status) String() string {
	switch s {
	case Holds:
		return "holds"
	case Violated:
		return "violated"
	}
	return "unknown"
}

// PathStep is one state of a path and the action that led to it; the first
// step's action is the initial state's label.
type PathStep[S any] struct {
	Action string
	State  S
}

// Path is a behaviour: a finite sequence of steps or, when Loop >= 0, a lasso
// whose last state steps back to Steps[Loop] by LoopAction. A lasso with
// Loop == len(Steps)-1 and no LoopAction stutters forever in its last state.
type Path[S any] struct {
	Steps      []PathStep[S]
	Loop       int
	LoopAction string
}

// Actions returns the action labels of the path (initial label first).
func (p *Path[S]) Actions() []string {
	out := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.Action
	}
	return out
}

// PropertyResult is the verdict on one property.
type PropertyResult[S any] struct {
	Name   string
	Kind   Kind
	Status Status
	// Path is the counterexample (Always, Step, Eventually) or the witness
	// (Sometimes that holds).
	Path *Path[S]
	// Detail explains a violation (the Step property's error, or why a lasso is fair).
	Detail string
	// Walk and Seed identify the random walk that found a simulation counterexample.
	Walk int
	Seed uint64
}

// Stats describes a run.
type Stats struct {
	Generated uint64        // successor states computed, duplicates included
	Distinct  uint64        // distinct states reached
	Depth     int           // longest shortest path, counting the initial state as 1 (TLC's convention)
	Queue     int           // states left unexpanded when the run stopped
	Elapsed   time.Duration // wall time
	Walks     int           // simulation walks run
}

// PerSecond is the rate of generated states.
func (s Stats) PerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Generated) / s.Elapsed.Seconds()
}

// Result is the outcome of a run.
type Result[S any] struct {
	Model      string
	Strategy   Strategy
	Properties []PropertyResult[S]
	Stats      Stats
	// Complete is true when every reachable state within the model's bounds
	// was explored (never for simulation).
	Complete bool
	// Stopped says why an incomplete run stopped ("max depth 10", "timeout 1m0s", ...).
	Stopped string
	// Coverage, with Options.Coverage, lists the fingerprint of every
	// distinct state reached, sorted, so that runs made apart (the shards of
	// a swarm) can be merged into one count of distinct states.
	Coverage []uint64
}

// Property returns the named result.
func (r *Result[S]) Property(name string) (*PropertyResult[S], bool) {
	for i := range r.Properties {
		if r.Properties[i].Name == name {
			return &r.Properties[i], true
		}
	}
	return nil, false
}

// Verdict summarises: Violated if any property is violated, else Unknown
// if any is unknown, else Holds.
func (r *Result[S]) Verdict() Status {
	v := Holds
	for _, p := range r.Properties {
		if p.Status == Violated {
			return Violated
		}
		if p.Status == Unknown {
			v = Unknown
		}
	}
	return v
}

// Strategy selects how the state space is searched.
type Strategy uint8

const (
	BFS Strategy = iota
	DFS
	Simulate
)

func (s Strategy) String() string {
	switch s {
	case BFS:
		return "bfs"
	case DFS:
		return "dfs"
	case Simulate:
		return "simulate"
	}
	return fmt.Sprintf("strategy(%d)", uint8(s))
}

// ParseStrategy reads "bfs", "dfs" or "simulate".
func ParseStrategy(s string) (Strategy, error) {
	switch s {
	case "bfs":
		return BFS, nil
	case "dfs":
		return DFS, nil
	case "simulate", "sim":
		return Simulate, nil
	}
	return 0, fmt.Errorf("unknown strategy %q (want bfs, dfs or simulate)", s)
}
