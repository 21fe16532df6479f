package tlatrace_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	capspec "github.com/distcheck/distcheck/spec/cap"
	"github.com/distcheck/distcheck/spec/chord"
	"github.com/distcheck/distcheck/spec/paxos"
	"github.com/distcheck/distcheck/spec/quorum"
	"github.com/distcheck/distcheck/tlatrace"
)

// importCase is a refuted model whose TLC counterexample (TLC's own output,
// kept in testdata/tlc) must replay in the Go twin and violate the same
// property there.
type importCase struct {
	model, property string
	// check matches TLC's trace (text and JSON) onto the twin and judges
	// the property on the result, returning the path's length, its loop,
	// and the index Judge reports (-1: not violated).
	check func(t *testing.T, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (n, loop, at int)
}

func judge[T any](t *testing.T, m *checker.Model[T], render func(T) map[string]tlatrace.Value, prop string, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (int, int, int) {
	t.Helper()
	p, err := tlatrace.Match(m, render, tr, opt)
	require.NoError(t, err)
	// The path must replay by its labels alone, as a corpus file would.
	var re *checker.Path[T]
	if p.Loop >= 0 {
		re, err = checker.ReplayLasso(m, p.Actions(), p.Loop, p.LoopAction)
	} else {
		re, err = checker.Replay(m, p.Actions())
	}
	require.NoError(t, err)
	at, detail, err := checker.Judge(m, prop, re)
	require.NoError(t, err)
	t.Logf("%d steps, loop %d %q: %s at %d %s", len(p.Steps), p.Loop, p.LoopAction, prop, at, detail)
	return len(p.Steps), p.Loop, at
}

var importCases = []importCase{
	{"MCPaxosDuel", "EventuallyChosen", func(t *testing.T, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (int, int, int) {
		c := paxos.Models["MCPaxosDuel"]
		return judge(t, c.Model(), c.TLAState, "EventuallyChosen", tr, opt)
	}},
	{"MCQuorumSplit", "AtMostOneWinner", func(t *testing.T, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (int, int, int) {
		c := quorum.Models["MCQuorumSplit"]
		return judge(t, c.Model(), c.TLAState, "AtMostOneWinner", tr, opt)
	}},
	{"MCCapAP", "Linearizable", func(t *testing.T, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (int, int, int) {
		c := capspec.Models["MCCapAP"]
		return judge(t, c.Model(), c.TLAState, "Linearizable", tr, opt)
	}},
	{"MCChordTwoRings", "AtMostOneRing", func(t *testing.T, tr *tlatrace.TLCTrace, opt tlatrace.MatchOptions) (int, int, int) {
		c := chord.Models["MCChordTwoRings"]
		return judge(t, c.Model(), c.TLAState, "AtMostOneRing", tr, opt)
	}},
}

func TestImportTLCCounterexamples(t *testing.T) {
	for _, tc := range importCases {
		t.Run(tc.model, func(t *testing.T) {
			out, err := os.ReadFile(filepath.Join("testdata", "tlc", tc.model+".out"))
			require.NoError(t, err)
			text, err := tlatrace.ParseTLCOutput(string(out))
			require.NoError(t, err)
			n1, loop1, at1 := tc.check(t, text, tlatrace.MatchOptions{})
			assert.Equal(t, len(text.States), n1)
			assert.Equal(t, len(text.States)-1, at1, "the property fails at TLC's last state")

			data, err := os.ReadFile(filepath.Join("testdata", "tlc", tc.model+".json"))
			require.NoError(t, err)
			js, err := tlatrace.ParseTLCJSON(data)
			require.NoError(t, err)
			n2, loop2, at2 := tc.check(t, js, tlatrace.MatchOptions{Stutter: text.Stutter})
			assert.Equal(t, []int{n1, loop1, at1}, []int{n2, loop2, at2}, "text and JSON give the same path")
		})
	}
}

// TLC's "Back to state" lasso, from a real TLC run on testdata/tlc/Cycle.tla
// (x cycles through three values; <>(x[1] = 5) fails), in text and JSON,
// mapped onto a Go model of the same cycle.
func TestImportBackToStateLasso(t *testing.T) {
	m := &checker.Model[int]{
		Name:   "cycle",
		Init:   func(yield func(string, int) bool) { yield("Init", 0) },
		Next:   func(s int, yield func(string, int) bool) { yield(fmt.Sprintf("Next(%d)", s), (s+1)%3) },
		Encode: func(s int, e *checker.Encoder) { e.Int(s) },
	}
	render := func(s int) map[string]tlatrace.Value {
		return map[string]tlatrace.Value{"x": tlatrace.Seq(tlatrace.Int(s), tlatrace.Str("a"))}
	}
	out, err := os.ReadFile(filepath.Join("testdata", "tlc", "Cycle.out"))
	require.NoError(t, err)
	text, err := tlatrace.ParseTLCOutput(string(out))
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join("testdata", "tlc", "Cycle.json"))
	require.NoError(t, err)
	js, err := tlatrace.ParseTLCJSON(data)
	require.NoError(t, err)
	assert.Equal(t, "Never", text.Property)
	for _, tr := range []*tlatrace.TLCTrace{text, js} {
		require.Len(t, tr.States, 3)
		assert.Equal(t, 0, tr.Loop)
		assert.False(t, tr.Stutter)
		p, err := tlatrace.Match(m, render, tr, tlatrace.MatchOptions{})
		require.NoError(t, err)
		assert.Equal(t, []string{"Init", "Next(0)", "Next(1)"}, p.Actions())
		assert.Equal(t, 0, p.Loop)
		assert.Equal(t, "Next(2)", p.LoopAction)
	}
	assert.Equal(t, "Next", text.States[1].Label)
}

// The TLC output readers never panic, and what they read has states.
func FuzzParseTLCOutput(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "tlc", "*"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil && len(data) < 20000 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if tr, err := tlatrace.ParseTLCOutput(string(data)); err == nil && len(tr.States) == 0 {
			t.Fatal("a trace without states")
		}
		if tr, err := tlatrace.ParseTLCJSON(data); err == nil && len(tr.States) == 0 {
			t.Fatal("a JSON trace without states")
		}
	})
}
