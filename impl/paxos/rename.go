package paxos

import "slices"

// Acceptors are interchangeable in Paxos (quorums are counted, not named),
// so renaming them all at once gives a cluster that behaves the same up to
// the renaming: model checkers use it for symmetry reduction. Proposers are
// not: a proposer's id fixes its ballots (k, k+P, ...), so a renaming must
// leave every proposer's id alone.

// Renamed returns a copy of a with its id renamed by f (see above). a is
// not changed.
func (a *Acceptor) Renamed(f func(int) int) *Acceptor {
	c := *a
	c.cfg.ID = c.cfg.checked(f, a.cfg.ID)
	return &c
}

// Renamed returns a copy of p in which the acceptors that promised or
// voted are renamed by f (see above), kept in the order Step keeps them.
// p is not changed.
func (p *Proposer) Renamed(f func(int) int) *Proposer {
	c := *p
	c.cfg.ID = c.cfg.checked(f, p.cfg.ID)
	c.promises = renamedAll(p.promises, f)
	slices.SortFunc(c.promises, func(a, b Message) int { return a.From - b.From })
	c.votes = renamedAll(p.votes, f)
	slices.SortFunc(c.votes, cmpVote)
	return &c
}

// Renamed returns m with its sender renamed by f (see above); no other
// field names a node.
func (m Message) Renamed(f func(int) int) Message {
	m.From = f(m.From)
	return m
}

// checked is f(id), refusing a renaming that moves a proposer or makes an
// acceptor a proposer.
func (c Config) checked(f func(int) int, id int) int {
	x := f(id)
	if (id < c.Proposers || x < c.Proposers) && x != id {
		panic("paxos: Renamed: a renaming must leave proposers' ids alone")
	}
	return x
}

func renamedAll(ms []Message, f func(int) int) []Message {
	if ms == nil {
		return nil
	}
	out := make([]Message, len(ms))
	for k, m := range ms {
		out[k] = m.Renamed(f)
	}
	return out
}
