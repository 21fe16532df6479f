package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelpCommand: help CMD is that command's usage; help of an unknown
// command is a usage error.
func TestHelpCommand(t *testing.T) {
	for _, c := range []struct{ cmd, want string }{
		{"check", "usage: explore check SYSTEM [flags]"},
		{"simulate", "-walks"},
		{"lin", "usage: explore lin FILE"},
		{"shrink", "usage: explore shrink FILE [-w | -o OUT]"},
	} {
		code, out, _ := runCLI("help", c.cmd)
		assert.Equal(t, exitHolds, code, c.cmd)
		assert.Contains(t, out, c.want)
		assert.NotContains(t, out, "usage: explore COMMAND", "not the top-level usage")
	}
	code, _, stderr := runCLI("help", "nosuch")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `explore help: unknown command "nosuch"`)
	code, _, _ = runCLI("help", "check", "extra")
	assert.Equal(t, exitUsage, code)
	code, _, stderr = runCLI("help")
	assert.Equal(t, exitHolds, code)
	assert.Contains(t, stderr, "usage: explore COMMAND")
}

// TestListHintsAndJSON: list names the properties that other parameters
// bring in, with the setting; a -property that needs them says which; the
// JSON keys are lowercase, with each parameter's range.
func TestListHintsAndJSON(t *testing.T) {
	code, out, _ := runCLI("list")
	require.Equal(t, exitHolds, code)
	assert.Contains(t, out, "EventuallyLearned (eventually; -set acceptorCrashesOnly=1 or crashes=0)")
	assert.Contains(t, out, "range 0..1000")

	code, _, stderr := runCLI("check", "paxos", "-property", "EventuallyLearned")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `property "EventuallyLearned" is not judged with these parameters: try -set acceptorCrashesOnly=1 or crashes=0`)

	code, out, _ = runCLI("list", "-json")
	require.Equal(t, exitHolds, code)
	var systems []struct {
		Name   string
		Params []map[string]any `json:"params"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &systems))
	require.NotEmpty(t, systems)
	for _, s := range systems {
		for _, p := range s.Params {
			for k := range p {
				assert.Equal(t, strings.ToLower(k), k, "%s: JSON key %q", s.Name, k)
			}
			assert.Contains(t, p, "max")
		}
	}
	assert.Contains(t, out, `"elsewhere"`)
}

// TestOneStep: counts of one are singular.
func TestOneStep(t *testing.T) {
	code, out, _ := runCLI("check", "connectivity", "-variant", "seed-theorem", "-quiet")
	assert.Equal(t, exitViolated, code)
	assert.Contains(t, out, "StaysConnected violated after 1 step:")
}

// TestClaimsOutOfBudgetIsUnknown: a budget too short to decide the checks
// leaves claims undecided (exit 3, marked ?), not refuted (exit 1); the
// run reports its progress claim by claim.
func TestClaimsOutOfBudgetIsUnknown(t *testing.T) {
	code, out, stderr := runCLI("claims", "-budget", "1ms")
	assert.Equal(t, exitUnknown, code, stderr)
	assert.Contains(t, out, "? ")
	assert.Contains(t, stderr, "claims undecided within -budget 1ms (marked ?): raise it")
	assert.Contains(t, stderr, "claims: C1 (1 of 19")
	assert.Contains(t, stderr, "claims: C19 (19 of 19")
	code, _, stderr = runCLI("claims", "-budget", "-1s")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "-budget must not be negative")
}
