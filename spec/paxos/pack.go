package paxos

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
)

// packer gives the spec's states their compact form for the checker's
// frontier (checker.Model.Pack): the acceptors' and proposers' variables
// as bytes and each message as its number in a table of the messages met.
type packer struct {
	acceptors, proposers int
	msgs                 checker.Table[Msg]
}

func (p *packer) pack(s State, buf []byte) []byte {
	for a := 0; a < p.acceptors; a++ {
		buf = append(buf, byte(s.MaxBal[a]), byte(s.MaxVBal[a]), s.MaxVal[a])
	}
	for q := 0; q < p.proposers; q++ {
		buf = append(buf, byte(s.PBal[q]))
	}
	return p.msgs.AppendIDs(buf, s.Msgs)
}

func (p *packer) unpack(b []byte) State {
	var s State
	fixed := 3*p.acceptors + p.proposers
	if len(b) < fixed {
		panic(fmt.Sprintf("paxos: unpacking a state: %d bytes, want at least %d", len(b), fixed))
	}
	for a := 0; a < p.acceptors; a++ {
		s.MaxBal[a], s.MaxVBal[a], s.MaxVal[a] = int8(b[3*a]), int8(b[3*a+1]), b[3*a+2]
	}
	for q := 0; q < p.proposers; q++ {
		s.PBal[q] = int8(b[3*p.acceptors+q])
	}
	s.Msgs, b = p.msgs.ReadIDs(b[fixed:])
	if len(b) != 0 {
		panic(fmt.Sprintf("paxos: unpacking a state: %d bytes left over", len(b)))
	}
	return s
}
