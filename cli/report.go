package cli

import (
	"github.com/distcheck/distcheck/checker"
)

// Report is a checker result with states rendered as text, for printing,
// JSON and corpus files.
type Report struct {
	Model      string           `json:"model"`
	Strategy   string           `json:"strategy"`
	Complete   bool             `json:"complete"`
	Stopped    string           `json:"stopped,omitempty"`
	Verdict    string           `json:"verdict"`
	Stats      Stats            `json:"stats"`
	Properties []PropertyReport `json:"properties"`
	// Coverage is checker.Result.Coverage (simulation with coverage on):
	// kept out of the JSON report, written compactly in shard files.
	Coverage []uint64 `json:"-"`
}

// Stats is checker.Stats for JSON.
type Stats struct {
	Generated    uint64  `json:"generated"`
	Distinct     uint64  `json:"distinct"`
	Depth        int     `json:"depth"`
	Queue        int     `json:"queue"`
	Walks        int     `json:"walks,omitempty"`
	Seconds      float64 `json:"seconds"`
	StatesPerSec float64 `json:"states_per_sec"`
}

// PropertyReport is one property's verdict.
type PropertyReport struct {
	Name   string      `json:"name"`
	Kind   string      `json:"kind"`
	Status string      `json:"status"`
	Detail string      `json:"detail,omitempty"`
	Seed   uint64      `json:"seed,omitempty"`
	Walk   int         `json:"walk,omitempty"`
	Path   *PathReport `json:"path,omitempty"`
}

// PathReport is a path with rendered states.
type PathReport struct {
	Steps      []StepReport `json:"steps"`
	Loop       int          `json:"loop"`
	LoopAction string       `json:"loop_action,omitempty"`
}

// StepReport is one step.
type StepReport struct {
	Action string `json:"action"`
	State  string `json:"state,omitempty"`
}

// Actions lists the path's action labels.
func (p PathReport) Actions() []string {
	out := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.Action
	}
	return out
}

// Replayed is the outcome of replaying a path.
type Replayed struct {
	// At is the index of the violating state (Always, Step, Eventually) or
	// of the first satisfying state (Sometimes); -1 if there is none.
	At     int
	Detail string
	Path   *PathReport
}

func report[S any](m *checker.Model[S], r *checker.Result[S]) *Report {
	out := &Report{
		Model: r.Model, Strategy: r.Strategy.String(), Complete: r.Complete, Stopped: r.Stopped,
		Verdict: r.Verdict().String(),
		Stats: Stats{Generated: r.Stats.Generated, Distinct: r.Stats.Distinct, Depth: r.Stats.Depth,
			Queue: r.Stats.Queue, Walks: r.Stats.Walks, Seconds: r.Stats.Elapsed.Seconds(), StatesPerSec: r.Stats.PerSecond()},
		Coverage: r.Coverage,
	}
	for _, p := range r.Properties {
		pr := PropertyReport{Name: p.Name, Kind: p.Kind.String(), Status: p.Status.String(), Detail: p.Detail}
		if p.Path != nil {
			pr.Path = pathReport(m, p.Path)
			if r.Strategy == checker.Simulate {
				pr.Seed, pr.Walk = p.Seed, p.Walk
			}
		}
		out.Properties = append(out.Properties, pr)
	}
	return out
}

func pathReport[S any](m *checker.Model[S], p *checker.Path[S]) *PathReport {
	out := &PathReport{Loop: p.Loop, LoopAction: p.LoopAction}
	for _, s := range p.Steps {
		state := ""
		if m.Format != nil {
			state = m.Format(s.State)
		}
		out.Steps = append(out.Steps, StepReport{Action: s.Action, State: state})
	}
	return out
}
