package kvsim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrintRuns(t *testing.T) {
	for _, d := range []Design{CP, LocalReads, AP} {
		rep, err := Run(Defaults(d))
		require.NoError(t, err)
		t.Logf("%s: ops=%d answered=%d unanswered=%d reads=%+v writes=%+v", d, len(rep.Ops), rep.Answered, rep.Unanswered, rep.Reads, rep.Writes)
		c := Defaults(d)
		c.Partition.Start, c.Partition.End, c.Partition.Side = 80, 180, []bool{true, false, false}
		rep, err = Run(c)
		require.NoError(t, err)
		t.Logf("%s partitioned: ops=%d answered=%d unanswered=%d cut=%+v", d, len(rep.Ops), rep.Answered, rep.Unanswered, rep.Cut)
		assert.NotZero(t, rep.Answered)
	}
}
