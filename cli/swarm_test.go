package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
)

// walker is a random walk on the integers from 0, stepping -1, +1 or +2;
// its "low" variant claims the walk stays below 7, which some walks break.
func init() {
	cli.Register(cli.Def[int]{
		Name:   "walker",
		Doc:    "a random walk on the integers",
		Params: []cli.Param{{Name: "bound", Default: 100, Doc: "the claimed upper bound"}},
		Variants: []cli.Variant{
			{Name: "correct", Doc: "claims a bound the walks never reach"},
			{Name: "low", Doc: "claims a bound of 7", Bug: true, Params: map[string]int{"bound": 7}},
		},
		Build: func(_ string, p map[string]int) (*checker.Model[int], error) {
			bound := p["bound"]
			return &checker.Model[int]{
				Name: "walker",
				Init: func(yield func(string, int) bool) { yield("Init", 0) },
				Next: func(s int, yield func(string, int) bool) {
					_ = yield("Down", s-1) && yield("Up", s+1) && yield("Jump", s+2)
				},
				Encode: func(s int, e *checker.Encoder) { e.Int(s) },
				Properties: []checker.Property[int]{
					{Name: "Below", Kind: checker.Always, Holds: func(s int) bool { return s < bound }},
					{Name: "ReachesFive", Kind: checker.Sometimes, Holds: func(s int) bool { return s == 5 }},
				},
			}, nil
		},
	})
}

type merged struct {
	Shards     int   `json:"shards"`
	Missing    []int `json:"missing_shards"`
	Verdict    string
	Stats      cli.Stats
	Properties []cli.PropertyReport
}

func mainOK(t *testing.T, want int, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	code := cli.Main(args, &out, &errs)
	require.Equal(t, want, code, "explore %v: %s%s", args, out.String(), errs.String())
	return out.String()
}

// Shards of a simulation merge into what the whole simulation gives: the
// same distinct and generated counts, the same verdicts, and (for a bug)
// the same first counterexample, from the same walk and seed.
func TestShardsMergeIntoTheWholeSimulation(t *testing.T) {
	for _, c := range []struct {
		variant string
		code    int
	}{{"correct", cli.ExitUnknown}, {"low", cli.ExitViolated}} {
		t.Run(c.variant, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"simulate", "walker", "-variant", c.variant, "-seed", "5", "-walks", "40", "-depth", "12", "-quiet", "-all"}
			whole := filepath.Join(dir, "whole.json")
			mainOK(t, c.code, append(args, "-out", whole)...)
			var files []string
			for i := range 3 {
				f := filepath.Join(dir, fmt.Sprintf("shard-%d.json", i))
				mainOK(t, c.code, append(args, "-shard", fmt.Sprintf("%d/3", i), "-out", f)...)
				files = append(files, f)
			}
			var a, b merged
			require.NoError(t, json.Unmarshal([]byte(mainOK(t, c.code, "merge", "-json", whole)), &a))
			require.NoError(t, json.Unmarshal([]byte(mainOK(t, c.code, append([]string{"merge", "-json"}, files...)...)), &b))
			assert.Equal(t, 3, b.Shards)
			assert.Empty(t, b.Missing)
			assert.Equal(t, a.Verdict, b.Verdict)
			if c.variant == "correct" {
				// Every walk ran in both; once a run has decided every
				// property it stops, so with a bug each shard stops on
				// its own and the counts differ.
				assert.Equal(t, a.Stats.Distinct, b.Stats.Distinct)
				assert.Equal(t, a.Stats.Generated, b.Stats.Generated)
				assert.Equal(t, 40, b.Stats.Walks)
			}
			require.Len(t, b.Properties, 2)
			for k := range a.Properties {
				assert.Equal(t, a.Properties[k].Status, b.Properties[k].Status, a.Properties[k].Name)
				assert.Equal(t, a.Properties[k].Seed, b.Properties[k].Seed, a.Properties[k].Name)
				assert.Equal(t, a.Properties[k].Walk, b.Properties[k].Walk, a.Properties[k].Name)
				if a.Properties[k].Path != nil {
					assert.Equal(t, a.Properties[k].Path.Actions(), b.Properties[k].Path.Actions())
				}
			}
			if c.variant == "low" {
				assert.Equal(t, "violated", b.Properties[0].Status)
			}

			// Two of three shards: merged, with the missing one named.
			var partial merged
			require.NoError(t, json.Unmarshal([]byte(mainOK(t, c.code, "merge", "-json", files[0], files[2])), &partial))
			assert.Equal(t, []int{1}, partial.Missing)
			if c.variant == "correct" {
				assert.Equal(t, 27, partial.Stats.Walks, "40 walks in shards of 14, 13, 13, without the second")
			}
			assert.Contains(t, mainOK(t, c.code, "merge", files[0], files[2]), "MISSING shards [1]")
		})
	}
}

func TestShardIndexFromTheJobEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(cli.ShardIndexEnv, "1")
	f := filepath.Join(dir, "s.json")
	mainOK(t, cli.ExitUnknown, "simulate", "walker", "-walks", "10", "-depth", "5", "-quiet", "-shard", "4", "-out", f)
	var m merged
	require.NoError(t, json.Unmarshal([]byte(mainOK(t, cli.ExitUnknown, "merge", "-json", f)), &m))
	assert.Equal(t, []int{0, 2, 3}, m.Missing)
	assert.Equal(t, 3, m.Stats.Walks, "10 walks in 4 shards: 3, 3, 2, 2")
}

func TestShardMistakesAreUsageErrors(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	mainOK(t, cli.ExitUnknown, "simulate", "walker", "-walks", "10", "-depth", "5", "-quiet", "-shard", "0/2", "-out", a)
	mainOK(t, cli.ExitUnknown, "simulate", "walker", "-walks", "10", "-depth", "5", "-seed", "9", "-quiet", "-shard", "1/2", "-out", b)
	t.Setenv(cli.ShardIndexEnv, "")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"simulate", "walker", "-shard", "3/3"}, `-shard "3/3": want i/N`},
		{[]string{"simulate", "walker", "-shard", "x/2"}, `want i/N`},
		{[]string{"simulate", "walker", "-shard", "2"}, "no shard index: give -shard i/2 or set JOB_COMPLETION_INDEX"},
		{[]string{"simulate", "walker", "-shard", "0/20", "-walks", "10"}, "-walks 10 is fewer than the 20 shards"},
		{[]string{"merge"}, "merge needs the shard files"},
		{[]string{"merge", a, a}, "shard 0/2 given twice"},
		{[]string{"merge", a, b}, "is of another simulation"},
		{[]string{"merge", filepath.Join(dir, "nope.json")}, "no such file"},
	} {
		var out, errs bytes.Buffer
		code := cli.Main(c.args, &out, &errs)
		assert.Equal(t, cli.ExitUsage, code, "%v", c.args)
		assert.Contains(t, errs.String(), c.want, "%v", c.args)
	}
}

func TestReadShardFileRejectsOtherFiles(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{`{"format":"other"}`, `format "other"`},
		{`{"format":"distcheck-shard v1","report":{},"shard":{"index":2,"count":2}}`, "is not a shard"},
		{`{"format":"distcheck-shard v1","report":{},"shard":{"index":0,"count":1},"coverage":"AAA"}`, "coverage is not base64"},
		{`{"format":"distcheck-shard v1","colour":1}`, `unknown field "colour"`},
		{`not json`, "not a shard file"},
	} {
		_, err := cli.ReadShardFile("f.json", bytes.NewReader([]byte(c.text)))
		assert.ErrorContains(t, err, c.want, c.text)
	}
}

// A swarm of randomized depth-first searches: member i searches in the
// order drawn from seed+i; merged, the coverage is the whole space (each
// member completes) and a violation names the member that found it.
func TestRandomDFSShards(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 3 {
		f := filepath.Join(dir, fmt.Sprintf("r%d.json", i))
		mainOK(t, cli.ExitHolds, "check", "counter", "-strategy", "random-dfs", "-seed", "4", "-quiet", "-shard", fmt.Sprintf("%d/3", i), "-out", f)
		files = append(files, f)
	}
	var m merged
	require.NoError(t, json.Unmarshal([]byte(mainOK(t, cli.ExitHolds, append([]string{"merge", "-json"}, files...)...)), &m))
	assert.Equal(t, "holds", m.Verdict)
	assert.Equal(t, uint64(4), m.Stats.Distinct, "0..3")

	bad := filepath.Join(dir, "bad.json")
	mainOK(t, cli.ExitViolated, "check", "counter", "-variant", "overflow", "-strategy", "random-dfs", "-seed", "4", "-quiet", "-shard", "1/2", "-out", bad)
	out := mainOK(t, cli.ExitViolated, "merge", bad)
	assert.Contains(t, out, "AtMostLimit: found by the member with -seed 5")
	assert.Contains(t, out, "MISSING shards [0]")

	var outb, errs bytes.Buffer
	code := cli.Main([]string{"check", "counter", "-shard", "0/2"}, &outb, &errs)
	assert.Equal(t, cli.ExitUsage, code)
	assert.Contains(t, errs.String(), "-shard and -out are for simulate and check -strategy random-dfs")
}

// A header names a variant whose own constants -set changed as changed,
// and leaves it alone otherwise.
func TestVariantLabel(t *testing.T) {
	sys, err := cli.Lookup("walker")
	require.NoError(t, err)
	assert.Equal(t, "low", cli.VariantLabel(sys, "low", map[string]int{"bound": 7}))
	assert.Equal(t, "low with bound changed by -set", cli.VariantLabel(sys, "low", map[string]int{"bound": 9}))
	assert.Equal(t, "correct", cli.VariantLabel(sys, "correct", map[string]int{"bound": 9}))
	out := mainOK(t, 1, "simulate", "walker", "-variant", "low", "-set", "bound=8", "-walks", "50", "-depth", "30", "-quiet")
	assert.Contains(t, out, "walker, variant low with bound changed by -set (bound=8), simulate")
}
