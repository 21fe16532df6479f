package raftmodel

import (
	"sync/atomic"
	"unsafe"

	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/raft"
	rspec "github.com/distcheck/distcheck/spec/raft"
)

// Abstract maps a system state to the spec's state: each node's term,
// role, vote, log and commit index; the candidate's votes and the leader's
// match indexes; and the network as the set of messages ever sent. What the
// spec does not have (nextIndex, the known leader, applied entries, timers,
// reject hints, fault counters) is dropped. A crashed node is abstracted
// as already recovered from its storage, so a crash is the spec's Restart.
func (c *Config) Abstract(s System) rspec.State {
	out := c.Spec().Init()
	for i, n := range s.Nodes {
		r := n.Raft
		out.CurrentTerm[i] = uint8(r.Term())
		out.Role[i] = rspec.Role(r.Role())
		if r.Vote() != raft.None {
			out.VotedFor[i] = uint8(r.Vote())
		}
		out.Log[i] = abstractLog(r.Log())
		out.CommitIndex[i] = uint8(r.Commit())
		for _, p := range r.Members() {
			if r.Role() == raft.Candidate && r.Voted(p) {
				out.VotesGranted[i] |= 1 << int(p)
			}
			if r.Role() == raft.Leader && p != r.ID() {
				_, match := r.Progress(p)
				out.MatchIndex[i][p] = uint8(match)
			}
		}
	}
	net := s.Messages(!c.Env.Persistent)
	msgs := make([]rspec.Msg, 0, len(net))
	for _, f := range net {
		msgs = append(msgs, abstractMsg(f.Msg))
	}
	out.Msgs = rspec.NewMsgs(msgs)
	return out
}

// abstractCache remembers recent abstractions. The checker judges every
// property of a state, and conformance abstracts the source of every step,
// so the same state is abstracted many times in a row. States are
// immutable values whose slices are never written after creation, so the
// backing arrays (with lengths) identify the fields Abstract reads.
//
// The checker's parallel workers call it concurrently: the cache is a
// direct-mapped table of atomic pointers, so workers neither wait for a
// lock nor evict each other's current state (a shared few-entry cache
// thrashed between two workers).
type abstractCache struct {
	c     *Config
	slots [256]atomic.Pointer[cacheEntry]
}

type cacheEntry struct {
	k cacheKey
	v rspec.State
}

type cacheKey struct {
	nodes     **Node
	net, sent *actor.Flight[raft.Message]
	nn, ns    int
}

func (a *abstractCache) get(s System) rspec.State {
	net := s.Messages(!a.c.Env.Persistent)
	k := cacheKey{unsafe.SliceData(s.Nodes), unsafe.SliceData(s.Net), unsafe.SliceData(s.Sent), len(s.Net), len(net)}
	h := uintptr(unsafe.Pointer(k.nodes))
	h ^= uintptr(unsafe.Pointer(k.net)) >> 3
	slot := &a.slots[(h>>4^h>>12)%uintptr(len(a.slots))]
	if e := slot.Load(); e != nil && e.k == k && k.nodes != nil {
		return e.v
	}
	v := a.c.Abstract(s)
	slot.Store(&cacheEntry{k, v})
	return v
}

func abstractLog(es []raft.Entry) rspec.Log {
	var l rspec.Log
	for _, e := range es {
		if l.Len() == rspec.MaxLog {
			panic("raftmodel: log longer than the spec can hold")
		}
		l = l.Append(rspec.Entry{Term: uint8(e.Term), Value: value(e.Data)})
	}
	return l
}

func abstractMsg(m raft.Message) rspec.Msg {
	out := rspec.Msg{Term: uint8(m.Term), Src: uint8(m.From), Dst: uint8(m.To)}
	switch m.Type {
	case raft.MsgVote:
		out.Type, out.LastLogTerm, out.LastLogIndex = rspec.RV, uint8(m.LastLogTerm), uint8(m.LastLogIndex)
	case raft.MsgVoteResp:
		out.Type, out.Granted = rspec.RVR, m.Granted
	case raft.MsgApp:
		out.Type, out.PrevIndex, out.PrevTerm = rspec.AE, uint8(m.PrevIndex), uint8(m.PrevTerm)
		out.Entries, out.Commit = abstractLog(m.Entries), uint8(m.Commit)
	case raft.MsgAppResp:
		out.Type, out.Success = rspec.AER, m.Success
		if m.Success {
			out.MatchIndex = uint8(m.MatchIndex)
		}
	}
	return out
}
