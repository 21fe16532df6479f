package tlatrace_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/raft/raftmodel"
	"github.com/distcheck/distcheck/tlatrace"
)

func TestTmpRaft(t *testing.T) {
	jar := os.Getenv("TLA2TOOLS_JAR")
	if jar == "" {
		t.Skip()
	}
	c := &raftmodel.Config{Servers: 3, Values: 1, MaxTerm: 2, MaxLogLen: 2,
		Env: actor.Env{MaxCrashes: 1, MaxDrops: 1, MaxDuplicates: 1, MaxInFlight: 4}}
	m, err := c.Model()
	require.NoError(t, err)
	p := tlatrace.Walk(m, 1, 40)
	spec := c.Spec()
	tr := tlatrace.FromPath(spec.TLASpec(), p, c.Abstract, spec.TLAState)
	dir := "/tmp/tt"
	path, err := tr.Write(dir, tlatrace.Options{})
	require.NoError(t, err)
	v, err := tlatrace.RunTLC(jar, path)
	t.Log(filepath.Base(path), v.Accepted, v.RejectedAt, v.Label)
	require.NoError(t, err, v.Output)
}
