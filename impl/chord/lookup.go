package chord

import "fmt"

// Hop is a node's answer to one step of an iterative lookup.
type Hop struct {
	// Next is the owner of the key when Done, else the node to ask next.
	Next ID
	Done bool
}

// NextHop answers one step of an iterative lookup of key: when key lies in
// (n, best successor] the best successor owns it (done); otherwise the
// next node to ask is the closest live node preceding key among the
// fingers and the successor list, or the best successor when none
// precedes it. ok is false when every successor is dead.
func (n *Node) NextHop(key ID, alive func(ID) bool) (h Hop, ok bool) {
	bs, ok := n.BestSucc(alive)
	if !ok {
		return Hop{}, false
	}
	if InInterval(n.id, key, bs) {
		return Hop{Next: bs, Done: true}, true
	}
	if f := n.closestPreceding(key, alive); f != n.id {
		return Hop{Next: f}, true
	}
	return Hop{Next: bs}, true
}

// closestPreceding is the live known node in (n, key) farthest from n, or
// n itself when there is none (closest_preceding_node of the 2003 paper,
// over fingers and successors both).
func (n *Node) closestPreceding(key ID, alive func(ID) bool) ID {
	best, far := n.id, uint64(0)
	consider := func(c ID) {
		if Between(n.id, c, key) && alive(c) {
			if d := n.cfg.Space.Dist(n.id, c); d > far {
				best, far = c, d
			}
		}
	}
	for i := len(n.finger) - 1; i >= 0; i-- {
		if n.fingerSet&(1<<uint(i)) != 0 {
			consider(n.finger[i])
		}
	}
	for _, s := range n.succ {
		consider(s)
	}
	return best
}

// maxHops bounds an iterative lookup; a correct ring needs at most about
// m hops, so more means the pointers loop.
const maxHops = 4 * 64

// Lookup runs an iterative lookup of key starting at node start: the
// querying node asks start, then each node named in turn (node resolves an
// identifier to a live node's state: the network), until one answers
// with the owner. Hops counts the nodes asked after start, so a key that
// start's successor owns takes 0 hops.
func Lookup(start *Node, key ID, node func(ID) (*Node, bool), alive func(ID) bool) (owner ID, hops int, err error) {
	cur := start
	for hops = 0; hops <= maxHops; hops++ {
		h, ok := cur.NextHop(key, alive)
		if !ok {
			return 0, hops, fmt.Errorf("chord: lookup of %d: node %d has no live successor", key, cur.id)
		}
		if h.Done {
			return h.Next, hops, nil
		}
		next, ok := node(h.Next)
		if !ok {
			return 0, hops, fmt.Errorf("chord: lookup of %d: node %d names %d, which does not answer", key, cur.id, h.Next)
		}
		cur = next
	}
	return 0, hops, fmt.Errorf("chord: lookup of %d from %d did not finish in %d hops (the pointers loop)", key, start.id, maxHops)
}
