// Package spectest checks a Go twin against spec/manifest.json: one
// mechanism for every spec, so "the twin equals TLC" means the same thing
// everywhere.
package spectest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/internal/longtest"
	"github.com/distcheck/distcheck/spec"
)

// LongGenerated is the most generated states a manifest model may have for
// EqualsTLC to check it in the default go test; larger ones (minutes of
// search) run with the long tests (internal/longtest).
const LongGenerated = 5_000_000

// EqualsTLC explores, for every manifest model of specFile (a path under
// spec/), the Go model that build returns for the model's name (its Twin's,
// if it has one; with symmetry reduction if it declares SYMMETRY), and
// requires TLC's figures (distinct states, generated states, depth) and
// TLC's verdict: every property holds, except the one a failing model
// names, which is violated; a liveness counterexample must replay as a
// lasso that Judge confirms, and a safety counterexample found under
// symmetry must replay as a real behaviour that Judge confirms. It returns
// the number of distinct Go models checked.
func EqualsTLC[S any](t *testing.T, specFile string, build func(name string) (*checker.Model[S], bool)) int {
	t.Helper()
	man, err := spec.Load()
	require.NoError(t, err)
	built := map[string]bool{}
	for _, entry := range man.Models {
		if entry.Spec != specFile {
			continue
		}
		name := entry.Name
		if entry.Twin != "" {
			name = entry.Twin
		}
		built[name] = true
		t.Run(entry.Name, func(t *testing.T) {
			m, ok := build(name)
			require.True(t, ok, "no Go model for %s", name)
			if entry.Generated > LongGenerated {
				longtest.Skip(t)
			}
			res, err := checker.Check(m, checker.Options{Symmetry: entry.Symmetry})
			require.NoError(t, err)
			require.True(t, res.Complete, "the whole space must be explored to compare counts")
			assert.Equal(t, uint64(entry.Distinct), res.Stats.Distinct, "distinct states")
			assert.Equal(t, uint64(entry.Generated), res.Stats.Generated, "generated states")
			assert.Equal(t, entry.Depth, res.Stats.Depth, "depth")
			for _, p := range res.Properties {
				if entry.Expect != "success" && p.Name == entry.Property {
					continue
				}
				assert.Equal(t, checker.Holds, p.Status, "%s: %s", p.Name, p.Detail)
			}
			if entry.Expect == "success" {
				return
			}
			p, ok := res.Property(entry.Property)
			require.True(t, ok, "no property %s", entry.Property)
			require.Equal(t, checker.Violated, p.Status, "TLC reports %s violated", entry.Property)
			require.NotNil(t, p.Path)
			switch entry.Expect {
			case "safety":
				require.Equal(t, checker.Always, p.Kind)
				path, err := checker.Replay(m, p.Path.Actions())
				require.NoError(t, err, "the counterexample replays as a real behaviour")
				at, _, err := checker.Judge(m, entry.Property, path)
				require.NoError(t, err)
				assert.Equal(t, len(path.Steps)-1, at, "it violates %s at its last state", entry.Property)
			case "liveness":
				require.Equal(t, checker.Eventually, p.Kind)
				path, err := checker.ReplayLasso(m, p.Path.Actions(), p.Path.Loop, p.Path.LoopAction)
				require.NoError(t, err)
				at, detail, err := checker.Judge(m, entry.Property, path)
				require.NoError(t, err)
				assert.Equal(t, len(path.Steps)-1, at, detail)
			default:
				t.Fatalf("unexpected expect %q", entry.Expect)
			}
		})
	}
	return len(built)
}
