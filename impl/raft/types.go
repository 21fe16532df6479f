package raft

import (
	"errors"
	"fmt"
)

// NodeID names a node. None means no node.
type NodeID int

// None is "no node" (no vote, no known leader).
const None NodeID = -1

// Role is a node's role.
type Role uint8

const (
	Follower Role = iota
	Candidate
	Leader
)

func (r Role) String() string { return [...]string{"Follower", "Candidate", "Leader"}[r] }

// Entry is a log entry. Index is implied by its position (1-based).
type Entry struct {
	Term uint64
	Data string
}

// MessageType is the kind of a message.
type MessageType uint8

const (
	MsgVote     MessageType = iota // RequestVote
	MsgVoteResp                    // RequestVote response
	MsgApp                         // AppendEntries
	MsgAppResp                     // AppendEntries response
)

func (t MessageType) String() string {
	return [...]string{"RequestVote", "RequestVoteResp", "AppendEntries", "AppendEntriesResp"}[t]
}

// Message is a Raft RPC or its response; fields a type does not use are zero.
type Message struct {
	Type     MessageType
	From, To NodeID
	Term     uint64
	// MsgVote
	LastLogIndex, LastLogTerm uint64
	// MsgVoteResp
	Granted bool
	// MsgApp
	PrevIndex, PrevTerm uint64
	Entries             []Entry
	Commit              uint64
	// MsgAppResp
	Success    bool
	MatchIndex uint64 // on success: the last index the follower now matches
	RejectHint uint64 // on failure: the follower's last index, so the leader can skip back
}

// String is a canonical, readable rendering: two messages are equal exactly
// when their strings are.
func (m Message) String() string {
	head := fmt.Sprintf("%v{term:%d", m.Type, m.Term)
	switch m.Type {
	case MsgVote:
		return fmt.Sprintf("%s lastIndex:%d lastTerm:%d}", head, m.LastLogIndex, m.LastLogTerm)
	case MsgVoteResp:
		return fmt.Sprintf("%s granted:%v}", head, m.Granted)
	case MsgApp:
		es := ""
		for k, e := range m.Entries {
			if k > 0 {
				es += " "
			}
			es += fmt.Sprintf("%d:%q", e.Term, e.Data)
		}
		return fmt.Sprintf("%s prev:%d/%d entries:[%s] commit:%d}", head, m.PrevIndex, m.PrevTerm, es, m.Commit)
	default:
		if m.Success {
			return fmt.Sprintf("%s ok match:%d}", head, m.MatchIndex)
		}
		return fmt.Sprintf("%s reject hint:%d}", head, m.RejectHint)
	}
}

// Durable is the state that must reach stable storage before any message
// of the step that changed it is sent (Raft, Figure 2: "persistent state").
type Durable struct {
	Term uint64
	Vote NodeID
	Log  []Entry
}

// Clone returns a deep copy.
func (d Durable) Clone() Durable {
	d.Log = append([]Entry(nil), d.Log...)
	return d
}

// Ready is the output of one step.
type Ready struct {
	// Persist, when non-nil, must be written to stable storage before
	// Messages are sent.
	Persist *Durable
	// Messages to send, in order.
	Messages []Message
	// Committed lists entries newly known committed, in log order, to be
	// applied to the state machine.
	Committed []Entry
	// ResetElectionTimer is set when the node heard from a current leader,
	// granted a vote or started an election: a real-time driver restarts
	// the election timeout (a model checker may ignore it, since it lets
	// timers fire at any moment).
	ResetElectionTimer bool
}

// Timer names a timer: the election timer, or the heartbeat timer towards one peer.
type Timer struct {
	Heartbeat bool
	Peer      NodeID // heartbeat only
}

// ElectionTimer is the election timer.
var ElectionTimer = Timer{}

func (t Timer) String() string {
	if t.Heartbeat {
		return fmt.Sprintf("heartbeat->n%d", t.Peer+1)
	}
	return "election"
}

// ErrNotLeader is returned by Propose on a node that is not the leader.
type ErrNotLeader struct {
	Leader NodeID // the leader this node knows of, or None
}

func (e ErrNotLeader) Error() string {
	if e.Leader == None {
		return "raft: not the leader (leader unknown)"
	}
	return fmt.Sprintf("raft: not the leader (try n%d)", e.Leader+1)
}

// ErrUnknownPeer is returned for a timer or message naming no member.
var ErrUnknownPeer = errors.New("raft: unknown peer")

// Bugs are seeded mistakes for testing checkers; the zero value is correct Raft.
type Bugs struct {
	// VoteNotPersisted leaves the vote out of the durable state, so a node
	// that restarts may vote twice in one term.
	VoteNotPersisted bool
	// CommitPreviousTerm commits any entry a quorum stores, even one from an
	// earlier term (the mistake of the Raft paper's Figure 8).
	CommitPreviousTerm bool
	// SkipUpToDateCheck grants votes without comparing logs (§5.4.1).
	SkipUpToDateCheck bool
}

// Config configures a node.
type Config struct {
	ID      NodeID
	Members []NodeID // every member, this node included, in a fixed order
	Bugs    Bugs
}
