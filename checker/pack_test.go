package checker_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/proptest"
	"github.com/distcheck/distcheck/spec/raft"
)

// TestPackedFrontierChangesNothing: a packing model gives the same counts,
// verdicts and counterexample paths as the same model keeping whole
// states, for every strategy, with and without symmetry and workers.
func TestPackedFrontierChangesNothing(t *testing.T) {
	broken := func() *checker.Model[raft.State] {
		m := raft.Models["MCRaftElection"].Model()
		m.Properties = append(m.Properties, checker.Property[raft.State]{Name: "NoSecondTerm", Kind: checker.Always,
			Holds: func(s raft.State) bool { return s.CurrentTerm[1] < 2 }})
		return m
	}
	for _, tc := range []struct {
		name string
		m    *checker.Model[raft.State]
		opt  checker.Options
	}{
		{"bfs", raft.Models["MCRaftElection"].Model(), checker.Options{}},
		{"bfs 2 workers symmetry", raft.Models["MCRaftElection"].Model(), checker.Options{Workers: 2, Symmetry: true}},
		{"bfs violation", broken(), checker.Options{StopOnViolation: true}},
		{"dfs", raft.Models["MCRaftElection"].Model(), checker.Options{Strategy: checker.DFS}},
		{"random-dfs violation", broken(), checker.Options{Strategy: checker.RandomDFS, Seed: 7, StopOnViolation: true}},
		{"max depth", raft.Models["MCRaftElection"].Model(), checker.Options{MaxDepth: 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			packed := proptest.PackedEqualsWhole(t, tc.m, tc.opt)
			assert.NotZero(t, packed.Stats.Distinct)
		})
	}
}

// TestBrokenPackIsAnError: a codec that loses part of the state is caught
// before the search, with the state it failed on named.
func TestBrokenPackIsAnError(t *testing.T) {
	m := raft.Models["MCRaftElection"].Model()
	pack := m.Pack
	m.Pack = func(s raft.State, buf []byte) []byte {
		if s.CurrentTerm[0] == 1 {
			s.CurrentTerm[0] = 0 // forgets the first server's election
		}
		return pack(s, buf)
	}
	_, err := checker.Check(m, checker.Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Unpack(Pack(s)) encodes differently")
	assert.Contains(t, err.Error(), "then Timeout")

	m = raft.Models["MCRaftElection"].Model()
	m.Unpack = nil
	_, err = checker.Check(m, checker.Options{})
	require.ErrorContains(t, err, "only one of Pack and Unpack")

	m = raft.Models["MCRaftElection"].Model()
	m.Unpack = func([]byte) raft.State { panic("no") }
	_, err = checker.Check(m, checker.Options{})
	require.ErrorContains(t, err, "Pack or Unpack of the initial state Init: panic: no")
}

// TestTable numbers values once and gives them back.
func TestTable(t *testing.T) {
	var tab checker.Table[string]
	a, b := tab.ID("a"), tab.ID("b")
	assert.NotEqual(t, a, b)
	assert.Equal(t, a, tab.ID("a"))
	assert.Equal(t, "b", tab.At(b))
	assert.Equal(t, 2, tab.Len())

	buf := tab.AppendIDs([]byte{7}, []string{"c", "a", "c"})
	vs, rest := tab.ReadIDs(buf[1:])
	assert.Equal(t, []string{"c", "a", "c"}, vs)
	assert.Empty(t, rest)
	none, rest := tab.ReadIDs(tab.AppendIDs(nil, nil))
	assert.Nil(t, none)
	assert.Empty(t, rest)
	assert.Panics(t, func() { tab.ReadIDs([]byte{5, 0}) }, "more values than bytes")
	assert.Panics(t, func() { tab.ReadIDs([]byte{0x80}) }, "a truncated varint")
}
