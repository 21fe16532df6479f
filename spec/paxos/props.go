package paxos

import "math/bits"

// VotedFor is Paxos.tla's VotedFor(a, b, v): a sent a 2b message for v in b.
func (c Config) VotedFor(s *State, a, b, v int) bool {
	return s.Msgs.Has(Msg{Type: M2b, Acc: uint8(a), Bal: int8(b), Val: uint8(v)})
}

// DidNotVoteAt is Paxos.tla's DidNotVoteAt(a, b).
func (c Config) DidNotVoteAt(s *State, a, b int) bool {
	for v := 1; v <= c.Values; v++ {
		if c.VotedFor(s, a, b, v) {
			return false
		}
	}
	return true
}

// Chosen is Paxos.tla's Chosen as a bit set of values (bit v for value v):
// a quorum voted for v in one ballot.
func (c Config) Chosen(s *State) uint32 {
	var chosen uint32
	for b := 0; b <= c.MaxBallot; b++ {
		for v := 1; v <= c.Values; v++ {
			var voters uint32
			for a := 0; a < c.Acceptors; a++ {
				if c.VotedFor(s, a, b, v) {
					voters |= 1 << a
				}
			}
			if c.quorum(voters) { // some quorum voted: then the voters are one
				chosen |= 1 << v
			}
		}
	}
	return chosen
}

// SafeAt is Paxos.tla's SafeAt(b, v): in every ballot c below b, a quorum
// of acceptors each voted for v in c or moved past c without voting in it.
func (c Config) SafeAt(s *State, b, v int) bool {
	for k := 0; k < b; k++ {
		var ok uint32
		for a := 0; a < c.Acceptors; a++ {
			if c.VotedFor(s, a, k, v) || (int(s.MaxBal[a]) > k && c.DidNotVoteAt(s, a, k)) {
				ok |= 1 << a
			}
		}
		if !c.quorum(ok) {
			return false
		}
	}
	return true
}

// TypeOK: the shape of the state (and the Go representation's own rule
// that fields a message type does not have are zero).
func (c Config) TypeOK(s *State) bool {
	bal := func(b int8, lo int) bool { return int(b) >= lo && int(b) <= c.MaxBallot }
	for a := 0; a < c.Acceptors; a++ {
		if !bal(s.MaxBal[a], -1) || !bal(s.MaxVBal[a], -1) || int(s.MaxVal[a]) > c.Values {
			return false
		}
	}
	for p := 0; p < c.Proposers; p++ {
		if int(s.PBal[p]) < -1 || int(s.PBal[p]) > c.MaxBallot+c.Proposers {
			return false
		}
	}
	for _, m := range s.Msgs {
		ok := bal(m.Bal, 0)
		switch m.Type {
		case M1a:
			ok = ok && m.Acc == 0 && m.MBal == 0 && m.Val == 0
		case M1b:
			ok = ok && int(m.Acc) < c.Acceptors && bal(m.MBal, -1) && int(m.Val) <= c.Values
		case M2a:
			ok = ok && m.Acc == 0 && m.MBal == 0 && m.Val >= 1 && int(m.Val) <= c.Values
		case M2b:
			ok = ok && int(m.Acc) < c.Acceptors && m.MBal == 0 && m.Val >= 1 && int(m.Val) <= c.Values
		default:
			ok = false
		}
		if !ok {
			return false
		}
	}
	return true
}

// Agreement: at most one value is chosen.
func (c Config) Agreement(s *State) bool { return bits.OnesCount32(c.Chosen(s)) <= 1 }

// Validity: only a proposed value (the value of a 2a message) is chosen.
func (c Config) Validity(s *State) bool {
	chosen := c.Chosen(s)
	for v := 1; v <= c.Values; v++ {
		if chosen&(1<<v) == 0 {
			continue
		}
		proposed := false
		for _, m := range s.Msgs {
			if m.Type == M2a && int(m.Val) == v {
				proposed = true
			}
		}
		if !proposed {
			return false
		}
	}
	return true
}

// AcceptorInv: an acceptor's latest vote is a 2b message it sent, it sent
// none in a later ballot, and it took part in that ballot.
func (c Config) AcceptorInv(s *State) bool {
	for a := 0; a < c.Acceptors; a++ {
		if s.MaxVBal[a] > s.MaxBal[a] {
			return false
		}
		if s.MaxVBal[a] == -1 {
			if s.MaxVal[a] != None {
				return false
			}
		} else if !c.VotedFor(s, a, int(s.MaxVBal[a]), int(s.MaxVal[a])) {
			return false
		}
		for _, m := range s.Msgs {
			if m.Type == M2b && int(m.Acc) == a && m.Bal > s.MaxVBal[a] {
				return false
			}
		}
	}
	return true
}

// PromiseInv: a 1b message's sender took part in its ballot, its reported
// vote was cast, and the sender cast no vote between that one and the
// message's ballot.
func (c Config) PromiseInv(s *State) bool {
	for _, m := range s.Msgs {
		if m.Type != M1b {
			continue
		}
		a := int(m.Acc)
		switch {
		case s.MaxBal[a] < m.Bal,
			m.MBal >= m.Bal,
			m.MBal >= 0 && !c.VotedFor(s, a, int(m.MBal), int(m.Val)),
			m.MBal == -1 && m.Val != None:
			return false
		}
		for k := int(m.MBal) + 1; k < int(m.Bal); k++ {
			if !c.DidNotVoteAt(s, a, k) {
				return false
			}
		}
	}
	return true
}

// ProposalInv: a proposal is safe, and one ballot has at most one proposal.
func (c Config) ProposalInv(s *State) bool {
	for _, m := range s.Msgs {
		if m.Type != M2a {
			continue
		}
		if !c.SafeAt(s, int(m.Bal), int(m.Val)) {
			return false
		}
		for _, mm := range s.Msgs {
			if mm.Type == M2a && mm.Bal == m.Bal && mm.Val != m.Val {
				return false
			}
		}
	}
	return true
}

// VoteInv: a vote was for a proposal, and its sender took part in its ballot.
func (c Config) VoteInv(s *State) bool {
	for _, m := range s.Msgs {
		if m.Type != M2b {
			continue
		}
		if !s.Msgs.Has(Msg{Type: M2a, Bal: m.Bal, Val: m.Val}) || s.MaxBal[m.Acc] < m.Bal {
			return false
		}
	}
	return true
}

// ProposerInv: a proposer's current round is one of its ballots and its 1a
// message was sent, and no ballot above a proposer's current round has been
// begun or proposed in.
func (c Config) ProposerInv(s *State) bool {
	for p := 0; p < c.Proposers; p++ {
		b := int(s.PBal[p])
		if c.ballot(b) && (c.Owner(b) != p || !s.Msgs.Has(Msg{Type: M1a, Bal: int8(b)})) {
			return false
		}
	}
	for _, m := range s.Msgs {
		if (m.Type == M1a || m.Type == M2a) && s.PBal[c.Owner(int(m.Bal))] < m.Bal {
			return false
		}
	}
	return true
}

// Invariant is a named state predicate.
type Invariant struct {
	Name  string
	Holds func(*State) bool
}

// Invariants lists the spec's invariants by their TLA+ names, in the order
// of the .cfg files.
func (c Config) Invariants() []Invariant {
	return []Invariant{
		{"TypeOK", c.TypeOK},
		{"Agreement", c.Agreement},
		{"Validity", c.Validity},
		{"AcceptorInv", c.AcceptorInv},
		{"PromiseInv", c.PromiseInv},
		{"ProposalInv", c.ProposalInv},
		{"VoteInv", c.VoteInv},
		{"ProposerInv", c.ProposerInv},
	}
}
