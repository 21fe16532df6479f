package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/viz"
)

// Visual replays a path (a lasso when loop >= 0) and describes it for the
// HTML report: rendered states, the events of each step when the states
// are actor systems, the step where prop is violated, and the system's
// attachment (porcupine's drawing of a non-linearizable history, say).
func (e *entry[S]) Visual(variant string, params map[string]int, prop string, actions []string, loop int, loopAction string) (*viz.Report, error) {
	m, name, full, err := e.resolvedBuild(variant, params)
	if err != nil {
		return nil, err
	}
	var path *checker.Path[S]
	if loop >= 0 {
		path, err = checker.ReplayLasso(m, actions, loop, loopAction)
	} else {
		path, err = checker.Replay(m, actions)
	}
	if err != nil {
		return nil, err
	}
	r := &viz.Report{System: e.d.Name, Variant: name, Params: FormatParams(e, full), Property: prop,
		Violation: -1, Loop: path.Loop, LoopAction: path.LoopAction}
	for _, p := range m.Properties {
		if p.Name == prop {
			r.Kind = p.Kind.String()
		}
	}
	if prop != "" {
		at, detail, err := checker.Judge(m, prop, path)
		if err != nil {
			return nil, err
		}
		r.Violation, r.Detail = at, detail
	}
	if r.Steps, r.Lanes, err = viz.FromPath(m, path); err != nil {
		return nil, err
	}
	if e.d.Abstract != nil {
		for i, st := range path.Steps {
			r.Steps[i].Abstract = e.d.Abstract(name, full, st.State)
		}
	}
	if e.d.Attach != nil && prop != "" && loop < 0 {
		ext, data, err := e.d.Attach(name, full, prop, path.Steps[len(path.Steps)-1].State)
		if err != nil {
			return nil, fmt.Errorf("rendering the attachment: %w", err)
		}
		if ext == ".html" && len(data) > 0 {
			r.Attachment = &viz.Attachment{Title: "the history, drawn by porcupine", HTML: data}
		}
	}
	return r, nil
}

// writeHTML renders r to file. It runs after the verdict is printed, so a
// failure is a warning on stderr that leaves the exit code alone.
func writeHTML(stderr io.Writer, file string, r *viz.Report) {
	var b bytes.Buffer
	if err := viz.Write(&b, r); err != nil {
		fmt.Fprintf(stderr, "warning: HTML report not written: %v\n", err)
		return
	}
	if err := corpus.WriteFile(file, b.Bytes()); err != nil {
		fmt.Fprintf(stderr, "warning: HTML report not written: %v\n", err)
		return
	}
	fmt.Fprintf(stderr, "HTML report: %s\n", file)
}

// checkHTML writes the report of check's (or simulate's) first
// counterexample, or says there is none.
func checkHTML(stderr io.Writer, file string, sys System, variant string, params map[string]int, rep *Report, invocation string) {
	for _, p := range rep.Properties {
		if p.Status != "violated" || p.Path == nil {
			continue
		}
		r, err := sys.Visual(variant, params, p.Name, p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
		if err != nil {
			fmt.Fprintf(stderr, "warning: HTML report not written: %v\n", err)
			return
		}
		r.Strategy = rep.Strategy
		r.Command = Program + strings.TrimPrefix(invocation, "explore") + " -property " + p.Name
		writeHTML(stderr, file, r)
		return
	}
	fmt.Fprintf(stderr, "no counterexample: no HTML report written to %s\n", file)
}

func runReport(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("o", "", "write the HTML report to `FILE` (default: standard output)")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, "report CORPUSFILE [-o FILE]")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) != 1 {
		return ExitUsage, Usagef("report needs exactly one corpus FILE")
	}
	e, err := corpus.ParseFile(pos[0])
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	sys, params, err := Resolve(e)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	r, err := sys.Visual(e.Variant, params, e.Property, e.Steps, e.Loop, e.LoopAction)
	if err != nil {
		return ExitUsage, UsageError{fmt.Errorf("%s: %w", pos[0], err)}
	}
	r.Strategy, r.Command, r.Note = e.Strategy, e.Command, e.Note
	if r.Command == "" {
		r.Command = Program + " replay " + pos[0]
	} else {
		r.Command = Program + strings.TrimPrefix(r.Command, "explore")
	}
	status := fmt.Sprintf("%s violated at step %d", e.Property, r.Violation)
	if r.Violation < 0 {
		status = e.Property + " not violated on this path"
	}
	if e.Expect == "holds" {
		status = fmt.Sprintf("%s satisfied at step %d", e.Property, r.Violation)
	}
	if *out == "" {
		fmt.Fprintf(stderr, "%s: %s\n", pos[0], status)
		if err := viz.Write(stdout, r); err != nil {
			return ExitUsage, err
		}
		return ExitHolds, nil
	}
	fmt.Fprintf(stdout, "%s: %s\n", pos[0], status)
	writeHTML(stderr, *out, r)
	return ExitHolds, nil
}
