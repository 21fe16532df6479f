package paxos

import (
	"fmt"
	"math/bits"
)

// Config holds the constants of Paxos.tla: acceptors a1..aA, values
// v1..vV, proposers 0..Proposers-1 (NumProposers), ballots 0..MaxBallot.
// Live says which specification the model checks, as a .cfg's
// SPECIFICATION does: false is Spec with the invariants; true is LiveSpec
// (Spec with its weak-fairness conditions) with the invariants and the
// temporal property EventuallyChosen.
type Config struct {
	Acceptors int
	Values    int
	Proposers int
	MaxBallot int
	Live      bool
}

// Models are the .cfg files beside Paxos.tla, by name. The state space of
// Paxos grows fast with ballots: three acceptors with two values and three
// ballots already give about 700 thousand states, so each model keeps to
// what its claim needs.
var Models = map[string]Config{
	// Safety: three acceptors, two values, two proposers with one ballot each.
	"MCPaxos": {Acceptors: 3, Values: 2, Proposers: 2, MaxBallot: 1},
	// Liveness fails: two proposers duel over ballots 0..3.
	"MCPaxosDuel": {Acceptors: 2, Values: 1, Proposers: 2, MaxBallot: 3, Live: true},
	// Liveness holds: one distinguished proposer with ballots 0 and 1.
	"MCPaxosLeader": {Acceptors: 3, Values: 2, Proposers: 1, MaxBallot: 1, Live: true},
}

// ModelNames lists the models in a fixed order (safety first).
var ModelNames = []string{"MCPaxos", "MCPaxosDuel", "MCPaxosLeader"}

// Validate rejects constants the fixed-size state cannot hold.
func (c Config) Validate() error {
	switch {
	case c.Acceptors < 1 || c.Acceptors > MaxAcceptors:
		return fmt.Errorf("paxos spec: acceptors = %d, want 1..%d", c.Acceptors, MaxAcceptors)
	case c.Values < 1 || c.Values > MaxValues:
		return fmt.Errorf("paxos spec: values = %d, want 1..%d", c.Values, MaxValues)
	case c.Proposers < 1 || c.Proposers > MaxProposers:
		return fmt.Errorf("paxos spec: proposers = %d, want 1..%d", c.Proposers, MaxProposers)
	case c.MaxBallot < 0 || c.MaxBallot > MaxBallots:
		return fmt.Errorf("paxos spec: maxBallot = %d, want 0..%d", c.MaxBallot, MaxBallots)
	}
	return nil
}

// quorum: the acceptors in set (a bit set) are a majority.
func (c Config) quorum(set uint32) bool { return 2*bits.OnesCount32(set) > c.Acceptors }

// ballot: b is in Ballot.
func (c Config) ballot(b int) bool { return b >= 0 && b <= c.MaxBallot }

// Owner is Paxos.tla's Owner(b).
func (c Config) Owner(b int) int { return b % c.Proposers }

// Init is Paxos.tla's Init.
func (c Config) Init() State {
	var s State
	for a := range s.MaxBal {
		s.MaxBal[a], s.MaxVBal[a] = -1, -1
	}
	for p := range s.PBal {
		s.PBal[p] = -1
	}
	return s
}

// NextBallot is Paxos.tla's NextBallot(p).
func (c Config) NextBallot(s *State, p int) int {
	if s.PBal[p] == -1 {
		return p
	}
	return int(s.PBal[p]) + c.Proposers
}

// Leading is Paxos.tla's Leading(p): p's round is under way and no message
// of a higher ballot has been sent.
func (c Config) Leading(s *State, p int) bool {
	if !c.ballot(int(s.PBal[p])) {
		return false
	}
	for _, m := range s.Msgs {
		if m.Bal > s.PBal[p] {
			return false
		}
	}
	return true
}

// Phase1a is Paxos.tla's Phase1a(b): the owner of b, not leading, begins b.
func (c Config) Phase1a(s State, b int) (State, bool) {
	p := c.Owner(b)
	if !c.ballot(b) || b != c.NextBallot(&s, p) || c.Leading(&s, p) {
		return s, false
	}
	s.PBal[p] = int8(b)
	s.Msgs = s.Msgs.With(Msg{Type: M1a, Bal: int8(b)})
	return s, true
}

// Timeout is Paxos.tla's Timeout(p): p's timer fires while it leads, and it
// begins its next ballot.
func (c Config) Timeout(s State, p int) (State, bool) {
	next := c.NextBallot(&s, p)
	if !c.Leading(&s, p) || !c.ballot(next) {
		return s, false
	}
	s.PBal[p] = int8(next)
	s.Msgs = s.Msgs.With(Msg{Type: M1a, Bal: int8(next)})
	return s, true
}

// GiveUp is Paxos.tla's GiveUp(p): p leads with no ballot left while
// another proposer competes; it moves past MaxBallot.
func (c Config) GiveUp(s State, p int) (State, bool) {
	next := c.NextBallot(&s, p)
	if !c.Leading(&s, p) || c.ballot(next) {
		return s, false
	}
	competed := false
	for q := 0; q < c.Proposers; q++ {
		if q != p && s.PBal[q] != -1 {
			competed = true
		}
	}
	if !competed {
		return s, false
	}
	s.PBal[p] = int8(next)
	return s, true
}

// Phase1b is Paxos.tla's Phase1b(a) for the message m it receives.
func (c Config) Phase1b(s State, a int, m Msg) (State, bool) {
	if m.Type != M1a || m.Bal <= s.MaxBal[a] {
		return s, false
	}
	s.MaxBal[a] = m.Bal
	s.Msgs = s.Msgs.With(Msg{Type: M1b, Acc: uint8(a), Bal: m.Bal, MBal: s.MaxVBal[a], Val: s.MaxVal[a]})
	return s, true
}

// ProvedSafe is Paxos.tla's ProvedSafe(b), as a bit set of values (bit v
// for value v): a quorum has answered ballot b, and either none of its
// answers reports a vote or v is the value of a highest-ballot one.
func (c Config) ProvedSafe(s *State, b int) uint32 {
	var answered uint32
	for _, m := range s.Msgs {
		if m.Type == M1b && int(m.Bal) == b {
			answered |= 1 << m.Acc
		}
	}
	all := uint32(1)<<(c.Values+1) - 2 // bits 1..V
	var safe uint32
	for q := uint32(1); q < 1<<c.Acceptors; q++ {
		if q&answered != q || !c.quorum(q) {
			continue
		}
		top, vals := int8(-1), uint32(0)
		for _, m := range s.Msgs {
			if m.Type != M1b || int(m.Bal) != b || q&(1<<m.Acc) == 0 || m.MBal < 0 {
				continue
			}
			switch {
			case m.MBal > top:
				top, vals = m.MBal, 1<<m.Val
			case m.MBal == top:
				vals |= 1 << m.Val
			}
		}
		if top < 0 {
			return all
		}
		safe |= vals
	}
	return safe & all
}

// Phase2a is Paxos.tla's Phase2a(b, v).
func (c Config) Phase2a(s State, b, v int) (State, bool) {
	if int(s.PBal[c.Owner(b)]) != b || c.ProvedSafe(&s, b)&(1<<v) == 0 {
		return s, false
	}
	for _, m := range s.Msgs {
		if m.Type == M2a && int(m.Bal) == b {
			return s, false
		}
	}
	s.Msgs = s.Msgs.With(Msg{Type: M2a, Bal: int8(b), Val: uint8(v)})
	return s, true
}

// Phase2b is Paxos.tla's Phase2b(a) for the message m it receives. When a
// has already voted for m the successor equals s; TLC generates (and
// counts) it all the same, and so does Next.
func (c Config) Phase2b(s State, a int, m Msg) (State, bool) {
	if m.Type != M2a || m.Bal < s.MaxBal[a] {
		return s, false
	}
	s.MaxBal[a], s.MaxVBal[a], s.MaxVal[a] = m.Bal, m.Bal, m.Val
	s.Msgs = s.Msgs.With(Msg{Type: M2b, Acc: uint8(a), Bal: m.Bal, Val: m.Val})
	return s, true
}

// Next enumerates Paxos.tla's Next in a fixed order, one successor for each
// successor TLC generates, labelled with its TLA+ action and parameters (an
// acceptor's step also names the ballot, and for Phase2b the value, of the
// message it receives, so that labels are unique).
func (c Config) Next(s State, yield func(string, State) bool) {
	for b := 0; b <= c.MaxBallot; b++ {
		if t, ok := c.Phase1a(s, b); ok && !yield(phase1aLabel(b), t) {
			return
		}
	}
	for p := 0; p < c.Proposers; p++ {
		if t, ok := c.Timeout(s, p); ok && !yield(fmt.Sprintf("Timeout(%d)", p), t) {
			return
		}
		if t, ok := c.GiveUp(s, p); ok && !yield(fmt.Sprintf("GiveUp(%d)", p), t) {
			return
		}
	}
	for a := 0; a < c.Acceptors; a++ {
		for _, m := range s.Msgs {
			if t, ok := c.Phase1b(s, a, m); ok && !yield(phase1bLabel(a, int(m.Bal)), t) {
				return
			}
		}
		for _, m := range s.Msgs {
			if t, ok := c.Phase2b(s, a, m); ok && !yield(phase2bLabel(a, int(m.Bal), int(m.Val)), t) {
				return
			}
		}
	}
	for b := 0; b <= c.MaxBallot; b++ {
		for v := 1; v <= c.Values; v++ {
			if t, ok := c.Phase2a(s, b, v); ok && !yield(phase2aLabel(b, v), t) {
				return
			}
		}
	}
}

func phase1aLabel(b int) string       { return fmt.Sprintf("Phase1a(%d)", b) }
func phase1bLabel(a, b int) string    { return fmt.Sprintf("Phase1b(a%d,%d)", a+1, b) }
func phase2aLabel(b, v int) string    { return fmt.Sprintf("Phase2a(%d,v%d)", b, v) }
func phase2bLabel(a, b, v int) string { return fmt.Sprintf("Phase2b(a%d,%d,v%d)", a+1, b, v) }
