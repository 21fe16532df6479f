// Package tlc runs the TLC model checker, when a tla2tools.jar is at hand,
// and reads its figures, so the manifest's record of TLC's results can be
// re-checked. The project never needs TLC to build or pass its tests: the
// tests that use this package skip unless TLA2TOOLS_JAR names a jar.
package tlc

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// JarEnv is the environment variable naming tla2tools.jar.
const JarEnv = "TLA2TOOLS_JAR"

// Result is what TLC reported.
type Result struct {
	Version   string
	Outcome   string // success, safety, liveness, deadlock
	Property  string // the violated invariant, for safety
	Distinct  int
	Generated int
	Depth     int
	Output    string
}

var (
	reVersion = regexp.MustCompile(`(?m)^TLC2 Version .*$`)
	reStates  = regexp.MustCompile(`([\d,]+) states generated, ([\d,]+) distinct states found`)
	reDepth   = regexp.MustCompile(`depth of the complete state graph search is ([\d,]+)`)
	reInv     = regexp.MustCompile(`Error: Invariant (\w+) is violated`)
	reTemp    = regexp.MustCompile(`Error: Temporal propert(?:y (\w+) was|ies were) violated`)
)

// Run checks spec (a .tla path) with the model cfg (a .cfg path) in a
// scratch directory, with one worker so the figures are deterministic.
func Run(jar, spec, cfg string) (*Result, error) {
	dir, err := os.MkdirTemp("", "distcheck-tlc-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for _, f := range []string{spec, cfg} {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			return nil, err
		}
	}
	// -lncheck final: check liveness once, on the whole graph. By default
	// TLC also checks the partial graph every few seconds and stops at the
	// first violation, so its figures would depend on the machine's speed.
	// -continue: search on past an invariant violation, so the figures are
	// those of the whole state space, comparable with the Go twin's.
	cmd := exec.Command("java", "-XX:+UseParallelGC", "-cp", jar, "tlc2.TLC", "-workers", "1", "-lncheck", "final", "-continue",
		"-config", filepath.Base(cfg), "-metadir", filepath.Join(dir, "states"), strings.TrimSuffix(filepath.Base(spec), ".tla"))
	cmd.Dir = dir
	out, runErr := cmd.CombinedOutput()
	return Parse(string(out), runErr)
}

// Parse reads TLC's output; runErr is the process error (TLC exits non-zero
// when it finds a violation).
func Parse(out string, runErr error) (*Result, error) {
	r := &Result{Output: out, Version: reVersion.FindString(out)}
	// Violations first: with -continue TLC reports them and still ends with
	// "No error has been found".
	switch {
	case reInv.MatchString(out):
		r.Outcome, r.Property = "safety", reInv.FindStringSubmatch(out)[1]
	case reTemp.MatchString(out):
		r.Outcome, r.Property = "liveness", reTemp.FindStringSubmatch(out)[1]
	case strings.Contains(out, "Deadlock reached"):
		r.Outcome = "deadlock"
	case strings.Contains(out, "Model checking completed. No error has been found."):
		r.Outcome = "success"
	default:
		return r, fmt.Errorf("tlc: no result in output (process: %v):\n%s", runErr, tail(out))
	}
	ms := reStates.FindAllStringSubmatch(out, -1)
	if len(ms) == 0 {
		return r, fmt.Errorf("tlc: no state counts in output:\n%s", tail(out))
	}
	last := ms[len(ms)-1] // progress lines come first; the final figures last
	var err error
	if r.Generated, err = atoi(last[1]); err != nil {
		return r, err
	}
	if r.Distinct, err = atoi(last[2]); err != nil {
		return r, err
	}
	if d := reDepth.FindStringSubmatch(out); d != nil {
		if r.Depth, err = atoi(d[1]); err != nil {
			return r, err
		}
	}
	return r, nil
}

// atoi reads a figure with thousands separators; one that does not fit an
// int is an error, not a silent zero.
func atoi(s string) (int, error) {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return 0, fmt.Errorf("tlc: figure %q is not a count: %w", s, err)
	}
	return n, nil
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}
