package raft

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func three() []*Node {
	members := []NodeID{0, 1, 2}
	var ns []*Node
	for _, id := range members {
		ns = append(ns, NewNode(Config{ID: id, Members: members}, Fresh()))
	}
	return ns
}

// deliver runs messages to quiescence in FIFO order (a reliable network).
func deliver(ns []*Node, msgs []Message) {
	for len(msgs) > 0 {
		m := msgs[0]
		msgs = msgs[1:]
		rd, err := ns[m.To].Step(m)
		if err != nil {
			panic(err)
		}
		msgs = append(msgs, rd.Messages...)
	}
}

func heartbeat(ns []*Node, leader NodeID) {
	for _, t := range ns[leader].Timers() {
		rd, _ := ns[leader].Timeout(t)
		deliver(ns, rd.Messages)
	}
}

func TestElectReplicateCommit(t *testing.T) {
	ns := three()
	rd, err := ns[0].Timeout(ElectionTimer)
	require.NoError(t, err)
	require.NotNil(t, rd.Persist, "term and vote are persisted before the votes are requested")
	assert.Equal(t, Durable{Term: 1, Vote: 0}, *rd.Persist)
	deliver(ns, rd.Messages)
	require.Equal(t, Leader, ns[0].Role())

	_, err = ns[1].Propose("x")
	assert.Equal(t, ErrNotLeader{Leader: None}, err, "a follower that has not heard from the leader knows none")
	rd, err = ns[0].Propose("x")
	require.NoError(t, err)
	assert.Empty(t, rd.Messages, "replication waits for the heartbeat timers")
	heartbeat(ns, 0)
	assert.Equal(t, uint64(1), ns[0].Commit())
	heartbeat(ns, 0) // followers learn the commit index
	for _, n := range ns {
		assert.Equal(t, []Entry{{Term: 1, Data: "x"}}, n.Log())
		assert.Equal(t, uint64(1), n.Commit())
	}
	var nl ErrNotLeader
	_, err = ns[2].Propose("y")
	require.True(t, errors.As(err, &nl))
	assert.Equal(t, NodeID(0), nl.Leader)
}

func TestSingleMemberCommitsAlone(t *testing.T) {
	n := NewNode(Config{ID: 0, Members: []NodeID{0}}, Fresh())
	_, err := n.Timeout(ElectionTimer)
	require.NoError(t, err)
	require.Equal(t, Leader, n.Role())
	rd, err := n.Propose("v")
	require.NoError(t, err)
	assert.Equal(t, []Entry{{Term: 1, Data: "v"}}, rd.Committed)
}

func TestRestartKeepsOnlyDurableState(t *testing.T) {
	ns := three()
	rd, _ := ns[0].Timeout(ElectionTimer)
	deliver(ns, rd.Messages)
	ns[0].Propose("x")
	heartbeat(ns, 0)
	r := NewNode(Config{ID: 1, Members: []NodeID{0, 1, 2}}, ns[1].Durable())
	assert.Equal(t, Follower, r.Role())
	assert.Equal(t, uint64(1), r.Term())
	assert.Equal(t, NodeID(0), r.Vote())
	assert.Equal(t, uint64(0), r.Commit(), "commitment is volatile")
	assert.Len(t, r.Log(), 1)
}

func TestUnknownPeerIsAnError(t *testing.T) {
	n := three()[0]
	_, err := n.Step(Message{Type: MsgVote, From: 7, To: 0, Term: 1})
	assert.ErrorIs(t, err, ErrUnknownPeer)
}

func TestClockFiresRandomizedElectionTimeouts(t *testing.T) {
	n := three()[0]
	c := &Clock{ElectionTicks: 10, HeartbeatTicks: 2, Rand: rand.New(rand.NewPCG(1, 2))}
	ticks := 0
	for len(c.Tick(n)) == 0 {
		ticks++
		require.Less(t, ticks, 20, "the timeout is drawn from [10, 20)")
	}
	assert.GreaterOrEqual(t, ticks, 9)
}

func Example() {
	members := []NodeID{0, 1, 2}
	ns := []*Node{}
	for _, id := range members {
		ns = append(ns, NewNode(Config{ID: id, Members: members}, Fresh()))
	}
	rd, _ := ns[0].Timeout(ElectionTimer) // n1's election timer fires
	for _, m := range rd.Messages {
		fmt.Println(m.From, "->", m.To, m)
	}
	resp, _ := ns[1].Step(rd.Messages[0])
	fmt.Println(resp.Messages[0])
	ns[0].Step(resp.Messages[0])
	fmt.Println(ns[0].Role(), "of term", ns[0].Term())
	// Output:
	// 0 -> 1 RequestVote{term:1 lastIndex:0 lastTerm:0}
	// 0 -> 2 RequestVote{term:1 lastIndex:0 lastTerm:0}
	// RequestVoteResp{term:1 granted:true}
	// Leader of term 1
}
