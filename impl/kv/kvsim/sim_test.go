package kvsim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/impl/kv"
)

// TestLatencyWithoutFailures: with nothing failing, every operation is
// answered; a CP operation costs a majority round trip through the log
// (client -> leader, heartbeat-driven replication, ack, reply: at least 4
// one-tick hops), a local read and every AP operation one round trip (2).
func TestLatencyWithoutFailures(t *testing.T) {
	for _, c := range []struct {
		d                     Design
		minRead, minWrite     int64
		localRead, localWrite bool
	}{
		{CP, 4, 4, false, false},
		{LocalReads, 2, 4, true, false},
		{AP, 2, 2, true, true},
	} {
		t.Run(string(c.d), func(t *testing.T) {
			rep, err := Run(Defaults(c.d))
			require.NoError(t, err)
			assert.Zero(t, rep.Unanswered)
			assert.Equal(t, len(rep.Ops), rep.Answered)
			require.Positive(t, rep.Reads.Count)
			require.Positive(t, rep.Writes.Count)
			for _, op := range rep.Ops {
				min := c.minWrite
				if op.Cmd.Kind == kv.Get {
					min = c.minRead
				}
				assert.GreaterOrEqual(t, op.Return-op.Call, min, "%+v", op)
			}
			if c.localRead {
				assert.Equal(t, int64(2), rep.Reads.Max, "a local read is one round trip")
			}
			if c.localWrite {
				assert.Equal(t, int64(2), rep.Writes.Max)
			}
		})
	}
}

// TestPartitionAvailability: while n1 is cut off, CP answers nothing on
// its side and keeps answering on the majority's; AP answers on both.
func TestPartitionAvailability(t *testing.T) {
	for _, d := range []Design{CP, AP} {
		c := Defaults(d)
		c.Partition.Start, c.Partition.End, c.Partition.Side = 80, 180, []bool{true, false, false}
		rep, err := Run(c)
		require.NoError(t, err)
		cut, rest := rep.Cut[0], rep.Cut[1]
		require.Positive(t, cut.Issued, d)
		assert.Positive(t, rest.Answered, d)
		if d == CP {
			assert.Zero(t, cut.Answered, "CP answers nothing on the minority side")
		} else {
			assert.Greater(t, cut.Answered, cut.Issued/2, "AP keeps answering on the minority side")
		}
		assert.Zero(t, rep.Unanswered, "%s: after the heal every operation is answered", d)
	}
}

func TestDeterministicAndBadConfig(t *testing.T) {
	a, err := Run(Defaults(CP))
	require.NoError(t, err)
	b, err := Run(Defaults(CP))
	require.NoError(t, err)
	assert.Equal(t, a, b, "same seed, same run")
	bad := Defaults(CP)
	bad.Design = "ca"
	_, err = Run(bad)
	assert.ErrorContains(t, err, `unknown design "ca"`)
	bad = Defaults(AP)
	bad.Partition.End, bad.Partition.Side = 10, []bool{true}
	_, err = Run(bad)
	assert.ErrorContains(t, err, "the partition names 1 sides for 3 servers")
}
