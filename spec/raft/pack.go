package raft

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
)

// packer gives the spec's states their compact form for the checker's
// frontier (checker.Model.Pack): the servers' variables as bytes and each
// message as its number in a table of the messages met so far. A state of
// three servers with a dozen messages packs to about 50 bytes, where State
// is 120 bytes plus its message slice.
type packer struct {
	n    int
	msgs checker.Table[Msg]
}

func (p *packer) pack(s State, buf []byte) []byte {
	for i := 0; i < p.n; i++ {
		buf = append(buf, s.CurrentTerm[i], byte(s.Role[i]), s.VotedFor[i], s.CommitIndex[i], s.VotesGranted[i], s.Log[i].N)
		for k := 0; k < int(s.Log[i].N); k++ {
			buf = append(buf, s.Log[i].E[k].Term, s.Log[i].E[k].Value)
		}
		buf = append(buf, s.MatchIndex[i][:p.n]...)
	}
	return p.msgs.AppendIDs(buf, s.Msgs)
}

func (p *packer) unpack(b []byte) State {
	var s State
	take := func(k int) []byte {
		if len(b) < k {
			panic(fmt.Sprintf("raft: unpacking a state: %d bytes left, want %d", len(b), k))
		}
		out := b[:k]
		b = b[k:]
		return out
	}
	for i := 0; i < p.n; i++ {
		h := take(6)
		s.CurrentTerm[i], s.Role[i], s.VotedFor[i], s.CommitIndex[i], s.VotesGranted[i], s.Log[i].N = h[0], Role(h[1]), h[2], h[3], h[4], h[5]
		for k := 0; k < int(s.Log[i].N); k++ {
			e := take(2)
			s.Log[i].E[k] = Entry{Term: e[0], Value: e[1]}
		}
		copy(s.MatchIndex[i][:p.n], take(p.n))
	}
	s.Msgs, b = p.msgs.ReadIDs(b)
	if len(b) != 0 {
		panic(fmt.Sprintf("raft: unpacking a state: %d bytes left over", len(b)))
	}
	return s
}
