package spec_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/spec"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestSymmetricModelsAreTheirTwinsWithSymmetry: every manifest model that
// declares symmetry has the .cfg of its twin (same constants, specification
// and properties) plus SYMMETRY Perms, and the same constants recorded.
func TestSymmetricModelsAreTheirTwinsWithSymmetry(t *testing.T) {
	man, err := spec.Load()
	require.NoError(t, err)
	n := 0
	for _, m := range man.Models {
		if !m.Symmetry {
			assert.Empty(t, m.Twin, "%s: a twin only for symmetric models", m.Name)
			continue
		}
		n++
		t.Run(m.Name, func(t *testing.T) {
			twin, ok := man.Find(m.Twin)
			require.True(t, ok, "twin %q not in the manifest", m.Twin)
			read := func(path string) spectest.Cfg {
				data, err := os.ReadFile(filepath.FromSlash(path))
				require.NoError(t, err)
				return spectest.ParseCfg(string(data))
			}
			sym, base := read(m.Config), read(twin.Config)
			assert.Equal(t, "Perms", sym.Symmetry)
			assert.Empty(t, base.Symmetry)
			sym.Symmetry = ""
			assert.Equal(t, base, sym, "the same model but for SYMMETRY")
			assert.Equal(t, twin.Constants, m.Constants)
			assert.Equal(t, twin.Spec, m.Spec)
		})
	}
	assert.Equal(t, 5, n, "symmetric models")
}
