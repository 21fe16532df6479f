package kv

import (
	"errors"
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/raft"
)

// consensus is the replicated log a CP server runs on: Raft, or
// Multi-Paxos. Each adapter keeps its node and what its stable storage
// holds, and turns the node's output into store messages.
type consensus interface {
	// leading reports whether this server may propose, and otherwise the
	// server it believes leads (-1 when it knows none).
	leading() (bool, int)
	propose(data string) (logStep, error)
	deliver(m Msg) (logStep, error)
	timers() []string
	fire(name string) (logStep, error)
	// proposed reports a command this leader proposed that is not yet
	// applied, so a retry is not proposed twice (false when unknown).
	proposed(data string) bool
	recover() consensus
	clone() consensus
	// state renders the node and its storage canonically.
	state() string
}

// logStep is one step's output: messages to send, commands newly chosen
// (in log order) and whether a leader was heard from.
type logStep struct {
	msgs    []Envelope
	applied []string
	heard   bool
}

// raftLog runs the store on impl/raft.
type raftLog struct {
	node    *raft.Node
	storage raft.Durable
	cfg     raft.Config
}

func newRaftLog(id, servers int, bugs raft.Bugs, d raft.Durable) *raftLog {
	ms := make([]raft.NodeID, servers)
	for i := range ms {
		ms[i] = raft.NodeID(i)
	}
	cfg := raft.Config{ID: raft.NodeID(id), Members: ms, Bugs: bugs}
	return &raftLog{node: raft.NewNode(cfg, d), storage: d.Clone(), cfg: cfg}
}

func (l *raftLog) leading() (bool, int) {
	return l.node.Role() == raft.Leader, int(l.node.Leader())
}

func (l *raftLog) step(rd raft.Ready) logStep {
	if rd.Persist != nil {
		l.storage = rd.Persist.Clone()
	}
	out := logStep{heard: rd.ResetElectionTimer}
	for _, e := range rd.Committed {
		out.applied = append(out.applied, e.Data)
	}
	for _, m := range rd.Messages {
		out.msgs = append(out.msgs, Envelope{To: int(m.To), Msg: Msg{Kind: MsgRaft, Raft: m}})
	}
	return out
}

func (l *raftLog) propose(data string) (logStep, error) {
	rd, err := l.node.Propose(data)
	return l.step(rd), err
}

func (l *raftLog) deliver(m Msg) (logStep, error) {
	if m.Kind != MsgRaft {
		return logStep{}, fmt.Errorf("kv: a Raft server cannot handle %s", m.Key())
	}
	rd, err := l.node.Step(m.Raft)
	return l.step(rd), err
}

func (l *raftLog) timers() []string {
	var out []string
	for _, t := range l.node.Timers() {
		out = append(out, t.String())
	}
	return out
}

func (l *raftLog) fire(name string) (logStep, error) {
	for _, t := range l.node.Timers() {
		if t.String() == name {
			rd, err := l.node.Timeout(t)
			return l.step(rd), err
		}
	}
	return logStep{}, fmt.Errorf("kv: timer %q is not armed", name)
}

func (l *raftLog) proposed(data string) bool {
	for _, e := range l.node.Log()[l.node.Commit():] {
		if e.Data == data {
			return true
		}
	}
	return false
}

func (l *raftLog) recover() consensus {
	return &raftLog{node: raft.NewNode(l.cfg, l.storage), storage: l.storage.Clone(), cfg: l.cfg}
}

func (l *raftLog) clone() consensus {
	c := *l
	c.node = l.node.Clone()
	return &c
}

func (l *raftLog) state() string {
	r := l.node
	var b strings.Builder
	fmt.Fprintf(&b, "%v term=%d vote=%d leader=%d commit=%d log=%v", r.Role(), r.Term(), r.Vote(), r.Leader(), r.Commit(), r.Log())
	for _, p := range r.Members() {
		next, match := r.Progress(p)
		fmt.Fprintf(&b, " %v:%d/%d", r.Voted(p), next, match)
	}
	fmt.Fprintf(&b, " stored{%d %d %v}", l.storage.Term, l.storage.Vote, l.storage.Log)
	return b.String()
}

// paxosLog runs the store on impl/paxos's Multi-Paxos. Timer "campaign"
// starts phase 1 in this replica's next ballot.
type paxosLog struct {
	r       *paxos.Replica
	storage paxos.MultiDurable
	id, n   int
}

func newPaxosLog(id, servers int, d paxos.MultiDurable) *paxosLog {
	return &paxosLog{r: paxos.NewReplica(id, servers, d, paxos.MultiBugs{}), storage: d, id: id, n: servers}
}

func (l *paxosLog) leading() (bool, int) {
	if l.r.Leading() {
		return true, l.id
	}
	// Ballots are round*n + id: the highest ballot promised names its leader.
	if p := l.r.Durable().Promised; p != paxos.NoBallot {
		return false, p % l.n
	}
	return false, -1
}

func (l *paxosLog) step(rd paxos.MultiReady) logStep {
	if rd.Persist != nil {
		l.storage = *rd.Persist
	}
	var out logStep
	for _, v := range rd.Applied {
		if v != paxos.Noop {
			out.applied = append(out.applied, v)
		}
	}
	for _, m := range rd.Messages {
		out.msgs = append(out.msgs, Envelope{To: m.To, Msg: Msg{Kind: MsgPaxos, Paxos: m}})
		out.heard = out.heard || m.Type == paxos.MPromise || m.Type == paxos.MAccepted
	}
	return out
}

func (l *paxosLog) propose(data string) (logStep, error) {
	rd, err := l.r.Propose(data)
	return l.step(rd), err
}

func (l *paxosLog) deliver(m Msg) (logStep, error) {
	if m.Kind != MsgPaxos {
		return logStep{}, fmt.Errorf("kv: a Multi-Paxos server cannot handle %s", m.Key())
	}
	return l.step(l.r.Step(m.Paxos)), nil
}

func (l *paxosLog) timers() []string {
	if l.r.Leading() {
		return nil
	}
	return []string{"campaign"}
}

func (l *paxosLog) fire(name string) (logStep, error) {
	if name != "campaign" || l.r.Leading() {
		return logStep{}, errors.New("kv: timer " + name + " is not armed")
	}
	return l.step(l.r.Campaign()), nil
}

func (l *paxosLog) proposed(string) bool { return false }

func (l *paxosLog) recover() consensus { return newPaxosLog(l.id, l.n, l.storage) }

func (l *paxosLog) clone() consensus {
	c := *l
	c.r = l.r.Clone()
	return &c
}

func (l *paxosLog) state() string {
	r := l.r
	return fmt.Sprintf("leading=%v preparing=%v next=%d d=%+v stored=%+v promises=%v votes=%v chosen=%q applied=%d",
		r.Leading(), r.Preparing(), r.NextSlot(), r.Durable(), l.storage, r.Promises(), r.Votes(), r.Chosen(), r.AppliedCount())
}
