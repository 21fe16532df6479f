package kv

import (
	"fmt"
	"slices"

	"github.com/distcheck/distcheck/impl/raft"
)

// CPServer is a server of the consistent store: a Raft node, its stable
// storage, the state machine built from the committed log, and the client
// requests this server accepted and has not yet answered.
type CPServer struct {
	cfg     CPConfig
	node    *raft.Node
	storage raft.Durable
	store   Store
	// waiting lists the requests this server proposed (or found in its log)
	// and must answer when their entry is applied. Volatile.
	waiting []waiter
	// heard is set when Raft asked for the election timer to be reset;
	// a real-time driver takes it with HeardFromLeader.
	heard bool
}

type waiter struct {
	Client int
	Seq    uint64
}

// CPConfig configures a CP server.
type CPConfig struct {
	ID, Servers int
	// StaleReads is the seeded bug: reads are answered from the local
	// state machine, without going through the log or checking leadership.
	StaleReads bool
	Bugs       raft.Bugs
}

// NewCPServer starts a server from its stable storage (raft.Fresh() for a new one).
func NewCPServer(c CPConfig, d raft.Durable) *CPServer {
	ms := make([]raft.NodeID, c.Servers)
	for i := range ms {
		ms[i] = raft.NodeID(i)
	}
	return &CPServer{cfg: c,
		node:    raft.NewNode(raft.Config{ID: raft.NodeID(c.ID), Members: ms, Bugs: c.Bugs}, d),
		storage: d.Clone()}
}

// Clone copies the server deeply.
func (s *CPServer) Clone() *CPServer {
	t := *s
	t.node = s.node.Clone()
	return &t
}

// Recover is the server as it restarts: stable storage only; the state
// machine is rebuilt as the log is committed again.
func (s *CPServer) Recover() *CPServer {
	return NewCPServer(s.cfg, s.storage)
}

// HeardFromLeader reports, once, that Raft asked for the election timer
// to be reset since the last call (a model checker, whose timers fire at
// any moment, ignores it).
func (s *CPServer) HeardFromLeader() bool {
	h := s.heard
	s.heard = false
	return h
}

// Raft exposes the Raft node (read only).
func (s *CPServer) Raft() *raft.Node { return s.node }

// Store exposes the state machine (read only).
func (s *CPServer) Store() *Store { return &s.store }

// Storage is what stable storage holds.
func (s *CPServer) Storage() raft.Durable { return s.storage }

// Waiting lists the requests the server will answer once applied, as "c#seq".
func (s *CPServer) Waiting() []string {
	out := make([]string, len(s.waiting))
	for i, w := range s.waiting {
		out[i] = fmt.Sprintf("n%d#%d", w.Client+1, w.Seq)
	}
	return out
}

// Deliver handles a message from another server or a client.
func (s *CPServer) Deliver(m Msg) ([]Envelope, error) {
	switch m.Kind {
	case MsgRaft:
		rd, err := s.node.Step(m.Raft)
		if err != nil {
			return nil, err
		}
		return s.handle(rd)
	case MsgRequest:
		return s.request(m)
	}
	return nil, fmt.Errorf("kv: CP server n%d cannot handle %s", s.cfg.ID+1, m.Key())
}

// Timers lists the Raft timers armed.
func (s *CPServer) Timers() []raft.Timer { return s.node.Timers() }

// Fire expires a Raft timer.
func (s *CPServer) Fire(t raft.Timer) ([]Envelope, error) {
	rd, err := s.node.Timeout(t)
	if err != nil {
		return nil, err
	}
	return s.handle(rd)
}

func reply(m Msg, r Result) Envelope {
	return Envelope{To: m.Client, Msg: Msg{Kind: MsgReply, Client: m.Client, Seq: m.Seq, Result: r}}
}

// request: a stale-read server answers reads at once; a follower
// redirects; the leader proposes the request unless its log already holds
// it (a retry), and answers when the entry is applied.
func (s *CPServer) request(m Msg) ([]Envelope, error) {
	if s.cfg.StaleReads && m.Cmd.Kind == Get {
		return []Envelope{reply(m, Result{Value: s.store.Get(m.Cmd.Key)})}, nil
	}
	if s.node.Role() != raft.Leader {
		return []Envelope{reply(m, Result{Status: NotLeader, Leader: int(s.node.Leader())})}, nil
	}
	if r, done := s.store.answered(m.Client, m.Seq); done {
		return []Envelope{reply(m, r)}, nil
	}
	w := waiter{m.Client, m.Seq}
	if !slices.Contains(s.waiting, w) {
		s.waiting = append(slices.Clip(s.waiting), w)
	}
	for _, e := range s.node.Log()[s.node.Commit():] {
		if x, err := decodeEntry(e.Data); err == nil && x.Client == m.Client && x.Seq == m.Seq {
			return nil, nil // already proposed; it is answered when applied
		}
	}
	rd, err := s.node.Propose(encodeEntry(entry{m.Client, m.Seq, m.Cmd}))
	if err != nil {
		return nil, err
	}
	return s.handle(rd)
}

// answered returns the recorded answer when (client, seq) was the client's
// last applied request.
func (st *Store) answered(client int, seq uint64) (Result, bool) {
	i, ok := slices.BinarySearchFunc(st.sessions, client, func(x session, c int) int { return x.Client - c })
	if ok && st.sessions[i].Seq == seq {
		return st.sessions[i].Result, true
	}
	return Result{}, false
}

// handle applies a Ready: persist, apply committed entries (answering the
// requests waiting here), then send Raft's messages.
func (s *CPServer) handle(rd raft.Ready) ([]Envelope, error) {
	if rd.Persist != nil {
		s.storage = rd.Persist.Clone()
	}
	s.heard = s.heard || rd.ResetElectionTimer
	var out []Envelope
	for _, e := range rd.Committed {
		x, err := decodeEntry(e.Data)
		if err != nil {
			return nil, err
		}
		r, _ := s.store.Apply(x.Client, x.Seq, x.Cmd)
		if k := slices.Index(s.waiting, waiter{x.Client, x.Seq}); k >= 0 {
			s.waiting = slices.Delete(slices.Clone(s.waiting), k, k+1)
			out = append(out, Envelope{To: x.Client, Msg: Msg{Kind: MsgReply, Client: x.Client, Seq: x.Seq, Result: r}})
		}
	}
	for _, m := range rd.Messages {
		out = append(out, Envelope{To: int(m.To), Msg: Msg{Kind: MsgRaft, Raft: m}})
	}
	return out, nil
}
