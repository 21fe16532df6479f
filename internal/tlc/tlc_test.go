package tlc

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/internal/longtest"
	"github.com/distcheck/distcheck/spec"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestManifestMatchesTLC re-runs TLC on every model of spec/manifest.json
// and compares its result and figures with the record. It runs only where
// TLA2TOOLS_JAR names a tla2tools.jar (TLC is not needed to build or test).
func TestManifestMatchesTLC(t *testing.T) {
	jar := os.Getenv(JarEnv)
	if jar == "" {
		t.Skipf("set %s to a tla2tools.jar to re-check the manifest with TLC", JarEnv)
	}
	man, err := spec.Load()
	require.NoError(t, err)
	for _, m := range man.Models {
		t.Run(m.Name, func(t *testing.T) {
			if m.Generated > spectest.LongGenerated {
				// MCRaft3Sym: 7 min 51 s of TLC with two workers, and Run
				// gives it one: use -timeout 60m.
				longtest.Skip(t)
			}
			root := filepath.Join("..", "..", "spec")
			r, err := Run(jar, filepath.Join(root, m.Spec), filepath.Join(root, m.Config))
			require.NoError(t, err)
			t.Logf("%s: %s, %d distinct, %d generated, depth %d", r.Version, r.Outcome, r.Distinct, r.Generated, r.Depth)
			assert.Equal(t, m.Expect, r.Outcome)
			assert.Equal(t, m.Property, r.Property)
			assert.Equal(t, m.Distinct, r.Distinct, "distinct")
			assert.Equal(t, m.Generated, r.Generated, "generated")
			assert.Equal(t, m.Depth, r.Depth, "depth")
		})
	}
}

func TestParse(t *testing.T) {
	ok := "TLC2 Version 2.19 of 08 August 2024 (rev: 5a47802)\n" +
		"Progress(9) at 2026: 128,697 states generated (128,697 s/min), 31,123 distinct states found\n" +
		"Model checking completed. No error has been found.\n" +
		"1254387 states generated, 87023 distinct states found, 0 states left on queue.\n" +
		"The depth of the complete state graph search is 26.\n"
	r, err := Parse(ok, nil)
	require.NoError(t, err)
	assert.Equal(t, "success", r.Outcome)
	assert.Equal(t, 87023, r.Distinct)
	assert.Equal(t, 1254387, r.Generated)
	assert.Equal(t, 26, r.Depth)
	assert.Contains(t, r.Version, "2.19")

	bad := "Error: Invariant Agreement is violated.\n12 states generated, 10 distinct states found, 3 states left on queue.\n"
	r, err = Parse(bad, nil)
	require.NoError(t, err)
	assert.Equal(t, "safety", r.Outcome)
	assert.Equal(t, "Agreement", r.Property)

	live := "Error: Temporal property EventuallyChosen was violated.\n51077 states generated, 18641 distinct states found, 0 states left on queue.\n"
	r, err = Parse(live, nil)
	require.NoError(t, err)
	assert.Equal(t, "liveness", r.Outcome)
	assert.Equal(t, "EventuallyChosen", r.Property)

	_, err = Parse("Exception in thread main", nil)
	assert.ErrorContains(t, err, "no result")

	// A figure too large for an int is an error, not a zero.
	_, err = Parse("Error: Deadlock reached.\n99999999999999999999 states generated, 1 distinct states found\n", nil)
	assert.ErrorContains(t, err, `figure "99999999999999999999" is not a count`)
	_, err = Parse("Error: Deadlock reached.\n1 states generated, 1 distinct states found\ndepth of the complete state graph search is ,\n", nil)
	assert.ErrorContains(t, err, `figure "," is not a count`)
}
