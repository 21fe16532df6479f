package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/corpus"
)

// Exit codes of Main, the same for every command.
const (
	ExitHolds    = 0
	ExitViolated = 1
	ExitUsage    = 2
	ExitUnknown  = 3
)

// UsageError marks an error as the user's input (exit 2).
type UsageError struct{ error }

// Unwrap returns the wrapped error.
func (u UsageError) Unwrap() error { return u.error }

// Usagef formats a UsageError.
func Usagef(format string, args ...any) error { return UsageError{fmt.Errorf(format, args...)} }

// AsUsage marks err as the user's input (exit 2); nil stays nil.
func AsUsage(err error) error {
	if err == nil {
		return nil
	}
	return UsageError{err}
}

// Command is a subcommand of Main. Run returns the exit code; an error is
// printed as "explore NAME: error", and a UsageError (or the code ExitUsage)
// makes the exit code 2.
type Command struct {
	Name, Args, Doc string
	Run             func(args []string, stdout, stderr io.Writer) (int, error)
}

var commands []Command

// Program is how reproduce lines name the command line ("explore" by
// default; the project's own main sets "go run ./cmd/explore").
var Program = "explore"

// AddCommand adds a subcommand after the built-in ones (list, check,
// simulate, replay, shrink, monitor); it panics on a duplicate name.
func AddCommand(c Command) {
	for _, x := range commands {
		if x.Name == c.Name {
			panic("explore: duplicate command " + c.Name)
		}
	}
	commands = append(commands, c)
}

func init() {
	commands = []Command{
		{"list", "[-json]", "list systems, variants, parameters and properties", runList},
		{"check", "SYSTEM [flags]", "explore every reachable state (bfs, dfs or random-dfs) and judge every property", runCheck},
		{"simulate", "SYSTEM [flags]", "run seeded random walks (reproducible from -seed)", runSimulate},
		{"replay", "FILE...", "re-run saved counterexamples and confirm their recorded outcome", runReplay},
		{"shrink", "FILE [-w | -o OUT]", "shorten a saved counterexample by delta debugging", runShrink},
		{"merge", "FILE...", "combine the result files of a sharded simulation (simulate -shard i/N -out FILE)", runMerge},
		{"report", "FILE [-o OUT]", "render a saved counterexample as a self-contained HTML page", runReport},
		{"serve", "SYSTEM [flags]", "a web explorer on localhost: step through states, load paths, find violations", runServe},
		{"monitor", "SYSTEM [flags]", "the seed's SystemMonitor figures and alerts over seeded random runs", runMonitor},
	}
}

// Main runs the explore command line over the registered systems: args
// are the arguments after the program name; it returns the exit code
// (ExitHolds, ExitViolated, ExitUsage or ExitUnknown). A program's main is
//
//	func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) >= 2 && args[0] == "help" {
		// help CMD is CMD -h: that command's usage and flags.
		if len(args) > 2 {
			fmt.Fprintf(stderr, "explore help: want one COMMAND, got %q\n", args[1:])
			return ExitUsage
		}
		for _, c := range commands {
			if c.Name == args[1] {
				code, err := c.Run([]string{"-h"}, stdout, stderr)
				if err != nil {
					fmt.Fprintf(stderr, "explore %s: %v\n", c.Name, err)
				}
				return code
			}
		}
		fmt.Fprintf(stderr, "explore help: unknown command %q\n", args[1])
		usage(stderr)
		return ExitUsage
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitHolds
	}
	for _, c := range commands {
		if c.Name == args[0] {
			code, err := c.Run(args[1:], stdout, stderr)
			if err != nil {
				fmt.Fprintf(stderr, "explore %s: %v\n", c.Name, err)
				var ue UsageError
				if errors.As(err, &ue) || code == ExitUsage {
					return ExitUsage
				}
				if code == ExitHolds {
					return ExitUsage
				}
			}
			return code
		}
	}
	fmt.Fprintf(stderr, "explore: unknown command %q\n", args[0])
	usage(stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: explore COMMAND [arguments]")
	fmt.Fprintln(w)
	for _, c := range commands {
		if len(c.Args) > 20 {
			// A long synopsis gets its own line, the text under it.
			fmt.Fprintf(w, "  %-9s %s\n  %-9s %-20s %s\n", c.Name, c.Args, "", "", c.Doc)
			continue
		}
		fmt.Fprintf(w, "  %-9s %-20s %s\n", c.Name, c.Args, c.Doc)
	}
	fmt.Fprintln(w, "\nRun 'explore help COMMAND' (or 'explore COMMAND -h') for a command's flags. Exit codes: 0 holds, 1 violation, 2 usage or input error, 3 unknown.")
}

// ParseFlags parses flags, allowing positional arguments before them
// ("check raft -variant x" as well as "check -variant x raft").
func ParseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, Usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func FlagHelp(fs *flag.FlagSet, w io.Writer, synopsis string) {
	fmt.Fprintf(w, "usage: explore %s\n", synopsis)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func runList(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, "list [-json]")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) > 0 {
		return ExitUsage, Usagef("list takes no arguments, got %q", pos)
	}
	type variantOut struct {
		Name     string         `json:"name"`
		Doc      string         `json:"doc"`
		Violates []string       `json:"violates,omitempty"`
		Params   map[string]int `json:"params"`
	}
	type sysOut struct {
		Name       string         `json:"name"`
		Doc        string         `json:"doc"`
		Params     []Param        `json:"params"`
		Variants   []variantOut   `json:"variants"`
		Properties []PropertyInfo `json:"properties"`
		// Elsewhere are the properties judged only with other parameters,
		// each with a setting that brings it in.
		Elsewhere []otherProperty `json:"elsewhere,omitempty"`
	}
	var out []sysOut
	for _, name := range Names() {
		sys, _ := Lookup(name)
		so := sysOut{Name: name, Doc: sys.Doc(), Params: sys.Params()}
		for _, v := range sys.Variants() {
			params, err := sys.Resolve(v.Name, nil)
			if err != nil {
				return ExitUsage, err
			}
			so.Variants = append(so.Variants, variantOut{v.Name, v.Doc, v.Violates, params})
		}
		params, _ := sys.Resolve("", nil)
		props, err := sys.Properties("", params)
		if err != nil {
			return ExitUsage, err
		}
		so.Properties = props
		if so.Elsewhere, err = elsewhere(sys, props); err != nil {
			return ExitUsage, err
		}
		out = append(out, so)
	}
	if *asJSON {
		return ExitHolds, WriteJSON(stdout, out)
	}
	for _, s := range out {
		fmt.Fprintf(stdout, "%s — %s\n", s.Name, s.Doc)
		fmt.Fprintf(stdout, "  variants:\n")
		for _, v := range s.Variants {
			extra := ""
			if len(v.Violates) > 0 {
				extra = " [violates " + strings.Join(v.Violates, ", ") + "]"
			}
			fmt.Fprintf(stdout, "    %-24s %s%s\n", v.Name, v.Doc, extra)
		}
		fmt.Fprintf(stdout, "  parameters (-set name=value):\n")
		for _, p := range s.Params {
			fmt.Fprintf(stdout, "    %-12s default %-3d range %-7s %s\n", p.Name, p.Default, p.Range(), p.Doc)
		}
		fmt.Fprintf(stdout, "  properties:")
		for _, p := range s.Properties {
			fmt.Fprintf(stdout, " %s (%s)", p.Name, p.Kind)
		}
		fmt.Fprintln(stdout)
		if len(s.Elsewhere) > 0 {
			fmt.Fprintf(stdout, "  properties with other parameters:")
			for _, p := range s.Elsewhere {
				fmt.Fprintf(stdout, " %s (%s; -set %s)", p.Name, p.Kind, p.Set)
			}
			fmt.Fprintln(stdout)
		}
	}
	return ExitHolds, nil
}

// otherProperty is a property judged only with other parameters than the
// defaults; Set is one setting that brings it in.
type otherProperty struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Set  string `json:"set"`
}

// elsewhere finds the properties of sys that the default parameters leave
// out (paxos judges EventuallyLearned only without crashes, for example),
// by changing one parameter at a time to its minimum, 0 or 1.
func elsewhere(sys System, have []PropertyInfo) ([]otherProperty, error) {
	seen := map[string]bool{}
	for _, p := range have {
		seen[p.Name] = true
	}
	var out []otherProperty
	def, err := sys.Resolve("", nil)
	if err != nil {
		return nil, err
	}
	for _, p := range sys.Params() {
		for i, v := range []int{p.Min, 0, 1} {
			if v == def[p.Name] || p.check(v) != nil || (i > 0 && v == p.Min) || (i == 2 && p.Min == 1) {
				continue
			}
			params, err := sys.Resolve("", map[string]int{p.Name: v})
			if err != nil {
				continue
			}
			props, err := sys.Properties("", params)
			if err != nil {
				continue // not a valid combination
			}
			for _, q := range props {
				set := fmt.Sprintf("%s=%d", p.Name, v)
				if i := slices.IndexFunc(out, func(o otherProperty) bool { return o.Name == q.Name }); i >= 0 {
					out[i].Set += " or " + set
				} else if !seen[q.Name] {
					out = append(out, otherProperty{q.Name, q.Kind, set})
				}
			}
		}
	}
	return out, nil
}

// hintProperties rejects a -property that these parameters do not judge,
// saying which parameters would (or listing those there are).
func hintProperties(sys System, variant string, params map[string]int, names []string) error {
	if len(names) == 0 {
		return nil
	}
	have, err := sys.Properties(variant, params)
	if err != nil {
		return nil // Check reports it
	}
	var known []string
	for _, p := range have {
		known = append(known, p.Name)
	}
	for _, n := range names {
		if slices.Contains(known, n) {
			continue
		}
		other, _ := elsewhere(sys, have)
		for _, o := range other {
			if o.Name == n {
				return Usagef("property %q is not judged with these parameters: try -set %s (see list)", n, o.Set)
			}
		}
		return Usagef("unknown property %q (have %s)", n, strings.Join(known, ", "))
	}
	return nil
}

// Plural says "1 step", "2 steps".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// runFlags are the flags shared by check and simulate.
type runFlags struct {
	variant, set, props, save string
	html                      string
	all, asJSON, quiet        bool
	maxDepth, maxStates       int
	timeout                   time.Duration
	memMiB                    int
	progress                  time.Duration
	// check only
	strategy string
	workers  int
	symmetry bool
	// simulate only
	seed     uint64
	walks    int
	noShrink bool
	shard    string // "i/N" or "N" (i from JOB_COMPLETION_INDEX)
	out      string // shard result file
}

func (f *runFlags) register(fs *flag.FlagSet, simulate bool) {
	fs.StringVar(&f.shard, "shard", "", "run only shard `i/N` (N alone: i from $"+ShardIndexEnv+"): simulate's i-th block of walks, or random-dfs with seed+i; see merge")
	fs.StringVar(&f.out, "out", "", "write the result with its coverage to `FILE`, for merge (simulate, check -strategy random-dfs)")
	fs.StringVar(&f.variant, "variant", "", "variant to check (default: the system's first; see list)")
	fs.StringVar(&f.set, "set", "", "parameters, name=value[,name=value...] (see list)")
	fs.StringVar(&f.props, "property", "", "check only these properties (comma separated)")
	fs.StringVar(&f.save, "save", "", "save each counterexample under `DIR`/SYSTEM/ (for example corpora)")
	fs.StringVar(&f.html, "html", "", "write the first counterexample as a self-contained HTML report to `FILE`")
	fs.BoolVar(&f.all, "all", false, "search on after the first violation for violations of the other properties")
	fs.BoolVar(&f.asJSON, "json", false, "print the result as JSON")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress lines on stderr")
	fs.IntVar(&f.maxStates, "max-states", 0, "stop after this many distinct states (0: no limit)")
	fs.DurationVar(&f.timeout, "timeout", 0, "stop after this long (0: no limit)")
	fs.IntVar(&f.memMiB, "mem", 0, "stop when the heap exceeds this many MiB (0: no limit)")
	fs.DurationVar(&f.progress, "progress", 5*time.Second, "interval of progress lines on stderr")
	if simulate {
		fs.Uint64Var(&f.seed, "seed", 1, "seed of the first walk (walk w uses seed+w)")
		fs.IntVar(&f.walks, "walks", 1000, "number of random walks")
		fs.IntVar(&f.maxDepth, "depth", 100, "maximum states per walk")
		fs.BoolVar(&f.noShrink, "no-shrink", false, "report counterexamples unshrunk")
	} else {
		fs.StringVar(&f.strategy, "strategy", "bfs", "bfs (shortest counterexamples), dfs or random-dfs (dfs in an order drawn from -seed)")
		fs.IntVar(&f.workers, "workers", 0, "goroutines expanding states in bfs (0: GOMAXPROCS); results do not depend on it")
		fs.BoolVar(&f.symmetry, "symmetry", false, "identify states that differ by a renaming of the system's interchangeable identities (servers, acceptors...), as TLC's SYMMETRY")
		fs.Uint64Var(&f.seed, "seed", 1, "seed of random-dfs's visiting order")
		fs.IntVar(&f.maxDepth, "max-depth", 0, "do not expand states at this depth (0: no limit)")
	}
}

func runCheck(args []string, stdout, stderr io.Writer) (int, error) {
	return runExplore("check", args, stdout, stderr)
}

func runSimulate(args []string, stdout, stderr io.Writer) (int, error) {
	return runExplore("simulate", args, stdout, stderr)
}

func runExplore(cmd string, args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var f runFlags
	f.register(fs, cmd == "simulate")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, cmd+" SYSTEM [flags]")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) != 1 {
		return ExitUsage, Usagef("want exactly one SYSTEM (have %s), got %d arguments", strings.Join(Names(), ", "), len(pos))
	}
	sys, err := Lookup(pos[0])
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	variant, err := sys.Variant(f.variant)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	set, err := ParseParams(f.set)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	params, err := sys.Resolve(variant.Name, set)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	opt := checker.Options{
		MaxDepth: f.maxDepth, MaxStates: f.maxStates, Timeout: f.timeout, MemoryLimit: uint64(f.memMiB) << 20,
		StopOnViolation: !f.all, ProgressEvery: f.progress, Seed: f.seed, Walks: f.walks, NoShrink: f.noShrink,
		Workers: f.workers, Symmetry: f.symmetry,
	}
	if f.maxStates < 0 || f.maxDepth < 0 || f.memMiB < 0 || f.timeout < 0 || f.walks < 0 || f.workers < 0 {
		return ExitUsage, Usagef("bounds must not be negative")
	}
	if !f.quiet {
		opt.Progress = stderr
	}
	if f.props != "" {
		opt.Properties = strings.Split(f.props, ",")
	}
	if err := hintProperties(sys, variant.Name, params, opt.Properties); err != nil {
		return ExitUsage, err
	}
	if cmd == "simulate" {
		opt.Strategy = checker.Simulate
	} else if opt.Strategy, err = checker.ParseStrategy(f.strategy); err != nil {
		return ExitUsage, UsageError{err}
	}
	sh, err := f.applyShard(&opt)
	if err != nil {
		return ExitUsage, err
	}
	stop, release := notifyStop()
	defer release()
	opt.Stop = stop
	rep, err := sys.Check(variant.Name, params, opt)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	sh.globalWalks(rep)
	invocation := fmt.Sprintf("explore %s %s -variant %s -set %s", cmd, sys.Name(), variant.Name, strings.ReplaceAll(FormatParams(sys, params), " ", ","))
	if cmd == "simulate" {
		invocation += fmt.Sprintf(" -seed %d -walks %d -depth %d", f.seed, f.walks, f.maxDepth)
	} else if f.strategy != "bfs" {
		invocation += " -strategy " + f.strategy
	}
	// What -save asks for is decided (and re-run) first, written after the
	// report is printed: the verdict never waits on, or is lost to, a write.
	saved := map[string]string{}
	var toSave []*corpus.Entry
	attachments := map[string][]byte{}
	flaky := false
	if f.save != "" {
		for _, p := range rep.Properties {
			if p.Status != "violated" || p.Path == nil {
				continue
			}
			e := &corpus.Entry{
				System: sys.Name(), Variant: variant.Name, Params: FormatParams(sys, params), Property: p.Name,
				Expect: "violated", Strategy: rep.Strategy, Seed: p.Seed, Command: invocation + " -property " + p.Name,
				Steps: p.Path.Actions(), Loop: p.Path.Loop, LoopAction: p.Path.LoopAction,
			}
			// Re-run before saving: a counterexample that does not replay is flaky.
			if _, err := Verify(e); err != nil {
				fmt.Fprintf(stderr, "FLAKY: the counterexample for %s does not reproduce on replay, not saved: %v\n", p.Name, err)
				flaky = true
				continue
			}
			path := corpus.FileName(f.save, e)
			saved[p.Name] = path
			toSave = append(toSave, e)
			ext, data, err := sys.Attachment(variant.Name, params, p.Name, e.Steps)
			if err != nil {
				fmt.Fprintf(stderr, "explore %s: warning: rendering the attachment of %s: %v\n", cmd, path, err)
			} else if len(data) > 0 {
				att := strings.TrimSuffix(path, ".txt") + ext
				saved[p.Name+" (attachment)"] = att
				attachments[att] = data
			}
		}
	}
	if f.asJSON {
		out := struct {
			System  string            `json:"system"`
			Variant string            `json:"variant"`
			Params  map[string]int    `json:"params"`
			Saved   map[string]string `json:"saved,omitempty"`
			*Report
		}{sys.Name(), variant.Name, params, saved, rep}
		if err := WriteJSON(stdout, out); err != nil {
			return ExitUsage, err
		}
	} else {
		PrintReport(stdout, sys, variant.Name, params, rep, saved, invocation)
	}
	for _, e := range toSave {
		path := saved[e.Property]
		if err := corpus.Write(path, e); err != nil {
			fmt.Fprintf(stderr, "explore %s: warning: not saved: %v\n", cmd, err)
			continue
		}
		if att, ok := saved[e.Property+" (attachment)"]; ok {
			if err := corpus.WriteFile(att, attachments[att]); err != nil {
				fmt.Fprintf(stderr, "explore %s: warning: attachment not saved: %v\n", cmd, err)
			}
		}
	}
	if f.html != "" {
		checkHTML(stderr, f.html, sys, variant.Name, params, rep, invocation)
	}
	if f.out != "" {
		if err := writeShard(f.out, sys, variant.Name, params, &f, sh, rep); err != nil {
			fmt.Fprintf(stderr, "explore %s: warning: %v (merge will name this shard missing)\n", cmd, err)
		}
	}
	if rep.Stopped == "interrupted" {
		fmt.Fprintf(stderr, "explore %s: interrupted: the verdicts above are those reached so far\n", cmd)
		return ExitUnknown, nil
	}
	switch {
	case rep.Verdict == "violated" || flaky:
		return ExitViolated, nil
	case rep.Verdict == "unknown":
		return ExitUnknown, nil
	}
	return ExitHolds, nil
}

// notifyStop returns a channel closed at the first SIGINT or SIGTERM, for
// checker.Options.Stop; a second signal has its default effect. release
// stops listening.
func notifyStop() (<-chan struct{}, func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		select {
		case <-sigs:
			signal.Stop(sigs)
			close(stop)
		case <-done:
		}
	}()
	return stop, func() {
		signal.Stop(sigs)
		close(done)
	}
}

// VariantLabel names a variant as a run used it: a variant that sets its
// own constants (raft-spec's MCRaft is servers=2, maxTerm=2, ...) is
// labelled as changed when params give one of those another value, so a
// header never names a model whose constants were not the ones checked.
func VariantLabel(sys System, variant string, params map[string]int) string {
	v, err := sys.Variant(variant)
	if err != nil {
		return variant
	}
	var changed []string
	for _, name := range slices.Sorted(maps.Keys(v.Params)) {
		if got, ok := params[name]; ok && got != v.Params[name] {
			changed = append(changed, name)
		}
	}
	if len(changed) == 0 {
		return variant
	}
	return fmt.Sprintf("%s with %s changed by -set", variant, strings.Join(changed, ", "))
}

// PrintReport prints a report as check and simulate do: stats, one line per
// property, then each counterexample with its reproduce line (saved maps a
// property to the file its counterexample is saved to).
func PrintReport(w io.Writer, sys System, variant string, params map[string]int, rep *Report, saved map[string]string, invocation string) {
	fmt.Fprintf(w, "%s, variant %s (%s), %s\n", sys.Name(), VariantLabel(sys, variant, params), FormatParams(sys, params), rep.Strategy)
	st := rep.Stats
	scope := "complete: every reachable state within the bounds was explored"
	if rep.Strategy == "simulate" {
		scope = fmt.Sprintf("%d walks; simulation proves nothing, it only finds", st.Walks)
	} else if !rep.Complete {
		scope = "incomplete: " + rep.Stopped
	}
	fmt.Fprintf(w, "  %d distinct states, %d generated, depth %d, %.2fs, %.0f generated states/s, %.0f distinct states/s; %s\n",
		st.Distinct, st.Generated, st.Depth, st.Seconds, st.StatesPerSec, st.DistinctPerSec, scope)
	width := 0
	for _, p := range rep.Properties {
		width = max(width, len(p.Name))
	}
	for _, p := range rep.Properties {
		fmt.Fprintf(w, "  %-*s  %-10s %s\n", width, p.Name, p.Kind, p.Status)
	}
	for _, p := range rep.Properties {
		if p.Status != "violated" || p.Path == nil {
			if p.Status == "violated" {
				fmt.Fprintf(w, "\n%s violated: %s\n", p.Name, p.Detail)
			}
			continue
		}
		fmt.Fprintf(w, "\n%s violated", p.Name)
		if rep.Strategy == "simulate" {
			fmt.Fprintf(w, " (walk %d, seed %d, shrunk)", p.Walk, p.Seed)
		}
		fmt.Fprintf(w, " after %s:\n", Plural(len(p.Path.Steps)-1, "step", "steps"))
		PrintPath(w, p.Path)
		if p.Detail != "" {
			fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(p.Detail, "\n", "\n  "))
		}
		if path, ok := saved[p.Name]; ok {
			fmt.Fprintf(w, "  saved: %s\n  reproduce: %s replay %s\n", path, Program, path)
			if att, ok := saved[p.Name+" (attachment)"]; ok {
				fmt.Fprintf(w, "  attachment: %s\n", att)
			}
		} else {
			fmt.Fprintf(w, "  reproduce: %s%s -property %s\n", Program, strings.TrimPrefix(invocation, "explore"), p.Name)
		}
	}
	fmt.Fprintf(w, "verdict: %s\n", rep.Verdict)
}

func PrintPath(w io.Writer, p *PathReport) {
	for i, s := range p.Steps {
		mark := "  "
		if i == p.Loop {
			mark = "->"
		}
		fmt.Fprintf(w, "  %s %3d %s\n", mark, i, s.Action)
		if s.State != "" {
			for _, line := range strings.Split(s.State, "\n") {
				fmt.Fprintf(w, "          %s\n", line)
			}
		}
	}
	if p.Loop >= 0 {
		if p.LoopAction == "" {
			fmt.Fprintf(w, "      ... and stutters in state %d forever\n", p.Loop)
		} else {
			fmt.Fprintf(w, "      %s, back to state %d, forever\n", p.LoopAction, p.Loop)
		}
	}
}

func runReplay(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	verbose := fs.Bool("v", false, "print the replayed path with its states")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, "replay [-v] FILE...")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) == 0 {
		return ExitUsage, Usagef("replay needs at least one corpus FILE")
	}
	code := ExitHolds
	for _, file := range pos {
		e, err := corpus.ParseFile(file)
		if err != nil {
			return ExitUsage, UsageError{err}
		}
		r, err := Verify(e)
		if err != nil {
			var nr *NotReproduced
			if !errors.As(err, &nr) {
				return ExitUsage, UsageError{fmt.Errorf("%s: %w", file, err)}
			}
			fmt.Fprintf(stdout, "FAIL %s: %v\n", file, err)
			code = ExitViolated
			continue
		}
		switch {
		case e.Expect == "violated":
			fmt.Fprintf(stdout, "ok   %s: %s violated at step %d of %d\n", file, e.Property, r.At, len(e.Steps)-1)
		case r.At >= 0:
			fmt.Fprintf(stdout, "ok   %s: %s satisfied at step %d of %d\n", file, e.Property, r.At, len(e.Steps)-1)
		default:
			fmt.Fprintf(stdout, "ok   %s: %s holds along the %s\n", file, e.Property, Plural(len(e.Steps)-1, "step", "steps"))
		}
		if *verbose {
			PrintPath(stdout, r.Path)
			if r.Detail != "" {
				fmt.Fprintf(stdout, "  %s\n", strings.ReplaceAll(r.Detail, "\n", "\n  "))
			}
		}
	}
	return code, nil
}

func runShrink(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("shrink", flag.ContinueOnError)
	write := fs.Bool("w", false, "write the result back to FILE")
	out := fs.String("o", "", "write the result to `OUT`")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, "shrink FILE [-w | -o OUT]")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) != 1 {
		return ExitUsage, Usagef("shrink needs exactly one corpus FILE")
	}
	if *write && *out != "" {
		return ExitUsage, Usagef("give -w or -o, not both")
	}
	e, err := corpus.ParseFile(pos[0])
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	if e.Loop >= 0 {
		return ExitUsage, Usagef("%s is a lasso (liveness counterexample): only finite paths can be shrunk", pos[0])
	}
	if e.Expect != "violated" {
		return ExitUsage, Usagef("%s: expect: %s: only counterexamples (expect: violated) can be shrunk", pos[0], e.Expect)
	}
	sys, params, err := Resolve(e)
	if err != nil {
		return ExitUsage, UsageError{fmt.Errorf("%s: %w", pos[0], err)}
	}
	// The file must show what it claims before it is shrunk: an unknown
	// property or action, or a path that does not violate its property, is
	// bad input (exit 2), as it is for replay.
	// Steps after the violation are the first thing shrinking removes.
	from := len(e.Steps) - 1
	if r, err := Verify(e); err != nil {
		if r == nil || r.At < 0 || e.Loop >= 0 {
			return ExitUsage, UsageError{fmt.Errorf("%s: nothing to shrink: %w", pos[0], err)}
		}
		e.Steps = e.Steps[:r.At+1]
	}
	short, err := sys.Shrink(e.Variant, params, e.Property, e.Steps)
	if err != nil {
		return ExitViolated, fmt.Errorf("%s: %w", pos[0], err)
	}
	fmt.Fprintf(stderr, "shrunk %s from %d to %s\n", pos[0], from, Plural(len(short)-1, "step", "steps"))
	e.Steps = short
	if _, err := Verify(e); err != nil {
		return ExitViolated, fmt.Errorf("FLAKY: the shrunk path does not reproduce: %w", err)
	}
	dest := *out
	if *write {
		dest = pos[0]
	}
	if dest == "" {
		_, err := stdout.Write(e.Format())
		return ExitHolds, err
	}
	if err := corpus.Write(dest, e); err != nil {
		return ExitUsage, err
	}
	return ExitHolds, nil
}
