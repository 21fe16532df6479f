package kv

import (
	"fmt"
	"slices"

	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/raft"
)

// CPServer is a server of the consistent store: a consensus log (Raft or
// Multi-Paxos) with its stable storage, the state machine built from the
// applied commands, and the client requests this server accepted and has
// not yet answered.
type CPServer struct {
	cfg   CPConfig
	log   consensus
	store Store
	// waiting lists the requests this server proposed (or found already
	// proposed) and must answer when their command is applied. Volatile.
	waiting []waiter
	// heard is set when the log heard from a leader; a real-time driver
	// takes it with HeardFromLeader to restart its election timeout.
	heard bool
}

type waiter struct {
	Client int
	Seq    uint64
}

// CPConfig configures a CP server.
type CPConfig struct {
	ID, Servers int
	// Paxos runs the store on Multi-Paxos instead of Raft.
	Paxos bool
	// StaleReads is the seeded bug: reads are answered from the local
	// state machine, without going through the log or checking leadership.
	StaleReads bool
	Bugs       raft.Bugs
}

// NewCPServer starts a fresh server.
func NewCPServer(c CPConfig) *CPServer {
	if c.Paxos {
		return &CPServer{cfg: c, log: newPaxosLog(c.ID, c.Servers, paxos.FreshMulti())}
	}
	return &CPServer{cfg: c, log: newRaftLog(c.ID, c.Servers, c.Bugs, raft.Fresh())}
}

// Clone copies the server deeply.
func (s *CPServer) Clone() *CPServer {
	t := *s
	t.log = s.log.clone()
	return &t
}

// Recover is the server as it restarts: stable storage only; the state
// machine is rebuilt as the log's commands are applied again.
func (s *CPServer) Recover() *CPServer {
	return &CPServer{cfg: s.cfg, log: s.log.recover()}
}

// HeardFromLeader reports, once, that the log heard from a leader since
// the last call (a model checker, whose timers fire at any moment,
// ignores it).
func (s *CPServer) HeardFromLeader() bool {
	h := s.heard
	s.heard = false
	return h
}

// Raft is the Raft node, or nil on Multi-Paxos (read only).
func (s *CPServer) Raft() *raft.Node {
	if l, ok := s.log.(*raftLog); ok {
		return l.node
	}
	return nil
}

// Paxos is the Multi-Paxos replica, or nil on Raft (read only).
func (s *CPServer) Paxos() *paxos.Replica {
	if l, ok := s.log.(*paxosLog); ok {
		return l.r
	}
	return nil
}

// LogState renders the consensus node and its storage canonically.
func (s *CPServer) LogState() string { return s.log.state() }

// Store exposes the state machine (read only).
func (s *CPServer) Store() *Store { return &s.store }

// Waiting lists the requests the server will answer once applied, as "nK#seq".
func (s *CPServer) Waiting() []string {
	out := make([]string, len(s.waiting))
	for i, w := range s.waiting {
		out[i] = fmt.Sprintf("n%d#%d", w.Client+1, w.Seq)
	}
	return out
}

// Deliver handles a message from another server or a client.
func (s *CPServer) Deliver(m Msg) ([]Envelope, error) {
	if m.Kind == MsgRequest {
		return s.request(m)
	}
	st, err := s.log.deliver(m)
	if err != nil {
		return nil, fmt.Errorf("kv: CP server n%d: %w", s.cfg.ID+1, err)
	}
	return s.handle(st)
}

// Timers lists the log's armed timers (Raft's election and heartbeat
// timers; Multi-Paxos's "campaign").
func (s *CPServer) Timers() []string { return s.log.timers() }

// Fire expires a timer.
func (s *CPServer) Fire(t string) ([]Envelope, error) {
	st, err := s.log.fire(t)
	if err != nil {
		return nil, err
	}
	return s.handle(st)
}

func reply(m Msg, r Result) Envelope {
	return Envelope{To: m.Client, Msg: Msg{Kind: MsgReply, Client: m.Client, Seq: m.Seq, Result: r}}
}

// request: a stale-read server answers reads at once; a server that is
// not leading redirects; the leader proposes the request unless it already
// did (a retry), and answers when the command is applied.
func (s *CPServer) request(m Msg) ([]Envelope, error) {
	if s.cfg.StaleReads && m.Cmd.Kind == Get {
		return []Envelope{reply(m, Result{Value: s.store.Get(m.Cmd.Key)})}, nil
	}
	if lead, hint := s.log.leading(); !lead {
		return []Envelope{reply(m, Result{Status: NotLeader, Leader: hint})}, nil
	}
	if r, done := s.store.answered(m.Client, m.Seq); done {
		return []Envelope{reply(m, r)}, nil
	}
	w := waiter{m.Client, m.Seq}
	if !slices.Contains(s.waiting, w) {
		s.waiting = append(slices.Clip(s.waiting), w)
	}
	data := encodeEntry(entry{m.Client, m.Seq, m.Cmd})
	if s.log.proposed(data) {
		return nil, nil // already proposed; it is answered when applied
	}
	st, err := s.log.propose(data)
	if err != nil {
		return nil, err
	}
	return s.handle(st)
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

// handle applies the log's output: apply chosen commands (answering the
// requests waiting here), then send the log's messages.
func (s *CPServer) handle(st logStep) ([]Envelope, error) {
	s.heard = s.heard || st.heard
	var out []Envelope
	for _, data := range st.applied {
		x, err := decodeEntry(data)
		if err != nil {
			return nil, err
		}
		r, _ := s.store.Apply(x.Client, x.Seq, x.Cmd)
		if k := slices.Index(s.waiting, waiter{x.Client, x.Seq}); k >= 0 {
			s.waiting = slices.Delete(slices.Clone(s.waiting), k, k+1)
			out = append(out, Envelope{To: x.Client, Msg: Msg{Kind: MsgReply, Client: x.Client, Seq: x.Seq, Result: r}})
		}
	}
	return append(out, st.msgs...), nil
}
