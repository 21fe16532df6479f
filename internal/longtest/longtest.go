// Package longtest gates the slowest exhaustive tests: they run when the
// environment variable DISTCHECK_LONG is set (CI's .ci/run sets it) and are
// skipped otherwise, so that the default go test ./... stays under three
// minutes on two cores. Moving a test here keeps its assertions; it only
// changes when they run.
package longtest

import (
	"os"
	"testing"
)

// Env is the environment variable that turns the long tests on.
const Env = "DISTCHECK_LONG"

// Enabled reports whether the long tests run.
func Enabled() bool { return os.Getenv(Env) != "" }

// Skip skips t unless the long tests run.
func Skip(t testing.TB) {
	t.Helper()
	if !Enabled() {
		t.Skipf("a long test: run with %s=1 (CI does)", Env)
	}
}
