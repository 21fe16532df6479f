package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseErrorsNameTheProblem(t *testing.T) {
	good := Header + "\nsystem: raft\nproperty: P\nexpect: violated\nsteps:\n  Init\n"
	_, err := Parse("good", strings.NewReader(good))
	require.NoError(t, err)
	cases := []struct{ name, text, want string }{
		{"empty", "", "good: empty file"},
		{"no header", "system: raft\n", "good:1: first line must be"},
		{"not key value", Header + "\nhello\n", `good:2: expected 'key: value', got "hello"`},
		{"unknown key", Header + "\nsytem: raft\n", `good:2: unknown key "sytem"`},
		{"duplicate key", Header + "\nsystem: a\nsystem: b\n", `good:3: duplicate key "system"`},
		{"bad expect", Header + "\nexpect: maybe\n", `expect must be violated or holds`},
		{"bad seed", Header + "\nseed: -1\n", `seed "-1" is not an unsigned integer`},
		{"missing property", Header + "\nsystem: raft\nexpect: violated\nsteps:\n  Init\n", `missing "property"`},
		{"no steps", Header + "\nsystem: raft\nproperty: P\nexpect: violated\nsteps:\n", "no steps"},
		{"unindented step", Header + "\nsystem: raft\nproperty: P\nexpect: violated\nsteps:\nInit\n", "indented by two spaces"},
		{"loop outside", Header + "\nsystem: raft\nproperty: P\nexpect: violated\nloop: 3\nsteps:\n  Init\n", "loop 3 is outside"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("good", strings.NewReader(c.text))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestWriteIsAtomicAndRoundTrips(t *testing.T) {
	dir := t.TempDir()
	e := &Entry{System: "raft", Variant: "v", Params: "a=1", Property: "P", Expect: "violated", Strategy: "simulate", Seed: 7,
		Command: "explore simulate raft", Note: "n", Steps: []string{"Init", "Step a", "Step b"}, Loop: 1, LoopAction: "Step c"}
	path := FileName(dir, e)
	require.NoError(t, Write(path, e))
	got, err := ParseFile(path)
	require.NoError(t, err)
	assert.Equal(t, e, got)
	left, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, left, 1, "no temporary file left behind")
}
