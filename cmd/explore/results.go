package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/spec"
)

// resultRow is one line of the results table.
type resultRow struct {
	System, Variant, Bounds string
	Distinct                uint64
	TLC                     int // TLC's distinct states for a spec model, or 0
	Complete                bool
	Verdict                 string
	Violated                []string
	Steps                   int // length of the first counterexample
	OK                      bool
}

// notInResults names the systems the table leaves out, with the reason.
var notInResults = map[string]string{
	"etcdraft": "its forget-hardstate variant needs about 180,000 states (one to three minutes) at the smallest bounds that show it; " +
		"impl/etcdraft/etcdraftmodel's tests (DISTCHECK_LONG) and the corpus replay check every variant instead",
}

// results checks every variant of every system at its default bounds,
// stopping at the first violation, and compares with what is expected:
// correct variants hold, seeded bugs violate one of their listed
// properties, and spec models match TLC's figures in the manifest.
func results(progress io.Writer) ([]resultRow, error) {
	man, err := spec.Load()
	if err != nil {
		return nil, err
	}
	var rows []resultRow
	total := 0
	for _, name := range cli.Names() {
		if notInResults[name] != "" {
			continue
		}
		sys, _ := cli.Lookup(name)
		total += len(sys.Variants())
	}
	start := time.Now()
	for _, name := range cli.Names() {
		if notInResults[name] != "" {
			continue
		}
		sys, _ := cli.Lookup(name)
		for _, v := range sys.Variants() {
			if progress != nil {
				fmt.Fprintf(progress, "results: %s/%s (%d of %d), %.0fs so far\n", name, v.Name, len(rows)+1, total, time.Since(start).Seconds())
			}
			params, err := sys.Resolve(v.Name, nil)
			if err != nil {
				return nil, err
			}
			// A spec model is explored completely, to compare its counts with
			// TLC's; anything else stops at its first violation.
			tlcModel, isSpec := man.Find(v.Name)
			rep, err := sys.Check(v.Name, params, checker.Options{StopOnViolation: !isSpec})
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %w", name, v.Name, err)
			}
			row := resultRow{System: name, Variant: v.Name, Bounds: cli.FormatParams(sys, params),
				Distinct: rep.Stats.Distinct, Complete: rep.Complete, Verdict: rep.Verdict}
			for _, p := range rep.Properties {
				if p.Status == "violated" {
					row.Violated = append(row.Violated, p.Name)
					if p.Path != nil && row.Steps == 0 {
						row.Steps = len(p.Path.Steps) - 1
					}
				}
			}
			if len(v.Violates) == 0 {
				row.OK = rep.Verdict == "holds"
			} else {
				row.OK = len(row.Violated) > 0
				for _, p := range row.Violated {
					row.OK = row.OK && slices.Contains(v.Violates, p)
				}
			}
			if isSpec {
				row.TLC = tlcModel.Distinct
				row.OK = row.OK && uint64(tlcModel.Distinct) == rep.Stats.Distinct && tlcModel.Expect == "success" == (rep.Verdict == "holds")
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func renderResults(w io.Writer, rows []resultRow, markdown bool) {
	if markdown {
		fmt.Fprintln(w, "| system | variant | bounds | states explored | TLC's distinct states | verdict | as expected |")
		fmt.Fprintln(w, "|---|---|---|---:|---:|---|---|")
	}
	for _, r := range rows {
		tlc := "-"
		if r.TLC > 0 {
			tlc = fmt.Sprint(r.TLC)
		}
		states := fmt.Sprint(r.Distinct)
		verdict := r.Verdict
		if len(r.Violated) > 0 {
			verdict += " (" + strings.Join(r.Violated, ", ") + ", " + cli.Plural(r.Steps, "step", "steps") + ")"
		}
		if !r.Complete && r.Verdict != "violated" {
			verdict += " (incomplete)"
		}
		ok := "yes"
		if !r.OK {
			ok = "NO"
		}
		if markdown {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", r.System, r.Variant, r.Bounds, states, tlc, verdict, ok)
		} else {
			fmt.Fprintf(w, "%-10s %-24s %-70s %9s %7s  %-34s %s\n", r.System, r.Variant, r.Bounds, states, tlc, verdict, ok)
		}
	}
}

func runResults(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("results", flag.ContinueOnError)
	markdown := fs.Bool("markdown", false, "print a Markdown table (the one in README.md)")
	quiet := fs.Bool("quiet", false, "no progress lines on stderr")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		flagHelp(fs, stdout, "results [-markdown] [-quiet]")
		return exitHolds, nil
	}
	if err != nil {
		return exitUsage, err
	}
	if len(pos) > 0 {
		return exitUsage, usagef("results takes no arguments")
	}
	var progress io.Writer = stderr
	if *quiet {
		progress = nil
	}
	rows, err := results(progress)
	if err != nil {
		return exitUsage, err
	}
	renderResults(stdout, rows, *markdown)
	for _, r := range rows {
		if !r.OK {
			return exitViolated, fmt.Errorf("%s/%s: outcome differs from the expected one", r.System, r.Variant)
		}
	}
	return exitHolds, nil
}
