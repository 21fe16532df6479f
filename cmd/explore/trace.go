package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/internal/systems"
	"github.com/distcheck/distcheck/tlatrace"
)

func init() {
	cli.AddCommand(cli.Command{Name: "trace", Args: "SYSTEM (-path FILE | -seed N -walks W -depth D) -tla DIR [-vars a,b] [-tlc]",
		Doc: "write paths as TLA+ trace-validation modules of the system's spec; -tlc has TLC confirm them (TLA2TOOLS_JAR)", Run: runTrace})
	cli.AddCommand(cli.Command{Name: "tlcimport", Args: "SYSTEM [-variant V] [-set k=v,...] [-property P] [-o FILE | -save DIR] TLC-OUTPUT",
		Doc: "turn TLC's counterexample (its output, or -dumpTrace json) into a corpus file of the Go twin and replay it", Run: runTLCImport})
}

// jarEnv names tla2tools.jar, as in internal/tlc.
const jarEnv = "TLA2TOOLS_JAR"

func runTrace(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	variant := fs.String("variant", "", "variant (default: the system's first)")
	set := fs.String("set", "", "parameters k=v,k=v")
	path := fs.String("path", "", "a corpus file whose path to export (its variant and parameters are used)")
	seed := fs.Uint64("seed", 1, "seed of the first random walk (walk w uses seed+w)")
	walks := fs.Int("walks", 0, "number of random walks to export")
	depth := fs.Int("depth", 40, "states per random walk, the initial one included")
	dir := fs.String("tla", "", "directory to write the modules into (required)")
	vars := fs.String("vars", "", "export only these spec variables, comma-separated; TLC finds the others")
	runTLC := fs.Bool("tlc", false, "run TLC on the traces (needs "+jarEnv+"): ten traces per run, or one run per trace with -vars")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		flagHelp(fs, stdout, "trace SYSTEM [flags]")
		return exitHolds, nil
	}
	if err != nil {
		return exitUsage, err
	}
	if len(pos) != 1 {
		return exitUsage, usagef("want exactly one SYSTEM (have %s), got %d arguments", strings.Join(systems.TraceSystems(), ", "), len(pos))
	}
	switch {
	case *dir == "":
		return exitUsage, usagef("-tla DIR is required")
	case (*path == "") == (*walks == 0):
		return exitUsage, usagef("give either -path FILE or -walks W (W > 0)")
	case *walks < 0 || *depth < 1:
		return exitUsage, usagef("-walks must not be negative and -depth must be at least 1")
	case *path != "" && (*variant != "" || *set != ""):
		return exitUsage, usagef("-path takes the variant and parameters from the file; drop -variant and -set")
	}
	jar := os.Getenv(jarEnv)
	if *runTLC && jar == "" {
		return exitUsage, usagef("-tlc needs %s to name a tla2tools.jar", jarEnv)
	}
	var observe []string
	if *vars != "" {
		observe = strings.Split(*vars, ",")
	}
	sys, err := cli.Lookup(pos[0])
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	var params map[string]int
	var paths [][]string
	vname := *variant
	if *path != "" {
		e, err := corpus.ParseFile(*path)
		if err != nil {
			return exitUsage, cli.AsUsage(err)
		}
		if e.System != sys.Name() {
			return exitUsage, usagef("%s is a counterexample of %s, not %s", *path, e.System, sys.Name())
		}
		if _, params, err = cli.Resolve(e); err != nil {
			return exitUsage, cli.AsUsage(err)
		}
		vname, paths = e.Variant, [][]string{e.Steps}
	} else {
		v, err := sys.Variant(vname)
		if err != nil {
			return exitUsage, cli.AsUsage(err)
		}
		vname = v.Name
		p, err := cli.ParseParams(*set)
		if err != nil {
			return exitUsage, cli.AsUsage(err)
		}
		if params, err = sys.Resolve(vname, p); err != nil {
			return exitUsage, cli.AsUsage(err)
		}
	}
	traces, err := systems.ExportTraces(sys.Name(), vname, params, paths, *seed, *walks, *depth)
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	module := traces[0].Spec.Module
	files := make([]string, len(traces))
	for k, tr := range traces {
		name := module + "Trace"
		if len(traces) > 1 {
			name = fmt.Sprintf("%sTrace%03d", module, k+1)
		}
		if files[k], err = tr.Write(*dir, tlatrace.Options{Name: name, Observe: observe}); err != nil {
			return exitUsage, cli.AsUsage(err)
		}
	}
	fmt.Fprintf(stdout, "wrote %d trace module(s) of %s %s (%s) against %s.tla to %s\n", len(traces), sys.Name(), vname,
		cli.FormatParams(sys, params), module, *dir)
	if !*runTLC {
		fmt.Fprintf(stdout, "check one with: java -cp $%s tlc2.TLC -config %s.cfg %s (in %s)\n", jarEnv,
			strings.TrimSuffix(filepath.Base(files[0]), ".tla"), strings.TrimSuffix(filepath.Base(files[0]), ".tla"), *dir)
		return exitHolds, nil
	}
	var verdicts []tlatrace.Verdict
	if observe == nil && len(traces) > 1 {
		fmt.Fprintf(stderr, "running TLC over %d traces, %d per run (%sTraces*.tla)\n", len(traces), tlatrace.BatchSize, module)
		if verdicts, err = tlatrace.RunBatch(jar, *dir, module+"Traces", traces); err != nil {
			return exitUsage, err
		}
	} else {
		for k, f := range files {
			fmt.Fprintf(stderr, "running TLC on %s (%d of %d)\n", filepath.Base(f), k+1, len(files))
			v, err := tlatrace.RunTLC(jar, f)
			if err != nil {
				return exitUsage, err
			}
			verdicts = append(verdicts, v)
		}
	}
	accepted := 0
	for k, v := range verdicts {
		if v.Accepted {
			accepted++
			continue
		}
		fmt.Fprintf(stdout, "trace %d (%s) REJECTED at state %d: no step of %s leads to it from state %d (implementation step %q)\n",
			k+1, filepath.Base(files[k]), v.RejectedAt, module, v.RejectedAt-1, v.Label)
	}
	fmt.Fprintf(stdout, "%d traces, %d accepted by TLC (%s)\n", len(verdicts), accepted, verdicts[0].Version)
	if accepted < len(verdicts) {
		return exitViolated, nil
	}
	return exitHolds, nil
}

func runTLCImport(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("tlcimport", flag.ContinueOnError)
	variant := fs.String("variant", "", "variant: the model TLC checked (default: the system's first)")
	set := fs.String("set", "", "parameters k=v,k=v")
	prop := fs.String("property", "", "the violated property (default: the one TLC names)")
	out := fs.String("o", "", "write the corpus file here")
	save := fs.String("save", "", "write the corpus file into this directory under its usual name")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		flagHelp(fs, stdout, "tlcimport SYSTEM [flags] TLC-OUTPUT")
		return exitHolds, nil
	}
	if err != nil {
		return exitUsage, err
	}
	if len(pos) != 2 {
		return exitUsage, usagef("want SYSTEM (%s) and TLC's output file, got %d arguments", strings.Join(systems.ImportSystems(), ", "), len(pos))
	}
	if *out != "" && *save != "" {
		return exitUsage, usagef("give -o or -save, not both")
	}
	sys, err := cli.Lookup(pos[0])
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	if !slices.Contains(systems.ImportSystems(), sys.Name()) {
		return exitUsage, usagef("%s is no spec twin TLC counterexamples map onto (have %s)", sys.Name(), strings.Join(systems.ImportSystems(), ", "))
	}
	v, err := sys.Variant(*variant)
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	p, err := cli.ParseParams(*set)
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	params, err := sys.Resolve(v.Name, p)
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	var tr *tlatrace.TLCTrace
	if strings.HasPrefix(strings.TrimSpace(string(data)), "{") {
		tr, err = tlatrace.ParseTLCJSON(data)
	} else {
		tr, err = tlatrace.ParseTLCOutput(string(data))
	}
	if err != nil {
		return exitUsage, cli.AsUsage(fmt.Errorf("%s: %w", pos[1], err))
	}
	property := *prop
	if property == "" {
		property = tr.Property
	}
	if property == "" {
		return exitUsage, usagef("%s does not name the violated property: give -property", pos[1])
	}
	props, err := sys.Properties(v.Name, params)
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	opt := tlatrace.MatchOptions{}
	for _, pi := range props {
		// JSON does not record TLC's final "Stuttering": a liveness
		// counterexample without a loop stutters in its last state.
		if pi.Name == property && pi.Kind == "eventually" && tr.Loop < 0 {
			opt.Stutter = true
		}
	}
	imp, err := systems.ImportTLC(sys.Name(), v.Name, params, tr, opt)
	if err != nil {
		return exitViolated, fmt.Errorf("%s: TLC's counterexample does not map onto %s: %w", pos[1], sys.Name(), err)
	}
	e := &corpus.Entry{System: sys.Name(), Variant: v.Name, Params: cli.FormatParams(sys, params), Property: property,
		Expect: "violated", Strategy: "tlc", Steps: imp.Steps, Loop: imp.Loop, LoopAction: imp.LoopAction,
		Command: fmt.Sprintf("%s tlcimport %s -variant %s %s", cli.Program, sys.Name(), v.Name, pos[1]),
		Note:    "imported from TLC's counterexample " + filepath.Base(pos[1])}
	r, err := cli.Verify(e)
	if err != nil {
		return exitViolated, fmt.Errorf("TLC's counterexample, mapped onto %s, does not violate %s in Go: %w", sys.Name(), property, err)
	}
	kind := "trace"
	if e.Loop >= 0 {
		kind = "lasso"
	}
	fmt.Fprintf(stdout, "TLC's counterexample replays in %s %s: %s violated at step %d of a %d-step %s\n",
		sys.Name(), v.Name, property, r.At, len(e.Steps)-1, kind)
	dest := *out
	if *save != "" {
		dest = corpus.FileName(*save, e)
	}
	if dest == "" {
		_, err := stdout.Write(e.Format())
		return exitHolds, err
	}
	if err := corpus.Write(dest, e); err != nil {
		return exitUsage, err
	}
	fmt.Fprintf(stdout, "saved %s\n", dest)
	return exitHolds, nil
}
