package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckWithWorkersAndSymmetry: -symmetry gives TLC's SYMMETRY count
// (spec/manifest.json, MCRaftSym), and -workers does not change results.
func TestCheckWithWorkersAndSymmetry(t *testing.T) {
	var first map[string]any
	for _, w := range []string{"1", "2"} {
		code, out, errs := runCLI("check", "raft-spec", "-variant", "MCRaftElection", "-symmetry", "-workers", w, "-json", "-quiet")
		require.Equal(t, exitHolds, code, errs)
		var rep map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		st := rep["stats"].(map[string]any)
		assert.Equal(t, 405.0, st["distinct"], "TLC's figure for MCRaftSym")
		assert.Contains(t, st, "distinct_per_sec")
		assert.Contains(t, st, "generated_per_sec")
		delete(rep, "stats")
		if first == nil {
			first = rep
		} else {
			assert.Equal(t, first, rep, "same report with %s workers", w)
		}
	}
}

// TestCheckImplementationsWithSymmetry: the implementation models that
// declare a symmetry take -symmetry from the command line and count
// orbits: raft's servers (4,603 states, 800 orbits), paxos's acceptors.
func TestCheckImplementationsWithSymmetry(t *testing.T) {
	for _, c := range []struct {
		args     []string
		distinct float64
	}{
		{[]string{"raft", "-set", "servers=3,maxTerm=1,maxLogLen=0"}, 800},
		{[]string{"paxos", "-set", "proposers=1,acceptors=3,maxBallot=0,crashes=0", "-property", "Conformance,LearnersAgree"}, 44},
	} {
		code, out, errs := runCLI(append(append([]string{"check"}, c.args...), "-symmetry", "-json", "-quiet")...)
		require.Equal(t, exitHolds, code, errs)
		var rep map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		assert.Equal(t, c.distinct, rep["stats"].(map[string]any)["distinct"], "%v", c.args)
	}
	code, _, errs := runCLI("check", "kv", "-symmetry", "-quiet")
	assert.NotEqual(t, exitHolds, code)
	assert.Contains(t, errs, "declares no symmetry")
}
