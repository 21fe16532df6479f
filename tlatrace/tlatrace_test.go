package tlatrace_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/raft/raftmodel"
	"github.com/distcheck/distcheck/spec/raft"
	"github.com/distcheck/distcheck/tlatrace"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestValueStringAndParse(t *testing.T) {
	tv := tlatrace.Int
	cases := []struct {
		v    tlatrace.Value
		text string
	}{
		{tv(-3), "-3"},
		{tlatrace.Bool(true), "TRUE"},
		{tlatrace.Str(`say "hi"`), `"say \"hi\""`},
		{tlatrace.Model("s1"), "s1"},
		{tlatrace.Set(tv(10), tv(2), tv(2)), "{2, 10}"},
		{tlatrace.Seq(), "<<>>"},
		{tlatrace.Seq(tv(1), tlatrace.Seq(tv(2))), "<<1, <<2>>>>"},
		{tlatrace.Rec(tlatrace.Field{Name: "type", Value: tlatrace.Str("RV")}, tlatrace.Field{Name: "bal", Value: tv(0)}), `[type |-> "RV", bal |-> 0]`},
		{tlatrace.Fn([]tlatrace.Value{tlatrace.Model("b"), tlatrace.Model("a")}, []tlatrace.Value{tv(1), tv(2)}), "(a :> 2 @@ b :> 1)"},
		{tlatrace.Fn([]tlatrace.Value{tv(0), tv(1)}, []tlatrace.Value{tv(-1), tv(5)}), "(0 :> -1 @@ 1 :> 5)"},
	}
	for _, c := range cases {
		assert.Equal(t, c.text, c.v.String())
		back, err := tlatrace.ParseValue(c.text)
		if assert.NoError(t, err, c.text) {
			assert.True(t, tlatrace.Equal(c.v, back), "%s read back as %s", c.text, back)
		}
	}
	// TLC's own forms: a function over 1..n is a sequence, an interval a
	// set, a record equals the same function however its fields are
	// ordered, and values may span lines.
	for _, c := range [][2]string{
		{"(1 :> 5 @@ 2 :> 6)", "<<5, 6>>"},
		{"1..3", "{3, 2, 1}"},
		{"[b |-> 1, a |-> 2]", "[a |-> 2, b |-> 1]"},
		{"( c1 :> [op |-> \"none\"] @@\n  c2 :> [op |-> \"read\"] )", `(c2 :> [op |-> "read"] @@ c1 :> [op |-> "none"])`},
	} {
		a, err := tlatrace.ParseValue(c[0])
		require.NoError(t, err, c[0])
		b, err := tlatrace.ParseValue(c[1])
		require.NoError(t, err, c[1])
		assert.True(t, tlatrace.Equal(a, b), "%s and %s", c[0], c[1])
	}
	for _, bad := range []string{"", "{1,", "<<1 2>>", "[a |-> ]", "(a :> 1 @@)", `"open`, "1 2", "[1 |-> 2]"} {
		_, err := tlatrace.ParseValue(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"<<1, {a, b}>>", `[x |-> "s", y |-> (1 :> TRUE)]`, "1..4", "{}", "-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := tlatrace.ParseValue(s)
		if err != nil {
			return
		}
		back, err := tlatrace.ParseValue(v.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, v.String(), err)
		}
		if !tlatrace.Equal(v, back) {
			t.Fatalf("%q printed as %q reads back as %q", s, v.String(), back.String())
		}
	})
}

// raftPath is a short path of the Raft implementation with a crash: an
// election, a vote, a crash of the voter.
func raftPath(t *testing.T) (*raftmodel.Config, *checker.Path[raftmodel.System]) {
	c := &raftmodel.Config{Servers: 2, Values: 1, MaxTerm: 2, MaxLogLen: 1, Env: actor.Env{Persistent: true, MaxCrashes: 1}}
	m, err := c.Model()
	require.NoError(t, err)
	return c, tlatrace.Walk(m, 3, 8)
}

// The module and .cfg of a short Raft trace, against golden files (go
// test -update rewrites them), and the trace read back equals the states.
func TestModuleGoldenAndRoundTrip(t *testing.T) {
	c, p := raftPath(t)
	sc := c.Spec()
	tr := tlatrace.FromPath(sc.TLASpec(), p, c.Abstract, sc.TLAState)
	for _, obs := range [][]string{nil, {"currentTerm", "role", "log"}} {
		name := "RaftTrace"
		if obs != nil {
			name = "RaftTracePartial"
		}
		tla, cfg, err := tr.Module(tlatrace.Options{Name: name, Observe: obs})
		require.NoError(t, err)
		for file, got := range map[string]string{name + ".tla": tla, name + ".cfg": cfg} {
			golden := filepath.Join("testdata", "golden", file)
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), got, "%s differs (go test -update rewrites it)", golden)
		}
		back, err := tlatrace.ReadTrace(tla)
		require.NoError(t, err)
		require.Len(t, back, len(p.Steps))
		for k, s := range back {
			assert.Equal(t, p.Steps[k].Action, s.Label)
			want := sc.TLAState(c.Abstract(p.Steps[k].State))
			if obs == nil {
				assert.Len(t, s.Vars, len(want))
			} else {
				assert.Len(t, s.Vars, len(obs))
			}
			for v, val := range s.Vars {
				assert.True(t, tlatrace.Equal(want[v], val), "state %d %s: %s, want %s", k+1, v, val, want[v])
			}
		}
	}
}

// Rendering and matching are one mechanism: an exported twin path read
// back by Match (as TLC's output would be) gives the same twin states.
func TestExportThenMatch(t *testing.T) {
	c := raft.Models["MCRaft"]
	m := c.Model()
	p := tlatrace.Walk(m, 11, 25)
	same := func(s raft.State) raft.State { return s }
	tr := tlatrace.FromPath(c.TLASpec(), p, same, c.TLAState)
	tla, _, err := tr.Module(tlatrace.Options{})
	require.NoError(t, err)
	states, err := tlatrace.ReadTrace(tla)
	require.NoError(t, err)
	got, err := tlatrace.Match(m, c.TLAState, &tlatrace.TLCTrace{States: states, Loop: -1}, tlatrace.MatchOptions{})
	require.NoError(t, err)
	require.Len(t, got.Steps, len(p.Steps))
	for k := range got.Steps {
		assert.Equal(t, m.StateFingerprint(p.Steps[k].State), m.StateFingerprint(got.Steps[k].State), "state %d", k+1)
	}
}

func TestModuleRejectsBadOptions(t *testing.T) {
	c, p := raftPath(t)
	sc := c.Spec()
	tr := tlatrace.FromPath(sc.TLASpec(), p, c.Abstract, sc.TLAState)
	_, _, err := tr.Module(tlatrace.Options{Observe: []string{"term"}})
	assert.ErrorContains(t, err, `"term" is not a variable of Raft`)
	_, _, err = tr.Module(tlatrace.Options{Name: "not a name"})
	assert.ErrorContains(t, err, "not an identifier")
	_, _, err = (&tlatrace.Trace{Spec: sc.TLASpec()}).Module(tlatrace.Options{})
	assert.ErrorContains(t, err, "no states")
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "RaftTrace.tla"), 0o755))
	_, err = tr.Write(dir, tlatrace.Options{})
	assert.ErrorContains(t, err, "not a regular file")
}

// TLC's real outputs on trace modules (testdata/tlc, from TLC runs on the
// Quorum spec): accepted, rejected at state 3, and a batch of three
// traces whose second is rejected.
func TestParseVerdicts(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join("testdata", "tlc", name))
		require.NoError(t, err)
		return string(data)
	}
	v, err := tlatrace.ParseVerdict(read("trace-accepted.out"))
	require.NoError(t, err)
	assert.True(t, v.Accepted)
	assert.Equal(t, 4, v.Distinct)
	assert.True(t, strings.HasPrefix(v.Version, "TLC2 Version"))

	v, err = tlatrace.ParseVerdict(read("trace-rejected.out"))
	require.NoError(t, err)
	assert.False(t, v.Accepted)
	assert.Equal(t, 3, v.RejectedAt)
	assert.Equal(t, "Crash(n2)", v.Label)

	vs, err := tlatrace.ParseBatchVerdicts(read("batch-one-rejected.out"), 3)
	require.NoError(t, err)
	require.Len(t, vs, 3)
	assert.True(t, vs[0].Accepted)
	assert.False(t, vs[1].Accepted)
	assert.Equal(t, 3, vs[1].RejectedAt)
	assert.True(t, vs[2].Accepted)

	_, err = tlatrace.ParseVerdict("Error: Parsing or semantic analysis failed.")
	assert.ErrorContains(t, err, "no verdict")
	_, err = tlatrace.ParseBatchVerdicts(read("trace-rejected.out"), 1)
	assert.Error(t, err, "a postcondition failure is no batch verdict")
}
