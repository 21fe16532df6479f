package raft

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/checker"
)

// Limits of the fixed-size arrays that keep State comparable and cheap to copy.
const (
	MaxServers = 5
	MaxLog     = 4
)

// Role is a server's role.
type Role uint8

const (
	Follower Role = iota
	Candidate
	Leader
)

func (r Role) String() string { return [...]string{"Follower", "Candidate", "Leader"}[r] }

// Nil is votedFor's "nobody"; servers are 0..n-1.
const Nil = 255

// Entry is a log entry; Value is 1-based (v1, v2, ...).
type Entry struct{ Term, Value uint8 }

// Log is a sequence of at most MaxLog entries.
type Log struct {
	N uint8
	E [MaxLog]Entry
}

// Len is the number of entries.
func (l Log) Len() int { return int(l.N) }

// At returns the entry at 1-based index n, as in TLA+.
func (l Log) At(n int) Entry { return l.E[n-1] }

// LastTerm is the term of the last entry, or 0.
func (l Log) LastTerm() uint8 {
	if l.N == 0 {
		return 0
	}
	return l.E[l.N-1].Term
}

// Append returns l with e added.
func (l Log) Append(e Entry) Log {
	l.E[l.N] = e
	l.N++
	return l
}

// Prefix returns the first n entries (SubSeq(l, 1, n)).
func (l Log) Prefix(n int) Log {
	out := Log{N: uint8(n)}
	copy(out.E[:n], l.E[:n])
	return out
}

// Suffix returns the entries after index n (SubSeq(l, n+1, Len(l))).
func (l Log) Suffix(n int) Log {
	out := Log{N: l.N - uint8(n)}
	copy(out.E[:], l.E[n:l.N])
	return out
}

func (l Log) String() string {
	parts := make([]string, l.N)
	for k := 0; k < int(l.N); k++ {
		parts[k] = fmt.Sprintf("%d:v%d", l.E[k].Term, l.E[k].Value)
	}
	return "<" + strings.Join(parts, " ") + ">"
}

// MsgType is the type of a message.
type MsgType uint8

const (
	RV  MsgType = iota // RequestVote
	RVR                // RequestVote response
	AE                 // AppendEntries
	AER                // AppendEntries response
)

func (t MsgType) String() string { return [...]string{"RV", "RVR", "AE", "AER"}[t] }

// Msg is a message of any type; fields not used by its type are zero, so
// equal Go values are exactly equal TLA+ records.
type Msg struct {
	Type     MsgType
	Term     uint8
	Src, Dst uint8
	// RV
	LastLogTerm, LastLogIndex uint8
	// RVR
	Granted bool
	// AE
	PrevIndex, PrevTerm uint8
	Entries             Log
	Commit              uint8
	// AER
	Success    bool
	MatchIndex uint8
}

func (m Msg) String() string {
	head := fmt.Sprintf("%v s%d->s%d term=%d", m.Type, m.Src+1, m.Dst+1, m.Term)
	switch m.Type {
	case RV:
		return fmt.Sprintf("%s lastLogTerm=%d lastLogIndex=%d", head, m.LastLogTerm, m.LastLogIndex)
	case RVR:
		return fmt.Sprintf("%s granted=%v", head, m.Granted)
	case AE:
		return fmt.Sprintf("%s prevIndex=%d prevTerm=%d entries=%v commit=%d", head, m.PrevIndex, m.PrevTerm, m.Entries, m.Commit)
	default:
		return fmt.Sprintf("%s success=%v matchIndex=%d", head, m.Success, m.MatchIndex)
	}
}

func cmpMsg(a, b Msg) int {
	// Field by field, stopping at the first difference: symmetry reduction
	// sorts every permuted message set, so this is on the hot path.
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Term, b.Term); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Src, b.Src); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Dst, b.Dst); c != 0 {
		return c
	}
	if c := cmp.Compare(a.LastLogTerm, b.LastLogTerm); c != 0 {
		return c
	}
	if c := cmp.Compare(a.LastLogIndex, b.LastLogIndex); c != 0 {
		return c
	}
	if c := cmpBool(a.Granted, b.Granted); c != 0 {
		return c
	}
	if c := cmp.Compare(a.PrevIndex, b.PrevIndex); c != 0 {
		return c
	}
	if c := cmp.Compare(a.PrevTerm, b.PrevTerm); c != 0 {
		return c
	}
	if c := cmpLog(a.Entries, b.Entries); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Commit, b.Commit); c != 0 {
		return c
	}
	if c := cmpBool(a.Success, b.Success); c != 0 {
		return c
	}
	return cmp.Compare(a.MatchIndex, b.MatchIndex)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func cmpLog(a, b Log) int {
	if c := cmp.Compare(a.N, b.N); c != 0 {
		return c
	}
	for k := 0; k < int(a.N); k++ {
		if c := cmp.Compare(a.E[k].Term, b.E[k].Term); c != 0 {
			return c
		}
		if c := cmp.Compare(a.E[k].Value, b.E[k].Value); c != 0 {
			return c
		}
	}
	return 0
}

// Msgs is a set of messages kept sorted; it is shared between states and
// never modified in place.
type Msgs []Msg

// NewMsgs makes a set from messages in any order, with repeats.
func NewMsgs(ms []Msg) Msgs {
	slices.SortFunc(ms, cmpMsg)
	return slices.CompactFunc(ms, func(a, b Msg) bool { return a == b })
}

// With returns the set with m added (the receiver is not modified).
func (s Msgs) With(ms ...Msg) Msgs {
	out := s
	copied := false
	for _, m := range ms {
		i, found := slices.BinarySearchFunc(out, m, cmpMsg)
		if found {
			continue
		}
		if !copied {
			out = slices.Clone(out)
			copied = true
		}
		out = slices.Insert(out, i, m)
	}
	return out
}

// State is one state of the spec: the TLA+ variables, indexed by server.
type State struct {
	CurrentTerm  [MaxServers]uint8
	Role         [MaxServers]Role
	VotedFor     [MaxServers]uint8
	Log          [MaxServers]Log
	CommitIndex  [MaxServers]uint8
	VotesGranted [MaxServers]uint8 // bit set of servers
	MatchIndex   [MaxServers][MaxServers]uint8
	Msgs         Msgs
}

// Encode writes the canonical encoding for n servers.
func (s *State) Encode(n int, e *checker.Encoder) {
	for i := 0; i < n; i++ {
		e.Uint(uint64(s.CurrentTerm[i]))
		e.Uint(uint64(s.Role[i]))
		e.Uint(uint64(s.VotedFor[i]))
		encodeLog(e, s.Log[i])
		e.Uint(uint64(s.CommitIndex[i]))
		e.Uint(uint64(s.VotesGranted[i]))
		for j := 0; j < n; j++ {
			e.Uint(uint64(s.MatchIndex[i][j]))
		}
	}
	e.Len(len(s.Msgs))
	for _, m := range s.Msgs {
		e.Uint(uint64(m.Type))
		e.Uint(uint64(m.Term))
		e.Uint(uint64(m.Src))
		e.Uint(uint64(m.Dst))
		e.Uint(uint64(m.LastLogTerm))
		e.Uint(uint64(m.LastLogIndex))
		e.Bool(m.Granted)
		e.Uint(uint64(m.PrevIndex))
		e.Uint(uint64(m.PrevTerm))
		encodeLog(e, m.Entries)
		e.Uint(uint64(m.Commit))
		e.Bool(m.Success)
		e.Uint(uint64(m.MatchIndex))
	}
}

func encodeLog(e *checker.Encoder, l Log) {
	e.Len(int(l.N))
	for k := 0; k < int(l.N); k++ {
		e.Uint(uint64(l.E[k].Term))
		e.Uint(uint64(l.E[k].Value))
	}
}

// Format renders the state for n servers.
func (s *State) Format(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		vote := "Nil"
		if s.VotedFor[i] != Nil {
			vote = fmt.Sprintf("s%d", s.VotedFor[i]+1)
		}
		fmt.Fprintf(&b, "s%d: %v term=%d votedFor=%s log=%v commit=%d", i+1, s.Role[i], s.CurrentTerm[i], vote, s.Log[i], s.CommitIndex[i])
		if s.Role[i] == Candidate {
			fmt.Fprintf(&b, " votes=%s", serverSet(s.VotesGranted[i], n))
		}
		if s.Role[i] == Leader {
			fmt.Fprintf(&b, " match=%v", s.MatchIndex[i][:n])
		}
		b.WriteString("; ")
	}
	fmt.Fprintf(&b, "msgs=%d", len(s.Msgs))
	return b.String()
}

func serverSet(bits uint8, n int) string {
	var parts []string
	for j := 0; j < n; j++ {
		if bits&(1<<j) != 0 {
			parts = append(parts, fmt.Sprintf("s%d", j+1))
		}
	}
	return "{" + strings.Join(parts, ",") + "}"
}
