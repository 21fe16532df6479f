package raft

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests pin the details that a small change to node.go or clock.go
// (a comparison flipped, an assignment dropped) would break. Tried by hand
// against 24 such mutations (vote comparisons, nextIndex back-off, match
// and commit rules, timers by role, clock boundaries, timer resets): the
// older tests of this package caught 7, these catch all 24.

func members3() []NodeID { return []NodeID{0, 1, 2} }

func withLogs(terms []uint64, logs ...[]Entry) []*Node {
	var ns []*Node
	for i, l := range logs {
		ns = append(ns, NewNode(Config{ID: NodeID(i), Members: members3()}, Durable{Term: terms[i], Vote: None, Log: l}))
	}
	return ns
}

func e(term uint64, data string) Entry { return Entry{Term: term, Data: data} }

// beatOnce sends one heartbeat from the leader to peer p and delivers the
// exchange to quiescence.
func beatOnce(t *testing.T, ns []*Node, leader, p NodeID) {
	t.Helper()
	rd, err := ns[leader].Timeout(Timer{Heartbeat: true, Peer: p})
	require.NoError(t, err)
	require.Len(t, rd.Messages, 1)
	deliver(ns, rd.Messages)
}

// TestNextIndexBacksOff: a new leader with three entries repairs a follower
// whose log diverges at index 2 (one step back per rejection, since its log
// is as long as the leader's) and one whose log is short (straight to its
// hint), then the logs agree; the leader commits the old entries only with
// an entry of its own term (§5.3, §5.4.2).
func TestNextIndexBacksOff(t *testing.T) {
	leaderLog := []Entry{e(1, "a"), e(1, "b"), e(3, "c")}
	ns := withLogs([]uint64{3, 2, 1}, leaderLog, []Entry{e(1, "a"), e(2, "x"), e(2, "y")}, []Entry{e(1, "a")})
	rd, err := ns[0].Timeout(ElectionTimer)
	require.NoError(t, err)
	deliver(ns, rd.Messages)
	require.Equal(t, Leader, ns[0].Role(), "n1's log is the most up to date: both vote for it")
	require.Equal(t, uint64(4), ns[0].Term())
	for _, p := range []NodeID{1, 2} {
		next, match := ns[0].Progress(p)
		assert.Equal(t, [2]uint64{4, 0}, [2]uint64{next, match}, "a new leader's next is its last index + 1")
	}

	// n2 holds index 3 from term 2, not 3: rejected, next 4 -> 3.
	beatOnce(t, ns, 0, 1)
	next, match := ns[0].Progress(1)
	assert.Equal(t, [2]uint64{3, 0}, [2]uint64{next, match})
	// Index 2 is from term 2, not 1: rejected, next 3 -> 2.
	beatOnce(t, ns, 0, 1)
	next, match = ns[0].Progress(1)
	assert.Equal(t, [2]uint64{2, 0}, [2]uint64{next, match})
	assert.Equal(t, []Entry{e(1, "a"), e(2, "x"), e(2, "y")}, ns[1].Log(), "nothing cut yet")
	// Index 1 agrees: the conflicting suffix is replaced.
	beatOnce(t, ns, 0, 1)
	next, match = ns[0].Progress(1)
	assert.Equal(t, [2]uint64{4, 3}, [2]uint64{next, match})
	assert.Equal(t, leaderLog, ns[1].Log())

	// n3 has one entry: its hint takes next from 4 to 2 at once.
	beatOnce(t, ns, 0, 2)
	next, match = ns[0].Progress(2)
	assert.Equal(t, [2]uint64{2, 0}, [2]uint64{next, match})
	beatOnce(t, ns, 0, 2)
	next, match = ns[0].Progress(2)
	assert.Equal(t, [2]uint64{4, 3}, [2]uint64{next, match})
	assert.Equal(t, leaderLog, ns[2].Log())

	// Stored by all, but from older terms: not committed by counting.
	assert.Equal(t, uint64(0), ns[0].Commit())
	rd, err = ns[0].Propose("d")
	require.NoError(t, err)
	assert.Empty(t, rd.Committed, "one copy of four entries is no quorum")
	beatOnce(t, ns, 0, 1)
	assert.Equal(t, uint64(4), ns[0].Commit(), "an entry of the leader's term commits everything before it")
	assert.Equal(t, uint64(0), ns[2].Commit())
	beatOnce(t, ns, 0, 2)
	beatOnce(t, ns, 0, 1)
	for _, n := range ns {
		assert.Equal(t, uint64(4), n.Commit(), "n%d", n.ID()+1)
		assert.Equal(t, uint64(4), n.Applied())
	}
	// A duplicate, stale success does not move match or next back.
	ns[0].Step(Message{Type: MsgAppResp, From: 1, To: 0, Term: 4, Success: true, MatchIndex: 1})
	next, match = ns[0].Progress(1)
	assert.Equal(t, [2]uint64{5, 4}, [2]uint64{next, match})
	// A rejection never takes next below 1.
	for range 6 {
		ns[0].Step(Message{Type: MsgAppResp, From: 2, To: 0, Term: 4, RejectHint: 0})
	}
	next, _ = ns[0].Progress(2)
	assert.Equal(t, uint64(1), next)
}

// TestVoteRules: the up-to-date check compares last terms first, then
// lengths (§5.4.1); one vote per term, repeated to the same candidate;
// a stale request is refused with the newer term.
func TestVoteRules(t *testing.T) {
	cases := []struct {
		name            string
		lastIdx, lastTm uint64
		grant           bool
	}{
		{"same term, shorter log", 1, 2, false},
		{"same term, same length", 2, 2, true},
		{"same term, longer log", 3, 2, true},
		{"newer last term, shorter log", 1, 3, true},
		{"older last term, longer log", 5, 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := NewNode(Config{ID: 0, Members: members3()}, Durable{Term: 2, Vote: None, Log: []Entry{e(1, "a"), e(2, "b")}})
			rd, err := n.Step(Message{Type: MsgVote, From: 1, To: 0, Term: 3, LastLogIndex: c.lastIdx, LastLogTerm: c.lastTm})
			require.NoError(t, err)
			require.Len(t, rd.Messages, 1)
			assert.Equal(t, c.grant, rd.Messages[0].Granted)
			assert.Equal(t, uint64(3), rd.Messages[0].Term)
			assert.Equal(t, c.grant, rd.ResetElectionTimer, "only a granted vote resets the timer")
			require.NotNil(t, rd.Persist, "the new term is persisted")
			if c.grant {
				assert.Equal(t, NodeID(1), rd.Persist.Vote)
			} else {
				assert.Equal(t, None, rd.Persist.Vote)
			}
		})
	}
	n := NewNode(Config{ID: 0, Members: members3()}, Fresh())
	vote := func(from NodeID, term uint64) (bool, uint64) {
		rd, err := n.Step(Message{Type: MsgVote, From: from, To: 0, Term: term})
		require.NoError(t, err)
		return rd.Messages[0].Granted, rd.Messages[0].Term
	}
	g, _ := vote(1, 1)
	assert.True(t, g)
	g, _ = vote(2, 1)
	assert.False(t, g, "one vote per term")
	g, _ = vote(1, 1)
	assert.True(t, g, "the same candidate may ask again (a lost response)")
	g, term := vote(2, 0)
	assert.False(t, g, "a stale term is refused")
	assert.Equal(t, uint64(1), term, "with the newer term")
	g, _ = vote(2, 2)
	assert.True(t, g, "a new term frees the vote")
}

// TestTimeoutByRole: a timer that does not belong to the role does nothing
// (no new term, no messages, nothing persisted); an election timer starts
// an election from follower and from candidate; a heartbeat names a peer.
func TestTimeoutByRole(t *testing.T) {
	ns := three()
	rd, err := ns[0].Timeout(Timer{Heartbeat: true, Peer: 1})
	require.NoError(t, err)
	assert.Equal(t, Ready{}, rd, "a follower has no heartbeat timer")
	assert.Equal(t, uint64(0), ns[0].Term())

	rd, _ = ns[0].Timeout(ElectionTimer)
	assert.Equal(t, Candidate, ns[0].Role())
	assert.True(t, rd.ResetElectionTimer)
	assert.Len(t, rd.Messages, 2)
	rd, _ = ns[0].Timeout(ElectionTimer) // the election timed out: a new one
	assert.Equal(t, uint64(2), ns[0].Term())
	assert.Equal(t, Candidate, ns[0].Role())
	rd2, _ := ns[0].Timeout(Timer{Heartbeat: true, Peer: 1})
	assert.Equal(t, Ready{}, rd2, "nor has a candidate")
	deliver(ns, rd.Messages)
	require.Equal(t, Leader, ns[0].Role())
	assert.Equal(t, []Timer{{Heartbeat: true, Peer: 1}, {Heartbeat: true, Peer: 2}}, ns[0].Timers())

	rd, err = ns[0].Timeout(ElectionTimer)
	require.NoError(t, err)
	assert.Equal(t, Ready{}, rd, "a leader has no election timer")
	assert.Equal(t, Leader, ns[0].Role())
	assert.Equal(t, uint64(2), ns[0].Term())

	for _, p := range []NodeID{0, 7, None} {
		_, err = ns[0].Timeout(Timer{Heartbeat: true, Peer: p})
		assert.ErrorIs(t, err, ErrUnknownPeer, "heartbeat to %d", p)
	}
	assert.Equal(t, []Timer{ElectionTimer}, ns[1].Timers())
}

// TestStaleAndNewerTerms: an AppendEntries of an older term is refused with
// this node's term and changes nothing; a message of a newer term makes a
// leader a follower of that term, persisted, its vote cleared.
func TestStaleAndNewerTerms(t *testing.T) {
	n := NewNode(Config{ID: 1, Members: members3()}, Durable{Term: 5, Vote: 2, Log: []Entry{e(5, "a")}})
	rd, err := n.Step(Message{Type: MsgApp, From: 0, To: 1, Term: 4, PrevIndex: 0, Entries: []Entry{e(4, "z")}, Commit: 1})
	require.NoError(t, err)
	require.Len(t, rd.Messages, 1)
	assert.Equal(t, Message{Type: MsgAppResp, From: 1, To: 0, Term: 5, RejectHint: 1}, rd.Messages[0])
	assert.Nil(t, rd.Persist)
	assert.False(t, rd.ResetElectionTimer, "a stale leader does not hold off elections")
	assert.Equal(t, []Entry{e(5, "a")}, n.Log())
	assert.Equal(t, uint64(0), n.Commit())

	ns := three()
	rd, _ = ns[0].Timeout(ElectionTimer)
	deliver(ns, rd.Messages)
	require.Equal(t, Leader, ns[0].Role())
	rd, err = ns[0].Step(Message{Type: MsgVoteResp, From: 2, To: 0, Term: 3})
	require.NoError(t, err)
	assert.Equal(t, Follower, ns[0].Role())
	assert.Equal(t, uint64(3), ns[0].Term())
	assert.Equal(t, None, ns[0].Vote())
	assert.Equal(t, None, ns[0].Leader())
	require.NotNil(t, rd.Persist)
	assert.Equal(t, Durable{Term: 3, Vote: None, Log: []Entry{}}, normalize(*rd.Persist))
}

func normalize(d Durable) Durable {
	if d.Log == nil {
		d.Log = []Entry{}
	}
	return d
}

// TestFollowerCommitIsBoundedByWhatItHolds: a follower learns the leader's
// commit index only up to the last entry the message vouches for.
func TestFollowerCommitIsBoundedByWhatItHolds(t *testing.T) {
	n := NewNode(Config{ID: 1, Members: members3()}, Durable{Term: 1, Vote: None, Log: []Entry{e(1, "a"), e(1, "old")}})
	rd, err := n.Step(Message{Type: MsgApp, From: 0, To: 1, Term: 2, PrevIndex: 1, PrevTerm: 1, Commit: 5})
	require.NoError(t, err)
	assert.Equal(t, uint64(1), n.Commit(), "an empty AppendEntries at prev 1 vouches for index 1 only")
	assert.Equal(t, []Entry{e(1, "a")}, rd.Committed)
	assert.Equal(t, []Entry{e(1, "a"), e(1, "old")}, n.Log(), "an agreeing prefix cuts nothing")
	assert.Equal(t, NodeID(0), n.Leader())
	assert.True(t, rd.Messages[0].Success)
	assert.Equal(t, uint64(1), rd.Messages[0].MatchIndex)
	assert.True(t, rd.ResetElectionTimer, "a current leader holds off elections")
	rd, err = n.Step(Message{Type: MsgApp, From: 0, To: 1, Term: 2, PrevIndex: 7, PrevTerm: 2})
	require.NoError(t, err)
	assert.False(t, rd.Messages[0].Success)
	assert.True(t, rd.ResetElectionTimer, "even when its entries do not fit")
}

// stubSource returns fixed draws and records the bounds it was asked for.
type stubSource struct {
	draws []int
	asked []int
}

func (s *stubSource) IntN(n int) int {
	s.asked = append(s.asked, n)
	d := s.draws[0]
	s.draws = s.draws[1:]
	return d
}

// TestClockBoundaries: the election timer fires on exactly the
// (ElectionTicks + draw)-th tick, the draw is from [0, ElectionTicks), it
// is drawn anew after firing; a leader's heartbeats fire every
// HeartbeatTicks-th tick, for every peer.
func TestClockBoundaries(t *testing.T) {
	for _, draw := range []int{0, 9} {
		src := &stubSource{draws: []int{draw, 3, 0}}
		c := &Clock{ElectionTicks: 10, HeartbeatTicks: 3, Rand: src}
		n := three()[0]
		fired := 0
		for i := 1; i <= 10+draw; i++ {
			ts := c.Tick(n)
			if i < 10+draw {
				require.Empty(t, ts, "draw %d: tick %d", draw, i)
			} else {
				assert.Equal(t, []Timer{ElectionTimer}, ts, "draw %d: fires on tick %d", draw, i)
				fired++
			}
		}
		assert.Equal(t, 1, fired)
		assert.Equal(t, []int{10, 10}, src.asked, "drawn from [0, ElectionTicks), again after firing")
		for i := 1; i < 13; i++ {
			require.Empty(t, c.Tick(n), "the new deadline is 13 ticks: tick %d", i)
		}
		assert.Equal(t, []Timer{ElectionTimer}, c.Tick(n))
	}

	ns := three()
	rd, _ := ns[0].Timeout(ElectionTimer)
	deliver(ns, rd.Messages)
	require.Equal(t, Leader, ns[0].Role())
	c := &Clock{ElectionTicks: 10, HeartbeatTicks: 3, Rand: &stubSource{draws: []int{0}}}
	var at []int
	for i := 1; i <= 9; i++ {
		if ts := c.Tick(ns[0]); ts != nil {
			assert.Equal(t, ns[0].Timers(), ts)
			at = append(at, i)
		}
	}
	assert.Equal(t, []int{3, 6, 9}, at, "heartbeats every third tick")

	// Reset restarts the count: after 9 ticks and a reset, 10 more to fire.
	c = &Clock{ElectionTicks: 10, HeartbeatTicks: 3, Rand: &stubSource{draws: []int{0, 0, 0}}}
	n := three()[1]
	for range 9 {
		require.Empty(t, c.Tick(n))
	}
	c.Reset()
	for range 9 {
		require.Empty(t, c.Tick(n))
	}
	assert.Equal(t, []Timer{ElectionTimer}, c.Tick(n))
}

// TestLivenessUnderFairDelivery: nodes driven by their clocks over a
// network that delivers every message eventually, in random order, with no
// faults: a leader is elected and a proposal is committed on every node,
// for every seed, within a bound of ticks.
func TestLivenessUnderFairDelivery(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			ns := three()
			clocks := make([]*Clock, len(ns))
			for i := range ns {
				clocks[i] = &Clock{ElectionTicks: 10, HeartbeatTicks: 2, Rand: rand.New(rand.NewPCG(seed, uint64(i)))}
			}
			var net []Message
			handle := func(i int, rd Ready) {
				if rd.ResetElectionTimer {
					clocks[i].Reset()
				}
				net = append(net, rd.Messages...)
			}
			proposed := false
			for tick := 0; tick < 400; tick++ {
				for i, n := range ns {
					for _, tm := range clocks[i].Tick(n) {
						rd, err := n.Timeout(tm)
						require.NoError(t, err)
						handle(i, rd)
					}
				}
				// Deliver some messages, picked at random; every message
				// is delivered within a few ticks (fairness).
				for k := 0; k < 4 && len(net) > 0; k++ {
					j := rng.IntN(len(net))
					m := net[j]
					net = slices.Delete(net, j, j+1)
					rd, err := ns[m.To].Step(m)
					require.NoError(t, err)
					handle(int(m.To), rd)
				}
				for i, n := range ns {
					if n.Role() == Leader && !proposed {
						rd, err := n.Propose("v")
						require.NoError(t, err)
						handle(i, rd)
						proposed = true
					}
				}
				done := proposed
				for _, n := range ns {
					done = done && n.Commit() >= 1 && n.Log()[0].Data == "v"
				}
				if done {
					return
				}
			}
			for _, n := range ns {
				t.Logf("n%d: %v term %d commit %d log %v", n.ID()+1, n.Role(), n.Term(), n.Commit(), n.Log())
			}
			t.Fatalf("seed %d: the proposal was not committed everywhere in 400 ticks (proposed %v)", seed, proposed)
		})
	}
}
