package raft

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRenamedMovesEveryNodeID: a leader renamed by a rotation of the
// servers is the leader the renamed cluster elects, with its progress
// moved to the renamed peers; the original is untouched.
func TestRenamedMovesEveryNodeID(t *testing.T) {
	ns := three()
	rd, err := ns[0].Timeout(ElectionTimer)
	require.NoError(t, err)
	deliver(ns, rd.Messages)
	require.Equal(t, Leader, ns[0].Role())
	_, err = ns[0].Propose("x")
	require.NoError(t, err)
	heartbeat(ns, 0) // n2 and n3 now match index 1

	rot := func(id NodeID) NodeID { return (id + 1) % 3 }
	r := ns[0].Renamed(rot)
	assert.Equal(t, NodeID(1), r.ID())
	assert.Equal(t, NodeID(1), r.Vote())
	assert.Equal(t, NodeID(1), r.Leader())
	for _, p := range []NodeID{0, 1, 2} {
		next, match := ns[0].Progress(p)
		rn, rm := r.Progress(rot(p))
		assert.Equal(t, [2]uint64{next, match}, [2]uint64{rn, rm}, "peer n%d", p+1)
	}
	assert.Equal(t, NodeID(0), ns[0].ID(), "the original keeps its name")
	assert.Equal(t, NodeID(0), ns[0].Vote())

	m := Message{Type: MsgVote, From: 2, To: 0, Term: 3}.Renamed(rot)
	assert.Equal(t, [2]NodeID{0, 1}, [2]NodeID{m.From, m.To})
	assert.Equal(t, NodeID(None), Durable{Vote: None}.Renamed(rot).Vote, "no vote stays no vote")

	assert.PanicsWithValue(t, "raft: Renamed: the renaming does not permute the members", func() {
		ns[0].Renamed(func(id NodeID) NodeID { return id + 5 })
	})
}
