package raft

import "slices"

// Renamed returns a copy of n in which every node id is renamed by f,
// which must permute the members. Raft servers have no identity beyond
// their names (no server is special, nothing depends on the order of
// ids), so renaming every server of a cluster at once gives a cluster that
// behaves the same up to the renaming: model checkers use it for symmetry
// reduction. n is not changed.
func (n *Node) Renamed(f func(NodeID) NodeID) *Node {
	c := *n
	c.log = slices.Clone(n.log)
	c.cfg.ID = f(n.cfg.ID)
	c.vote = rename(f, n.vote)
	c.leader = rename(f, n.leader)
	// The member list keeps its order; per-member state moves to the
	// renamed member's index.
	at := make([]int, len(n.cfg.Members))
	for k, p := range n.cfg.Members {
		if at[k] = n.idx(f(p)); at[k] < 0 {
			panic("raft: Renamed: the renaming does not permute the members")
		}
	}
	c.votes = permuted(n.votes, at)
	c.next = permuted(n.next, at)
	c.match = permuted(n.match, at)
	return &c
}

// Renamed returns d with the vote renamed by f (see Node.Renamed).
func (d Durable) Renamed(f func(NodeID) NodeID) Durable {
	d.Vote = rename(f, d.Vote)
	return d
}

// Renamed returns m with sender and receiver renamed by f (see
// Node.Renamed); no other field names a node.
func (m Message) Renamed(f func(NodeID) NodeID) Message {
	m.From, m.To = f(m.From), f(m.To)
	return m
}

func rename(f func(NodeID) NodeID, id NodeID) NodeID {
	if id == None {
		return None
	}
	return f(id)
}

// permuted moves xs[k] to at[k]; nil stays nil.
func permuted[T any](xs []T, at []int) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	for k, x := range xs {
		out[at[k]] = x
	}
	return out
}
