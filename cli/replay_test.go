package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/corpus"
)

func mainCLI(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := cli.Main(args, &out, &errs)
	return code, out.String(), errs.String()
}

func writeEntry(t *testing.T, e *corpus.Entry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "e.txt")
	require.NoError(t, corpus.Write(path, e))
	return path
}

func counterEntry(variant, prop, expect string, incs int) *corpus.Entry {
	steps := []string{"Init"}
	for range incs {
		steps = append(steps, "Inc")
	}
	return &corpus.Entry{System: "counter", Variant: variant, Params: "limit=3", Property: prop, Expect: expect, Strategy: "bfs", Steps: steps, Loop: -1}
}

// TestReplayJudgesByKind: replay checks the claim the file makes against
// the kind of its property, and a counterexample must end at its violation.
func TestReplayJudgesByKind(t *testing.T) {
	cases := []struct {
		name string
		e    *corpus.Entry
		code int
		want string
	}{
		{"a violation at the last step", counterEntry("overflow", "AtMostLimit", "violated", 4), cli.ExitHolds, "AtMostLimit violated at step 4 of 4"},
		{"expect holds, but the path violates", counterEntry("overflow", "AtMostLimit", "holds", 4), cli.ExitViolated,
			"expect: holds, but the path violates AtMostLimit at step 4 of 4"},
		{"expect holds, and it does", counterEntry("overflow", "AtMostLimit", "holds", 3), cli.ExitHolds, "AtMostLimit holds along the 3 steps"},
		{"expect holds for one step", counterEntry("overflow", "AtMostLimit", "holds", 1), cli.ExitHolds, "AtMostLimit holds along the 1 step\n"},
		{"a sometimes witness", counterEntry("correct", "ReachesLimit", "holds", 3), cli.ExitHolds, "ReachesLimit satisfied at step 3 of 3"},
		{"a sometimes witness that goes on", counterEntry("overflow", "ReachesLimit", "holds", 4), cli.ExitViolated,
			"ReachesLimit is satisfied at step 3, but the path goes on to step 4"},
		{"a sometimes property marked violated", counterEntry("correct", "ReachesLimit", "violated", 2), cli.ExitUsage,
			"ReachesLimit is a sometimes property: a path cannot show it violated"},
		{"a sometimes property never reached", counterEntry("correct", "ReachesLimit", "holds", 2), cli.ExitViolated, "no state on the path satisfies ReachesLimit"},
		{"an unknown property", counterEntry("correct", "Nope", "violated", 2), cli.ExitUsage, `unknown property "Nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeEntry(t, c.e)
			code, out, errs := mainCLI("replay", path)
			assert.Equal(t, c.code, code, out+errs)
			assert.Contains(t, out+errs, c.want)
		})
	}

	// Steps after the violation are rejected; shrink takes them off.
	long := counterEntry("overflow", "AtMostLimit", "violated", 4)
	long.Steps = append(long.Steps, "Inc") // not enabled: the path does not replay
	path := writeEntry(t, long)
	code, out, _ := mainCLI("replay", path)
	assert.Equal(t, cli.ExitViolated, code)
	assert.Contains(t, out, "FAIL "+path)
}

// runaway counts to 5 whatever its limit: a path can go on after it
// violates AtMostLimit.
func init() {
	cli.Register(cli.Def[int]{
		Name:     "runaway",
		Doc:      "a counter that passes its limit and goes on",
		Params:   []cli.Param{{Name: "limit", Default: 2, Doc: "the largest allowed value"}},
		Variants: []cli.Variant{{Name: "only", Doc: "counts to 5"}},
		Build: func(_ string, p map[string]int) (*checker.Model[int], error) {
			limit := p["limit"]
			return &checker.Model[int]{
				Name: "runaway",
				Init: func(yield func(string, int) bool) { yield("Init", 0) },
				Next: func(s int, yield func(string, int) bool) {
					if s < 5 {
						yield("Inc", s+1)
					}
				},
				Encode:     func(s int, e *checker.Encoder) { e.Int(s) },
				Properties: []checker.Property[int]{{Name: "AtMostLimit", Kind: checker.Always, Holds: func(s int) bool { return s <= limit }}},
			}, nil
		},
	})
}

// TestReplayRejectsStepsAfterTheViolation, on a system whose path can go on
// after a violation.
func TestReplayRejectsStepsAfterTheViolation(t *testing.T) {
	e := &corpus.Entry{System: "runaway", Variant: "only", Params: "limit=2", Property: "AtMostLimit", Expect: "violated",
		Strategy: "bfs", Steps: []string{"Init", "Inc", "Inc", "Inc"}, Loop: -1}
	r, err := cli.Verify(e)
	require.NoError(t, err, "violated at step 3 of 3")
	assert.Equal(t, 3, r.At)

	e.Params = "limit=1" // now the violation is at step 2, and step 3 follows it
	path := writeEntry(t, e)
	code, out, errs := mainCLI("replay", path)
	assert.Equal(t, cli.ExitViolated, code, errs)
	assert.Contains(t, out, "AtMostLimit is violated at step 2, but the path goes on to step 3: a counterexample ends at its violation")

	// shrink cuts the path at its violation.
	code, _, errs = mainCLI("shrink", path, "-w")
	assert.Equal(t, cli.ExitHolds, code, errs)
	assert.Contains(t, errs, "from 3 to 2 steps")
	code, out, _ = mainCLI("replay", path)
	assert.Equal(t, cli.ExitHolds, code)
	assert.Contains(t, out, "AtMostLimit violated at step 2 of 2")
}

// TestShrinkBadInputExitsTwo: an unknown property or action, or a path that
// shows nothing, is bad input for shrink (exit 2), and nothing is written.
func TestShrinkBadInputExitsTwo(t *testing.T) {
	unknownAction := counterEntry("overflow", "AtMostLimit", "violated", 4)
	unknownAction.Steps[2] = "Dec"
	for _, c := range []struct {
		e    *corpus.Entry
		want string
	}{
		{counterEntry("overflow", "Nope", "violated", 4), `unknown property "Nope"`},
		{unknownAction, `action "Dec" is not enabled`},
		{counterEntry("overflow", "AtMostLimit", "violated", 2), "nothing to shrink: does not reproduce: AtMostLimit is not violated along the 2 steps"},
		{counterEntry("correct", "ReachesLimit", "holds", 3), "only counterexamples (expect: violated) can be shrunk"},
	} {
		path := writeEntry(t, c.e)
		before, err := os.ReadFile(path)
		require.NoError(t, err)
		code, _, errs := mainCLI("shrink", path, "-w")
		assert.Equal(t, cli.ExitUsage, code, errs)
		assert.Contains(t, errs, c.want)
		after, _ := os.ReadFile(path)
		assert.Equal(t, string(before), string(after))
	}
}

// TestSaveFailureKeepsTheVerdict: -save into a folder that cannot be made
// prints the report and verdict anyway, warns, and exits by the verdict.
func TestSaveFailureKeepsTheVerdict(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	code, out, errs := mainCLI("check", "counter", "-variant", "overflow", "-quiet", "-save", filepath.Join(file, "corpora"))
	assert.Equal(t, cli.ExitViolated, code, errs)
	assert.Contains(t, out, "AtMostLimit violated after 4 steps")
	assert.Contains(t, out, "verdict: violated")
	assert.Contains(t, errs, "warning: not saved:")
}
