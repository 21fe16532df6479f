package cap

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/internal/bench"
	"github.com/distcheck/distcheck/spec"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestStateCountsEqualTLC: every Cap model of the manifest, explored
// completely (TLC ran with -continue), gives TLC's figures and verdict.
func TestStateCountsEqualTLC(t *testing.T) {
	n := spectest.EqualsTLC(t, "cap/Cap.tla", func(name string) (*checker.Model[State], bool) {
		c, ok := Models[name]
		return c.Model(), ok
	})
	assert.Equal(t, len(Models), n, "Cap models in the manifest")
}

// TestModelsMatchTheCfgFiles: each Go model has its .cfg file's constants,
// specification, invariants and properties, and the manifest records the
// same constants.
func TestModelsMatchTheCfgFiles(t *testing.T) {
	man, err := spec.Load()
	require.NoError(t, err)
	require.Len(t, ModelNames, len(Models))
	for _, name := range ModelNames {
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(name + ".cfg")
			require.NoError(t, err)
			f := spectest.ParseCfg(string(text))
			c := Models[name]
			set := func(prefix string, n int) string {
				parts := make([]string, n)
				for i := range parts {
					parts[i] = fmt.Sprintf("%s%d", prefix, i+1)
				}
				return "{" + strings.Join(parts, ", ") + "}"
			}
			want := map[string]string{"Design": `"` + c.Design.String() + `"`, "Client": set("c", c.Clients),
				"Value": set("v", c.Values), "V0": "v0", "MaxOps": fmt.Sprint(c.MaxOps),
				"MaxPartitions": fmt.Sprint(c.MaxPartitions), "None": "None"}
			assert.Equal(t, want, f.Constants)
			entry, ok := man.Find(name)
			require.True(t, ok, "not in the manifest")
			assert.Equal(t, "cap/"+name+".cfg", entry.Config)
			delete(want, "None")
			assert.Equal(t, want, entry.Constants)

			spectest.PropertiesMatch(t, c.Model(), f)
		})
	}
}

// history drives the ghost lin by hand: invocations set a client's pending
// operation, responses go through answer, as Cap.tla's actions do.
type history struct {
	c Config
	s State
}

func newHistory() *history {
	c := Config{Design: CP, Clients: 3, Values: 2, MaxOps: 3}
	return &history{c: c, s: c.Init()}
}

func (h *history) write(cl int, v uint8) *history {
	h.s.Pend[cl] = Pending{Op: OpWrite, Arg: v, Rep: 1}
	return h
}

func (h *history) read(cl int) *history {
	h.s.Pend[cl] = Pending{Op: OpRead, Arg: None, Rep: 1}
	return h
}

func (h *history) ret(cl int, x uint8) *history {
	h.c.answer(&h.s, cl, x)
	return h
}

// TestLinearizableHistories checks the ghost on histories whose verdict is
// known from the definition (Herlihy and Wing 1990), including the two
// that a check of "reads return a recent write" alone would accept or reject wrongly.
func TestLinearizableHistories(t *testing.T) {
	const ok = 0 // ret's value for a write is ignored
	for _, tc := range []struct {
		name string
		h    *history
		lin  bool
	}{
		{"read of the initial value", newHistory().read(0).ret(0, 0), true},
		{"read after a completed write sees it", newHistory().write(0, 1).ret(0, ok).read(1).ret(1, 1), true},
		{"stale read after a completed write", newHistory().write(0, 1).ret(0, ok).read(1).ret(1, 0), false},
		{"read concurrent with a write sees the old value", newHistory().write(0, 1).read(1).ret(1, 0).ret(0, ok), true},
		{"read concurrent with a write sees the new value", newHistory().write(0, 1).read(1).ret(1, 1).ret(0, ok), true},
		{"new-old inversion: a later read goes back", newHistory().write(0, 1).read(1).ret(1, 1).read(2).ret(2, 0), false},
		{"two sequential reads of a pending write", newHistory().write(0, 1).read(1).ret(1, 0).read(2).ret(2, 1), true},
		{"read of a value never written", newHistory().read(0).ret(0, 2), false},
		{"concurrent writes in either order", newHistory().write(0, 1).write(1, 2).ret(0, ok).ret(1, ok).
			read(2).ret(2, 1).read(2).ret(2, 1), true},
		{"concurrent writes seen in both orders", newHistory().write(0, 1).write(1, 2).ret(0, ok).ret(1, ok).
			read(2).ret(2, 1).read(2).ret(2, 2), false},
		{"a write completed before another is overwritten", newHistory().write(0, 1).ret(0, ok).write(1, 2).ret(1, ok).
			read(2).ret(2, 1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.lin, Linearizable(&tc.h.s))
		})
	}
}

// TestLinIndexRoundTrips: configuration numbering is a bijection on its range.
func TestLinIndexRoundTrips(t *testing.T) {
	c := Config{Clients: MaxClients, Values: MaxValues}
	for i := 0; i < linBits; i++ {
		require.Equal(t, i, c.index(c.config(i)), "configuration %d", i)
	}
}

// TestNetIsASet: messages are kept sorted and unique, so a set has one array.
func TestNetIsASet(t *testing.T) {
	a, b := Msg{Type: Update, Client: None, To: 2, Ver: Version{1, 1, 1}}, Msg{Type: SyncReq, Client: 0, To: 1, Ver: Version{0, 0, 0}}
	var s, u State
	s.add(a)
	s.add(b)
	s.add(a)
	u.add(b)
	u.add(a)
	assert.Equal(t, s, u)
	assert.Equal(t, uint8(2), s.NNet)
	s.remove(0)
	u.remove(0)
	assert.Equal(t, s, u)
	assert.Equal(t, uint8(1), s.NNet)
}

func TestValidate(t *testing.T) {
	for _, name := range ModelNames {
		assert.NoError(t, Models[name].Validate(), name)
	}
	for _, bad := range []Config{
		{Design: 7, Clients: 2, Values: 2, MaxOps: 1},
		{Clients: 0, Values: 2, MaxOps: 1},
		{Clients: 4, Values: 2, MaxOps: 1},
		{Clients: 2, Values: 3, MaxOps: 1},
		{Clients: 3, Values: 2, MaxOps: 3},
		{Clients: 2, Values: 2, MaxOps: -1},
	} {
		assert.Error(t, bad.Validate(), "%+v", bad)
	}
}

// BenchmarkMCCapCP explores the largest CAP model.
func BenchmarkMCCapCP(b *testing.B) { bench.Check(b, Models["MCCapCP"].Model(), checker.Options{}) }
