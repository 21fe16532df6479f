package raft

import "slices"

// Node is one Raft server. Fields are grouped by Raft's Figure 2; the
// invariant of each is stated beside it.
type Node struct {
	cfg Config

	// Persistent state, mirrored to storage through Ready.Persist.
	term uint64  // latest term seen; never decreases
	vote NodeID  // candidate voted for in term, or None
	log  []Entry // log[k-1] is entry k; entries are never removed below commit

	// Volatile state.
	role    Role
	leader  NodeID // leader of term if known, else None
	commit  uint64 // highest index known committed; <= len(log)
	applied uint64 // highest index handed to the state machine; <= commit

	// Candidate only: per member (indexed like cfg.Members), whether it
	// granted its vote in term (self included). Slices, not maps: small,
	// cheap to clone, and iterated in a fixed order.
	votes []bool
	// Leader only: per member, the next index to send and the highest index
	// known replicated. match <= next-1 <= len(log).
	next  []uint64
	match []uint64

	// step handles a message of the current term for the current role; it
	// is chosen by become*, as in etcd's raft.
	step func(*Node, Message, *Ready)

	dirty bool // durable state changed in this step
}

// NewNode starts a node from its durable state (zero Durable with Vote None
// for a fresh node). A restarted node is a follower that knows nothing of
// commitment and has applied nothing.
func NewNode(cfg Config, d Durable) *Node {
	n := &Node{cfg: cfg, term: d.Term, vote: d.Vote, log: slices.Clone(d.Log)}
	n.becomeFollower(d.Term, None)
	return n
}

// Fresh is the durable state of a node that has never run.
func Fresh() Durable { return Durable{Vote: None} }

// Clone returns an independent copy (for model checking).
func (n *Node) Clone() *Node {
	c := *n
	c.log = slices.Clone(n.log)
	c.votes = slices.Clone(n.votes)
	c.next = slices.Clone(n.next)
	c.match = slices.Clone(n.match)
	return &c
}

// idx is p's position in the member list, or -1.
func (n *Node) idx(p NodeID) int { return slices.Index(n.cfg.Members, p) }

// Accessors.
func (n *Node) ID() NodeID        { return n.cfg.ID }
func (n *Node) Term() uint64      { return n.term }
func (n *Node) Vote() NodeID      { return n.vote }
func (n *Node) Role() Role        { return n.role }
func (n *Node) Leader() NodeID    { return n.leader }
func (n *Node) Commit() uint64    { return n.commit }
func (n *Node) Applied() uint64   { return n.applied }
func (n *Node) Log() []Entry      { return n.log }
func (n *Node) LastIndex() uint64 { return uint64(len(n.log)) }
func (n *Node) Members() []NodeID { return n.cfg.Members }
func (n *Node) Voted(p NodeID) bool {
	k := n.idx(p)
	return n.votes != nil && k >= 0 && n.votes[k]
}

// Progress returns the leader's next and match index for peer p.
func (n *Node) Progress(p NodeID) (next, match uint64) {
	k := n.idx(p)
	if n.next == nil || k < 0 {
		return 0, 0
	}
	return n.next[k], n.match[k]
}

// Durable returns what the node holds as durable state (a copy).
func (n *Node) Durable() Durable {
	return Durable{Term: n.term, Vote: n.vote, Log: slices.Clone(n.log)}
}

func (n *Node) lastTerm() uint64 { return n.termAt(n.LastIndex()) }

func (n *Node) termAt(i uint64) uint64 {
	if i == 0 || i > n.LastIndex() {
		return 0
	}
	return n.log[i-1].Term
}

func (n *Node) quorum() int { return len(n.cfg.Members)/2 + 1 }

func (n *Node) peers() []NodeID {
	out := make([]NodeID, 0, len(n.cfg.Members)-1)
	for _, p := range n.cfg.Members {
		if p != n.cfg.ID {
			out = append(out, p)
		}
	}
	return out
}

func (n *Node) isMember(p NodeID) bool { return n.idx(p) >= 0 }

// Timers lists the armed timers: the election timer for followers and
// candidates, a heartbeat timer per peer for leaders.
func (n *Node) Timers() []Timer {
	if n.role != Leader {
		return []Timer{ElectionTimer}
	}
	var ts []Timer
	for _, p := range n.peers() {
		ts = append(ts, Timer{Heartbeat: true, Peer: p})
	}
	return ts
}

func (n *Node) becomeFollower(term uint64, leader NodeID) {
	if term != n.term {
		n.term, n.vote, n.dirty = term, None, true
	}
	n.role, n.leader, n.step = Follower, leader, stepFollower
	n.votes, n.next, n.match = nil, nil, nil
}

func (n *Node) becomeCandidate() {
	n.term++
	n.vote = n.cfg.ID
	n.dirty = true
	n.role, n.leader, n.step = Candidate, None, stepCandidate
	n.votes = make([]bool, len(n.cfg.Members))
	n.votes[n.idx(n.cfg.ID)] = true
	n.next, n.match = nil, nil
}

func (n *Node) becomeLeader() {
	n.role, n.leader, n.step = Leader, n.cfg.ID, stepLeader
	n.votes = nil
	n.next, n.match = make([]uint64, len(n.cfg.Members)), make([]uint64, len(n.cfg.Members))
	for k := range n.next {
		n.next[k] = n.LastIndex() + 1
	}
}

// finish completes a step: durable state to persist, entries to apply.
func (n *Node) finish(rd *Ready) Ready {
	if n.dirty {
		d := n.Durable()
		if n.cfg.Bugs.VoteNotPersisted {
			d.Vote = None // the seeded bug: the vote never reaches storage
		}
		rd.Persist = &d
		n.dirty = false
	}
	for n.applied < n.commit {
		n.applied++
		rd.Committed = append(rd.Committed, n.log[n.applied-1])
	}
	return *rd
}

func (n *Node) send(rd *Ready, m Message) {
	m.From = n.cfg.ID
	if m.Term == 0 {
		m.Term = n.term
	}
	rd.Messages = append(rd.Messages, m)
}

// Timeout handles the expiry of timer t.
func (n *Node) Timeout(t Timer) (Ready, error) {
	var rd Ready
	switch {
	case !t.Heartbeat && n.role != Leader:
		n.HandleTimeout(&rd)
	case t.Heartbeat && n.role == Leader:
		if !n.isMember(t.Peer) || t.Peer == n.cfg.ID {
			return Ready{}, ErrUnknownPeer
		}
		n.AppendEntries(t.Peer, &rd)
	}
	return n.finish(&rd), nil
}

// HandleTimeout is Raft.tla's Timeout(i): start an election in a new term.
func (n *Node) HandleTimeout(rd *Ready) {
	n.becomeCandidate()
	rd.ResetElectionTimer = true
	if n.granted() >= n.quorum() {
		n.becomeLeader() // a single-member cluster elects itself
		return
	}
	for _, p := range n.peers() {
		n.send(rd, Message{Type: MsgVote, To: p, LastLogIndex: n.LastIndex(), LastLogTerm: n.lastTerm()})
	}
}

// AppendEntries is Raft.tla's AppendEntries(i, j, prev) with prev chosen by
// nextIndex: the entries from next[p] on, and the commit index.
func (n *Node) AppendEntries(p NodeID, rd *Ready) {
	prev := n.next[n.idx(p)] - 1
	n.send(rd, Message{Type: MsgApp, To: p, PrevIndex: prev, PrevTerm: n.termAt(prev),
		Entries: slices.Clone(n.log[prev:]), Commit: n.commit})
}

// Propose is Raft.tla's ClientRequest(i, v): the leader appends data.
// Replication follows on the heartbeat timers.
func (n *Node) Propose(data string) (Ready, error) {
	if n.role != Leader {
		return Ready{}, ErrNotLeader{Leader: n.leader}
	}
	var rd Ready
	n.log = append(n.log, Entry{Term: n.term, Data: data})
	n.dirty = true
	n.maybeCommit()
	return n.finish(&rd), nil
}

// Step handles a message (Raft.tla's Receive). A message from a newer term
// first makes this node a follower of that term; a message from an older
// term is answered, when it is a request, with this node's term.
func (n *Node) Step(m Message) (Ready, error) {
	if !n.isMember(m.From) || m.To != n.cfg.ID {
		return Ready{}, ErrUnknownPeer
	}
	var rd Ready
	if m.Term > n.term {
		n.becomeFollower(m.Term, None)
	}
	switch {
	case m.Type == MsgVote:
		n.HandleRequestVote(m, &rd)
	case m.Term < n.term:
		if m.Type == MsgApp {
			n.send(&rd, Message{Type: MsgAppResp, To: m.From, RejectHint: n.LastIndex()})
		}
		// Stale responses are ignored.
	default:
		n.step(n, m, &rd)
	}
	return n.finish(&rd), nil
}

// HandleRequestVote is Raft.tla's HandleRequestVote: grant when the terms
// agree, no other candidate has this node's vote in the term, and the
// candidate's log is at least as up to date (§5.4.1).
func (n *Node) HandleRequestVote(m Message, rd *Ready) {
	upToDate := m.LastLogTerm > n.lastTerm() || (m.LastLogTerm == n.lastTerm() && m.LastLogIndex >= n.LastIndex())
	if n.cfg.Bugs.SkipUpToDateCheck {
		upToDate = true
	}
	grant := m.Term == n.term && (n.vote == None || n.vote == m.From) && upToDate
	if grant && n.vote != m.From {
		n.vote, n.dirty = m.From, true
	}
	rd.ResetElectionTimer = rd.ResetElectionTimer || grant
	n.send(rd, Message{Type: MsgVoteResp, To: m.From, Granted: grant})
}

func stepFollower(n *Node, m Message, rd *Ready) {
	switch m.Type {
	case MsgApp:
		n.leader = m.From
		n.HandleAppendEntries(m, rd)
	}
}

func stepCandidate(n *Node, m Message, rd *Ready) {
	switch m.Type {
	case MsgApp:
		n.becomeFollower(m.Term, m.From) // a leader exists for this term
		n.HandleAppendEntries(m, rd)
	case MsgVoteResp:
		n.HandleRequestVoteResponse(m)
	}
}

func stepLeader(n *Node, m Message, rd *Ready) {
	switch m.Type {
	case MsgApp:
		// Two leaders in one term cannot happen; defer to the spec's rule
		// and follow the sender rather than keep a split brain.
		n.becomeFollower(m.Term, m.From)
		n.HandleAppendEntries(m, rd)
	case MsgAppResp:
		n.HandleAppendEntriesResponse(m)
	}
}

// HandleRequestVoteResponse is Raft.tla's HandleRequestVoteResponse: a
// quorum of votes makes the candidate leader.
func (n *Node) HandleRequestVoteResponse(m Message) {
	if m.Granted {
		n.votes[n.idx(m.From)] = true
	}
	if n.granted() >= n.quorum() {
		n.becomeLeader()
	}
}

func (n *Node) granted() int {
	c := 0
	for _, v := range n.votes {
		if v {
			c++
		}
	}
	return c
}

// HandleAppendEntries is Raft.tla's HandleAppendEntries (§5.3): check that
// the log holds prevIndex with prevTerm, keep the entries that agree, cut at
// the first conflict, append the rest, and learn the commit index.
func (n *Node) HandleAppendEntries(m Message, rd *Ready) {
	rd.ResetElectionTimer = true
	if m.PrevIndex > n.LastIndex() || n.termAt(m.PrevIndex) != m.PrevTerm {
		n.send(rd, Message{Type: MsgAppResp, To: m.From, RejectHint: n.LastIndex()})
		return
	}
	for k, e := range m.Entries {
		idx := m.PrevIndex + uint64(k) + 1
		if idx <= n.LastIndex() {
			if n.log[idx-1].Term == e.Term {
				continue
			}
			if idx <= n.commit {
				panic("raft: AppendEntries conflicts with a committed entry")
			}
			n.log = n.log[:idx-1]
		}
		n.log = append(n.log, m.Entries[k:]...)
		n.dirty = true
		break
	}
	last := m.PrevIndex + uint64(len(m.Entries))
	if c := min(m.Commit, last); c > n.commit {
		n.commit = c
	}
	n.send(rd, Message{Type: MsgAppResp, To: m.From, Success: true, MatchIndex: last})
}

// HandleAppendEntriesResponse is Raft.tla's HandleAppendEntriesResponse:
// record progress and commit what a quorum stores; on a rejection, move
// nextIndex back (the next heartbeat retries).
func (n *Node) HandleAppendEntriesResponse(m Message) {
	k := n.idx(m.From)
	if !m.Success {
		n.next[k] = max(1, min(n.next[k]-1, m.RejectHint+1))
		return
	}
	n.match[k] = max(n.match[k], m.MatchIndex)
	n.next[k] = max(n.next[k], n.match[k]+1)
	n.maybeCommit()
}

// maybeCommit advances commit to the highest index stored by a quorum that
// holds an entry of the current term; earlier terms' entries are committed
// with it (§5.4.2), never by counting their own replicas.
func (n *Node) maybeCommit() {
	for idx := n.LastIndex(); idx > n.commit; idx-- {
		if n.log[idx-1].Term != n.term && !n.cfg.Bugs.CommitPreviousTerm {
			break // entries below are from older terms too
		}
		count := 1 // the leader itself
		for k, p := range n.cfg.Members {
			if p != n.cfg.ID && n.match[k] >= idx {
				count++
			}
		}
		if count >= n.quorum() {
			n.commit = idx
			return
		}
	}
}
