package kv

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/impl/raft"
)

func TestStoreAppliesEachRequestOnce(t *testing.T) {
	var s Store
	_, fresh := s.Apply(5, 1, Command{Kind: Append, Key: "x", Value: "a"})
	assert.True(t, fresh)
	r, fresh := s.Apply(5, 1, Command{Kind: Append, Key: "x", Value: "a"}) // a retry
	assert.False(t, fresh)
	assert.Equal(t, Result{}, r)
	r, _ = s.Apply(6, 1, Command{Kind: Get, Key: "x"})
	assert.Equal(t, "a", r.Value, "the retried append applied once")
	r, fresh = s.Apply(6, 1, Command{Kind: Get, Key: "x"})
	assert.False(t, fresh)
	assert.Equal(t, "a", r.Value, "a retried read gets its first answer")
	assert.Equal(t, "", s.Get("missing"))
	assert.Equal(t, `{x="a"} n6#1 n7#1`, s.String())
}

// deliver runs messages among servers until none is left (a perfect
// network), returning what reached clients (addresses >= servers).
func deliver(t *testing.T, servers []*CPServer, out []Envelope, from int) []Msg {
	t.Helper()
	var toClients []Msg
	type fl struct {
		from int
		e    Envelope
	}
	q := []fl{}
	for _, e := range out {
		q = append(q, fl{from, e})
	}
	for len(q) > 0 {
		f := q[0]
		q = q[1:]
		if f.e.To >= len(servers) {
			toClients = append(toClients, f.e.Msg)
			continue
		}
		more, err := servers[f.e.To].Deliver(f.e.Msg)
		require.NoError(t, err)
		for _, e := range more {
			q = append(q, fl{f.e.To, e})
		}
	}
	return toClients
}

func TestCPWriteThenReadThroughTheLog(t *testing.T) {
	servers := []*CPServer{NewCPServer(CPConfig{ID: 0, Servers: 2}), NewCPServer(CPConfig{ID: 1, Servers: 2})}
	out, err := servers[0].Fire(raft.ElectionTimer.String())
	require.NoError(t, err)
	deliver(t, servers, out, 0)
	require.Equal(t, raft.Leader, servers[0].Raft().Role())

	// A follower that has not heard from the leader yet redirects to no one;
	// once it has, to the leader.
	out, err = servers[1].Deliver(Msg{Kind: MsgRequest, Client: 2, Seq: 1, Cmd: Command{Kind: Get, Key: "x"}})
	require.NoError(t, err)
	assert.Equal(t, Result{Status: NotLeader, Leader: -1}, out[0].Msg.Result)
	hb0, err := servers[0].Fire(raft.Timer{Heartbeat: true, Peer: 1}.String())
	require.NoError(t, err)
	deliver(t, servers, hb0, 0)
	out, err = servers[1].Deliver(Msg{Kind: MsgRequest, Client: 2, Seq: 1, Cmd: Command{Kind: Put, Key: "x", Value: "1"}})
	require.NoError(t, err)
	require.Len(t, out, 1)
	assert.Equal(t, Result{Status: NotLeader, Leader: 0}, out[0].Msg.Result)

	// The leader answers only once the entry is committed (replicated on heartbeats).
	out, err = servers[0].Deliver(Msg{Kind: MsgRequest, Client: 2, Seq: 1, Cmd: Command{Kind: Put, Key: "x", Value: "1"}})
	require.NoError(t, err)
	assert.Empty(t, deliver(t, servers, out, 0))
	assert.Equal(t, []string{"n3#1"}, servers[0].Waiting())
	out, err = servers[0].Deliver(Msg{Kind: MsgRequest, Client: 2, Seq: 1, Cmd: Command{Kind: Put, Key: "x", Value: "1"}})
	require.NoError(t, err)
	assert.Empty(t, out, "a retry of an entry already in the log is not proposed again")
	hb, err := servers[0].Fire(raft.Timer{Heartbeat: true, Peer: 1}.String())
	require.NoError(t, err)
	got := deliver(t, servers, hb, 0)
	require.Len(t, got, 1)
	assert.Equal(t, Msg{Kind: MsgReply, Client: 2, Seq: 1}, got[0])
	assert.Len(t, servers[0].Raft().Log(), 1)

	// A retry after the answer gets the recorded answer without a new entry.
	out, err = servers[0].Deliver(Msg{Kind: MsgRequest, Client: 2, Seq: 1, Cmd: Command{Kind: Put, Key: "x", Value: "1"}})
	require.NoError(t, err)
	require.Len(t, out, 1)
	assert.Len(t, servers[0].Raft().Log(), 1)

	// The follower learns the commit on the next heartbeat; before that, a
	// stale-read server would answer "" here.
	assert.Equal(t, "", servers[1].Store().Get("x"))
	hb, _ = servers[0].Fire(raft.Timer{Heartbeat: true, Peer: 1}.String())
	deliver(t, servers, hb, 0)
	assert.Equal(t, "1", servers[1].Store().Get("x"))

	// A restarted server rebuilds its state machine from the committed log.
	servers[1] = servers[1].Recover()
	assert.Equal(t, "", servers[1].Store().Get("x"))
	hb, _ = servers[0].Fire(raft.Timer{Heartbeat: true, Peer: 1}.String())
	deliver(t, servers, hb, 0)
	assert.Equal(t, "1", servers[1].Store().Get("x"))
}

func TestAPLastWriterWins(t *testing.T) {
	a, b := NewAPServer(0, 2), NewAPServer(1, 2)
	outA, err := a.Deliver(Msg{Kind: MsgRequest, Client: 2, Seq: 1, Cmd: Command{Kind: Put, Key: "x", Value: "a"}})
	require.NoError(t, err)
	outB, err := b.Deliver(Msg{Kind: MsgRequest, Client: 3, Seq: 1, Cmd: Command{Kind: Put, Key: "x", Value: "b"}})
	require.NoError(t, err)
	require.Len(t, outA, 2) // the reply and one sync
	assert.Equal(t, 2, outA[0].To)
	// Concurrent writes with equal counters: the higher replica id wins, on both.
	_, err = a.Deliver(outB[1].Msg)
	require.NoError(t, err)
	_, err = b.Deliver(outA[1].Msg)
	require.NoError(t, err)
	assert.Equal(t, "b", a.Get("x"))
	assert.Equal(t, a.String(), b.String())
	// A later write wins over both; anti-entropy carries it over.
	_, err = a.Deliver(Msg{Kind: MsgRequest, Client: 2, Seq: 2, Cmd: Command{Kind: Append, Key: "x", Value: "c"}})
	require.NoError(t, err)
	for _, e := range a.AntiEntropy() {
		_, err = b.Deliver(e.Msg)
		require.NoError(t, err)
	}
	assert.Equal(t, "bc", b.Get("x"))
	_, err = a.Deliver(Msg{Kind: MsgReply})
	assert.Error(t, err)
}

func TestClientRedirectRetryAndCrash(t *testing.T) {
	c := NewClient(1, 3, []Command{{Kind: Put, Key: "x", Value: "1"}, {Kind: Get, Key: "x"}})
	out, err := c.Invoke()
	require.NoError(t, err)
	require.Equal(t, 1, out[0].To, "client k starts at server k mod servers")
	_, err = c.Invoke()
	assert.Error(t, err, "one operation at a time")
	out, done := c.Deliver(Msg{Kind: MsgReply, Seq: 1, Result: Result{Status: NotLeader, Leader: 2}})
	assert.False(t, done)
	assert.Equal(t, 2, out[0].To)
	out, done = c.Deliver(Msg{Kind: MsgReply, Seq: 1, Result: Result{Status: NotLeader, Leader: -1}})
	assert.False(t, done)
	assert.Empty(t, out, "with no leader known, wait for the retry timer")
	assert.Equal(t, 0, c.Retry()[0].To)
	_, done = c.Deliver(Msg{Kind: MsgReply, Seq: 7})
	assert.False(t, done, "a reply to another request is ignored")
	_, done = c.Deliver(Msg{Kind: MsgReply, Seq: 1})
	assert.True(t, done)
	_, err = c.Invoke()
	require.NoError(t, err)
	c.Crash()
	assert.True(t, c.Abandoned())
	assert.False(t, c.CanInvoke())
}
