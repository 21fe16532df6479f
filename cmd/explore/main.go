package main

import (
	"io"
	"os"
	"strings"

	"github.com/distcheck/distcheck/cli"
	_ "github.com/distcheck/distcheck/internal/systems" // the project's systems register themselves
)

// The project's own commands; list, check, simulate, replay, shrink and
// monitor come with the explore package.
func init() {
	cli.Program = "go run ./cmd/explore"
	cli.AddCommand(cli.Command{Name: "claims", Args: "[-markdown]", Doc: "re-derive the verdict of every seed claim from its evidence (the ledger)", Run: runClaimsCmd})
	cli.AddCommand(cli.Command{Name: "measure", Args: "NAME [-seed N] [-svg FILE]", Doc: "print a measured table (and a chart): " + strings.Join(measurementNames(), ", "), Run: runMeasure})
	cli.AddCommand(cli.Command{Name: "results", Args: "[-markdown]", Doc: "check every spec model and system variant at its default bounds and tabulate", Run: runResults})
	cli.AddCommand(cli.Command{Name: "lin", Args: "FILE [flags]", Doc: "check a client history (JSON lines) for linearizability with porcupine", Run: runLin})
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int { return cli.Main(args, stdout, stderr) }

// Short names for the explore package's CLI helpers, used by the project's commands.
const (
	exitHolds    = cli.ExitHolds
	exitViolated = cli.ExitViolated
	exitUsage    = cli.ExitUsage
	exitUnknown  = cli.ExitUnknown
)

var (
	usagef     = cli.Usagef
	parseFlags = cli.ParseFlags
	flagHelp   = cli.FlagHelp
	writeJSON  = cli.WriteJSON
)
