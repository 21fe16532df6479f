package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
)

// runMonitor prints the seed's SystemMonitor figures (claim C18) for
// simulated runs of a system: nodes active and failed, connectivity,
// diameter, messages, and the alerts the seed's thresholds raise.
func runMonitor(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("monitor", flag.ContinueOnError)
	variant := fs.String("variant", "", "variant (default: the system's first)")
	set := fs.String("set", "", "parameters, name=value[,name=value...]")
	seed := fs.Uint64("seed", 1, "seed of the first walk (walk w uses seed+w)")
	walks := fs.Int("walks", 200, "random walks")
	depth := fs.Int("depth", 60, "states per walk")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, "monitor SYSTEM [flags]")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) != 1 {
		return ExitUsage, Usagef("want exactly one SYSTEM, got %d arguments", len(pos))
	}
	if *walks < 1 || *depth < 1 {
		return ExitUsage, Usagef("-walks and -depth must be positive")
	}
	sys, err := Lookup(pos[0])
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	v, err := sys.Variant(*variant)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	sp, err := ParseParams(*set)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	params, err := sys.Resolve(v.Name, sp)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	rep, err := sys.Monitor(v.Name, params, *seed, *walks, *depth)
	if err != nil {
		return ExitUsage, UsageError{err}
	}
	if *asJSON {
		return ExitHolds, WriteJSON(stdout, rep)
	}
	fmt.Fprintf(stdout, "%s, variant %s (%s): %d walks, %d states (seed %d)\n", sys.Name(), VariantLabel(sys, v.Name, params), FormatParams(sys, params), rep.Walks, rep.States, *seed)
	fmt.Fprintf(stdout, "  %-20s %8s %8s %8s %8s\n", "metric", "current", "mean", "min", "max")
	names := make([]string, 0, len(rep.Metrics))
	for k := range rep.Metrics {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		s := rep.Metrics[k]
		fmt.Fprintf(stdout, "  %-20s %8.2f %8.2f %8.2f %8.2f\n", k, s.Current, s.Mean, s.Min, s.Max)
	}
	alerts := make([]string, 0, len(rep.Alerts))
	for k := range rep.Alerts {
		alerts = append(alerts, k)
	}
	sort.Strings(alerts)
	if len(alerts) == 0 {
		fmt.Fprintln(stdout, "  alerts: none")
	}
	for _, a := range alerts {
		fmt.Fprintf(stdout, "  alert: %s in %d of %d states\n", a, rep.Alerts[a], rep.States)
	}
	return ExitHolds, nil
}
