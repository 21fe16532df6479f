// Package cli turns a set of registered systems into the explore
// command line: list, check, simulate, replay, shrink, report, serve and
// monitor, with
// corpus files (package corpus), JSON reports and fixed exit codes (0 every
// property holds, 1 a violation, 2 a usage or input error, 3 unknown).
//
// A system is a function from a variant name and integer parameters to a
// checker.Model, registered once with its variants (the correct protocol
// and its seeded bugs) and parameters:
//
//	func init() {
//		cli.Register(cli.Def[MyState]{
//			Name:     "mine",
//			Params:   []cli.Param{{Name: "nodes", Default: 3, Doc: "cluster size"}},
//			Variants: []cli.Variant{{Name: "correct"}, {Name: "lost-vote", Bug: true}},
//			Build:    buildMyModel,
//		})
//	}
//
//	func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
//
// Everything after registration is shared and type-erased: checking,
// simulation, saving a counterexample (re-run before it is saved, so a
// flaky one is reported instead of kept), replaying it with Verify, and
// shrinking it, rendering it as an HTML page (check -html, report: see
// package viz), and a web explorer on localhost (serve: Explorer, over the
// type-erased Stepper every system provides). A program can add commands
// of its own with AddCommand.
// The registry is process-wide, like flag's: register from init functions
// or before calling Main.
package cli
