package paxos

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/checker"
)

// Limits of the fixed-size arrays that keep State comparable and cheap to copy.
const (
	MaxAcceptors = 5
	MaxProposers = 4
	MaxValues    = 9
	// MaxBallots bounds MaxBallot so that every ballot, and every pBal up to
	// MaxBallot + Proposers, fits in an int8.
	MaxBallots = 100
)

// None is maxVal's and a 1b message's mval "no value"; values are 1..V (v1, v2, ...).
const None = 0

// MsgType is the type of a message.
type MsgType uint8

const (
	M1a MsgType = iota // prepare request
	M1b                // promise, reporting the sender's latest vote
	M2a                // proposal (accept request)
	M2b                // vote (the proposal was accepted)
)

func (t MsgType) String() string { return [...]string{"1a", "1b", "2a", "2b"}[t] }

// Msg is a message of any type; fields its type does not have are zero, so
// equal Go values are exactly equal TLA+ records.
type Msg struct {
	Type MsgType
	Bal  int8
	Acc  uint8 // 1b, 2b: the sender (acceptor index)
	MBal int8  // 1b: ballot of the sender's latest vote, -1 if none
	Val  uint8 // 1b: value of that vote (mval, None if none); 2a, 2b: the value
}

func (m Msg) String() string {
	switch m.Type {
	case M1a:
		return fmt.Sprintf("1a{bal:%d}", m.Bal)
	case M1b:
		return fmt.Sprintf("1b{acc:a%d bal:%d mbal:%d mval:%s}", m.Acc+1, m.Bal, m.MBal, valueName(m.Val))
	case M2a:
		return fmt.Sprintf("2a{bal:%d val:%s}", m.Bal, valueName(m.Val))
	default:
		return fmt.Sprintf("2b{acc:a%d bal:%d val:%s}", m.Acc+1, m.Bal, valueName(m.Val))
	}
}

func valueName(v uint8) string {
	if v == None {
		return "None"
	}
	return fmt.Sprintf("v%d", v)
}

func cmpMsg(a, b Msg) int {
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Bal, b.Bal); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Acc, b.Acc); c != 0 {
		return c
	}
	if c := cmp.Compare(a.MBal, b.MBal); c != 0 {
		return c
	}
	return cmp.Compare(a.Val, b.Val)
}

// Msgs is a set of messages kept sorted; it is shared between states and
// never modified in place.
type Msgs []Msg

// NewMsgs makes a set from messages in any order, with repeats.
func NewMsgs(ms []Msg) Msgs {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, cmpMsg)
	return slices.Compact(ms)
}

// Has reports whether m is in the set.
func (s Msgs) Has(m Msg) bool {
	_, found := slices.BinarySearchFunc(s, m, cmpMsg)
	return found
}

// With returns the set with m added (the receiver is not modified).
func (s Msgs) With(m Msg) Msgs {
	i, found := slices.BinarySearchFunc(s, m, cmpMsg)
	if found {
		return s
	}
	out := make(Msgs, 0, len(s)+1)
	out = append(out, s[:i]...)
	out = append(out, m)
	return append(out, s[i:]...)
}

// State is one state of the spec: the TLA+ variables, indexed by acceptor
// (a1 is 0) and by proposer.
type State struct {
	MaxBal  [MaxAcceptors]int8
	MaxVBal [MaxAcceptors]int8
	MaxVal  [MaxAcceptors]uint8
	PBal    [MaxProposers]int8
	Msgs    Msgs
}

// Encode writes the canonical encoding for c's acceptors and proposers.
func (c Config) Encode(s *State, e *checker.Encoder) {
	for a := 0; a < c.Acceptors; a++ {
		e.Int(int(s.MaxBal[a]))
		e.Int(int(s.MaxVBal[a]))
		e.Uint(uint64(s.MaxVal[a]))
	}
	for p := 0; p < c.Proposers; p++ {
		e.Int(int(s.PBal[p]))
	}
	e.Len(len(s.Msgs))
	for _, m := range s.Msgs {
		e.Uint(uint64(m.Type))
		e.Int(int(m.Bal))
		e.Uint(uint64(m.Acc))
		e.Int(int(m.MBal))
		e.Uint(uint64(m.Val))
	}
}

// Format renders the state.
func (c Config) Format(s *State) string {
	var b strings.Builder
	for a := 0; a < c.Acceptors; a++ {
		fmt.Fprintf(&b, "a%d: maxBal=%d maxVBal=%d maxVal=%s; ", a+1, s.MaxBal[a], s.MaxVBal[a], valueName(s.MaxVal[a]))
	}
	pb := make([]string, c.Proposers)
	for p := range pb {
		pb[p] = fmt.Sprint(s.PBal[p])
	}
	fmt.Fprintf(&b, "pBal=<%s>; msgs={", strings.Join(pb, " "))
	for k, m := range s.Msgs {
		if k > 0 {
			b.WriteString(" ")
		}
		b.WriteString(m.String())
	}
	b.WriteString("}")
	return b.String()
}
