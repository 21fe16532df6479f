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
