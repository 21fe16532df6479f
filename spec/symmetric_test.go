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
			read := func(path string) spectest.Cfg {
				data, err := os.ReadFile(filepath.FromSlash(path))
				require.NoError(t, err)
				return spectest.ParseCfg(string(data))
			}
			require.NotEmpty(t, m.Twin, "a symmetric model names its Go twin")
			twin, ok := man.Find(m.Twin)
			if !ok {
				// A twin too large to pin unreduced: no .cfg of its own,
				// so the symmetric .cfg must declare the symmetry and
				// the constants recorded.
				_, err := os.Stat(filepath.Join(filepath.Dir(m.Config), m.Twin+".cfg"))
				require.True(t, os.IsNotExist(err), "%s.cfg exists but is not in the manifest", m.Twin)
				sym := read(m.Config)
				assert.Equal(t, "Perms", sym.Symmetry)
				for k, v := range sym.Constants {
					if k != v { // model values such as Nil = Nil are not recorded
						assert.Equal(t, v, m.Constants[k], "constant %s", k)
					}
				}
				assert.Len(t, m.Constants, len(sym.Constants)-1, "the constants recorded: all but Nil")
				return
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
	assert.Equal(t, 6, n, "symmetric models")
}
