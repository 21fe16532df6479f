package etcdraft

import (
	"fmt"
	"slices"
	"strings"

	"go.etcd.io/raft/v3"
	pb "go.etcd.io/raft/v3/raftpb"
	"go.etcd.io/raft/v3/tracker"
)

// MaxEntries is the most entries one Message carries; the bounds the model
// explores stay far below it, and a longer message is a panic, not a silent cut.
const MaxEntries = 8

// Entry is a log entry as a plain value.
type Entry struct {
	Index, Term uint64
	Data        string // empty for the leader's no-op entry of its term
}

func (e Entry) String() string { return fmt.Sprintf("%d.%d:%s", e.Index, e.Term, e.Data) }

// Message is a raft message as a plain comparable value (raftpb messages
// hold pointers and slices). Only the fields this host's messages use are
// kept; toPB and fromPB convert.
type Message struct {
	Type                 pb.MessageType
	From, To             uint64
	Term, LogTerm, Index uint64
	Commit, RejectHint   uint64
	Reject               bool
	NumEntries           int
	Ents                 [MaxEntries]Entry
}

// Entries returns the entries m carries.
func (m Message) Entries() []Entry { return m.Ents[:m.NumEntries] }

// String renders m canonically and readably; it is injective on the
// fields Message keeps (the actor layer's Key).
func (m Message) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s{t:%d", strings.TrimPrefix(m.Type.String(), "Msg"), m.Term)
	if m.LogTerm != 0 || m.Index != 0 {
		fmt.Fprintf(&b, " lt:%d i:%d", m.LogTerm, m.Index)
	}
	if m.Commit != 0 {
		fmt.Fprintf(&b, " c:%d", m.Commit)
	}
	if m.Reject {
		fmt.Fprintf(&b, " reject hint:%d", m.RejectHint)
	} else if m.RejectHint != 0 {
		fmt.Fprintf(&b, " hint:%d", m.RejectHint)
	}
	if m.NumEntries > 0 {
		es := make([]string, m.NumEntries)
		for k, e := range m.Entries() {
			es[k] = e.String()
		}
		fmt.Fprintf(&b, " [%s]", strings.Join(es, " "))
	}
	b.WriteString("}")
	return b.String()
}

func fromPB(m *pb.Message) Message {
	out := Message{Type: m.GetType(), From: m.GetFrom(), To: m.GetTo(), Term: m.GetTerm(), LogTerm: m.GetLogTerm(),
		Index: m.GetIndex(), Commit: m.GetCommit(), Reject: m.GetReject(), RejectHint: m.GetRejectHint()}
	if m.GetSnapshot() != nil && m.GetType() == pb.MessageType_MsgSnap {
		panic("etcdraft: a snapshot message, but storage never compacts")
	}
	ents := m.GetEntries()
	if len(ents) > MaxEntries {
		panic(fmt.Sprintf("etcdraft: a message with %d entries, more than MaxEntries (%d)", len(ents), MaxEntries))
	}
	out.NumEntries = len(ents)
	for k, e := range ents {
		out.Ents[k] = fromPBEntry(e)
	}
	return out
}

func (m Message) toPB() *pb.Message {
	out := &pb.Message{Type: new(m.Type), From: new(m.From), To: new(m.To), Term: new(m.Term), LogTerm: new(m.LogTerm),
		Index: new(m.Index), Commit: new(m.Commit), Reject: new(m.Reject), RejectHint: new(m.RejectHint)}
	for _, e := range m.Entries() {
		out.Entries = append(out.Entries, toPBEntry(e))
	}
	return out
}

func fromPBEntry(e *pb.Entry) Entry {
	if e.GetType() != pb.EntryType_EntryNormal {
		panic("etcdraft: a configuration-change entry, but membership is fixed")
	}
	return Entry{Index: e.GetIndex(), Term: e.GetTerm(), Data: string(e.GetData())}
}

func toPBEntry(e Entry) *pb.Entry {
	out := &pb.Entry{Index: new(e.Index), Term: new(e.Term), Type: new(pb.EntryType_EntryNormal)}
	if e.Data != "" {
		out.Data = []byte(e.Data)
	}
	return out
}

// HardState is raft's durable term, vote and commit index.
type HardState struct{ Term, Vote, Commit uint64 }

// Durable is what a Server's stable storage holds: it survives a crash.
// It is a value: a Server never modifies a Durable it has handed out.
type Durable struct {
	Hard HardState
	Log  []Entry // indexes 1..len(Log)
	// LastBatch is how many entries at the end of Log the most recent
	// append wrote (used by Bugs.LoseUnstable).
	LastBatch int
}

// Bugs are seeded mistakes in the host loop (not in raft).
type Bugs struct {
	// ForgetHardState: the host writes a Ready's entries but sends its
	// messages before writing its HardState, which is written only at a
	// later Sync; a crash before it loses the term and vote.
	ForgetHardState bool
	// LoseUnstable: a restart rebuilds raft from storage without the
	// entries of the last append, as if that write never reached disk.
	LoseUnstable bool
	// ApplyBeforePersist: the host applies committed entries and sends
	// messages as soon as a Ready arrives, writing its entries only at a
	// later Sync (the HardState is written at once).
	ApplyBeforePersist bool
}

// Config configures a Server.
type Config struct {
	ID    uint64   // 1-based, as raft requires
	Peers []uint64 // every voter, ID included
	Bugs  Bugs
}

// Role is a server's raft role.
type Role = raft.StateType

// Progress is the leader's view of one follower (tracker.Progress, plain).
type Progress struct {
	Match, Next uint64
	State       tracker.StateType
	Paused      bool // MsgAppFlowPaused
	Inflight    int
}

// Server is one etcd raft node with its storage and state machine.
type Server struct {
	cfg     Config
	rn      *raft.RawNode
	st      *raft.MemoryStorage
	live    Durable // what storage holds now (raft reads it)
	durable Durable // what survives a crash
	applied []Entry // the state machine: every entry applied, in order
	// votes records, while a candidate, the vote responses of its term:
	// raft keeps its tally private, and the checker must tell apart two
	// candidates that differ only in it.
	votes     []int8 // by peer index: 0 none, 1 granted, -1 rejected
	votesTerm uint64
	dirty     bool // live differs from durable (the bugs only)
}

// New starts a server from durable state (the zero Durable for a fresh
// one). It fails when raft refuses the state, as etcd raft does (with a
// panic) when the HardState's commit index lies beyond the log.
func New(cfg Config, d Durable) (s *Server, err error) {
	if cfg.Bugs.LoseUnstable && d.LastBatch > 0 {
		d.Log = d.Log[: len(d.Log)-d.LastBatch : len(d.Log)-d.LastBatch]
		d.LastBatch = 0
	}
	s = &Server{cfg: cfg, st: raft.NewMemoryStorage(), live: d, durable: d, votes: make([]int8, len(cfg.Peers))}
	cs := &pb.ConfState{Voters: slices.Clone(cfg.Peers)}
	if err := s.st.ApplySnapshot(&pb.Snapshot{Metadata: &pb.SnapshotMetadata{ConfState: cs, Index: new(uint64(0)), Term: new(uint64(0))}}); err != nil {
		return nil, err
	}
	ents := make([]*pb.Entry, len(d.Log))
	for k, e := range d.Log {
		ents[k] = toPBEntry(e)
	}
	if err := s.st.Append(ents); err != nil {
		return nil, err
	}
	if d.Hard != (HardState{}) {
		if err := s.st.SetHardState(&pb.HardState{Term: new(d.Hard.Term), Vote: new(d.Hard.Vote), Commit: new(d.Hard.Commit)}); err != nil {
			return nil, err
		}
	}
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("etcd raft refuses to restart n%d: %v", cfg.ID, r)
		}
	}()
	s.rn, err = raft.NewRawNode(&raft.Config{
		ID: cfg.ID, Storage: s.st,
		ElectionTick: 1 << 30, HeartbeatTick: 1, // see the package doc
		MaxSizePerMsg: 1 << 20, MaxInflightMsgs: 256,
		Logger: quiet{},
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// ID is the server's raft ID.
func (s *Server) ID() uint64 { return s.cfg.ID }

// Step delivers a message from a peer.
func (s *Server) Step(m Message) []Message {
	st := s.rn.BasicStatus()
	if m.Type == pb.MessageType_MsgVoteResp && st.RaftState == raft.StateCandidate && m.Term == st.GetTerm() {
		s.noteVotes(st.GetTerm())
		if m.Reject {
			s.votes[s.peer(m.From)] = -1
		} else {
			s.votes[s.peer(m.From)] = 1
		}
	}
	// Step's errors are raft declining a message (for example one from
	// a node it does not know); they change nothing, like a drop.
	_ = s.rn.Step(m.toPB())
	return s.ready()
}

// Campaign starts an election now (what an election timeout would do).
func (s *Server) Campaign() []Message {
	_ = s.rn.Campaign()
	return s.ready()
}

// Heartbeat ticks the server once; a leader then sends heartbeats.
func (s *Server) Heartbeat() []Message {
	s.rn.Tick()
	return s.ready()
}

// Propose proposes data; only a leader accepts it here (no forwarding).
func (s *Server) Propose(data string) ([]Message, error) {
	if data == "" {
		return nil, fmt.Errorf("etcdraft: empty proposal (empty data marks no-op entries)")
	}
	if err := s.rn.Propose([]byte(data)); err != nil {
		return nil, err
	}
	return s.ready(), nil
}

// Unsynced reports whether storage holds writes that are not durable yet
// (only with Bugs.ForgetHardState or Bugs.ApplyBeforePersist).
func (s *Server) Unsynced() bool { return s.dirty }

// Sync makes every write durable.
func (s *Server) Sync() { s.durable, s.dirty = s.live, false }

// Durable is what would survive a crash now.
func (s *Server) Durable() Durable { return s.durable }

// Live is what storage holds now (raft's stable log and HardState).
func (s *Server) Live() Durable { return s.live }

// Applied lists the entries the state machine applied since the start.
func (s *Server) Applied() []Entry { return s.applied }

// Status is the observable state of raft: its BasicStatus, the leader's
// progress per peer (nil unless leader) and a candidate's votes.
type Status struct {
	Term, Vote, Commit, Lead, Applied uint64
	Role                              Role
	Progress                          []Progress
	Votes                             []int8 // by peer index, nil unless candidate
}

// Role reports the server's role and term, without Status's allocations.
func (s *Server) Role() (Role, uint64) {
	b := s.rn.BasicStatus()
	return b.RaftState, b.GetTerm()
}

// Status reports the observable state.
func (s *Server) Status() Status {
	b := s.rn.BasicStatus()
	st := Status{Term: b.GetTerm(), Vote: b.GetVote(), Commit: b.GetCommit(), Lead: b.Lead, Applied: b.Applied, Role: b.RaftState}
	if b.RaftState == raft.StateLeader {
		// Status, not WithProgress: only Status copies the inflights.
		prs := s.rn.Status().Progress
		for _, id := range s.cfg.Peers {
			pr := prs[id]
			st.Progress = append(st.Progress, Progress{Match: pr.Match, Next: pr.Next, State: pr.State,
				Paused: pr.MsgAppFlowPaused, Inflight: pr.Inflights.Count()})
		}
	}
	if b.RaftState == raft.StateCandidate && s.votesTerm == b.GetTerm() {
		st.Votes = slices.Clone(s.votes)
	}
	return st
}

func (s *Server) peer(id uint64) int {
	k := slices.Index(s.cfg.Peers, id)
	if k < 0 {
		panic(fmt.Sprintf("etcdraft: message from unknown node %d", id))
	}
	return k
}

func (s *Server) noteVotes(term uint64) {
	if s.votesTerm != term {
		s.votes = make([]int8, len(s.cfg.Peers))
		s.votesTerm = term
	}
}

// ready drains raft's Ready structs the way the host's loop does.
func (s *Server) ready() []Message {
	var out []Message
	for s.rn.HasReady() {
		rd := s.rn.Ready()
		if rd.HardState != nil && !raft.IsEmptyHardState(rd.HardState) {
			s.live.Hard = HardState{Term: rd.HardState.GetTerm(), Vote: rd.HardState.GetVote(), Commit: rd.HardState.GetCommit()}
			_ = s.st.SetHardState(rd.HardState)
		}
		if len(rd.Entries) > 0 {
			first := rd.Entries[0].GetIndex()
			log := slices.Clip(s.live.Log[:first-1])
			for _, e := range rd.Entries {
				log = append(log, fromPBEntry(e))
			}
			s.live.Log = log
			s.live.LastBatch = len(rd.Entries)
			if err := s.st.Append(rd.Entries); err != nil {
				panic(err)
			}
		}
		switch b := s.cfg.Bugs; {
		case b.ForgetHardState:
			hard := s.durable.Hard
			s.durable = s.live
			s.durable.Hard = hard
			s.dirty = s.dirty || hard != s.live.Hard
		case b.ApplyBeforePersist:
			s.durable.Hard = s.live.Hard
			s.dirty = s.dirty || len(rd.Entries) > 0
		default:
			s.durable = s.live
		}
		for _, e := range rd.CommittedEntries {
			s.applied = append(slices.Clip(s.applied), fromPBEntry(e))
		}
		for _, m := range rd.Messages {
			out = append(out, fromPB(m))
		}
		s.rn.Advance(rd)
	}
	if st := s.rn.BasicStatus(); s.votesTerm != 0 && (st.RaftState != raft.StateCandidate || s.votesTerm != st.GetTerm()) {
		s.noteVotes(0)
	}
	return out
}

// quiet is a raft.Logger that drops everything but panics: raft's info
// logs would flood a search of millions of steps.
type quiet struct{}

func (quiet) Debug(...any)              {}
func (quiet) Debugf(string, ...any)     {}
func (quiet) Error(...any)              {}
func (quiet) Errorf(string, ...any)     {}
func (quiet) Info(...any)               {}
func (quiet) Infof(string, ...any)      {}
func (quiet) Warning(...any)            {}
func (quiet) Warningf(string, ...any)   {}
func (quiet) Fatal(v ...any)            { panic(fmt.Sprint(v...)) }
func (quiet) Fatalf(f string, v ...any) { panic(fmt.Sprintf(f, v...)) }
func (quiet) Panic(v ...any)            { panic(fmt.Sprint(v...)) }
func (quiet) Panicf(f string, v ...any) { panic(fmt.Sprintf(f, v...)) }
