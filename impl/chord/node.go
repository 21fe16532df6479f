package chord

import (
	"fmt"
	"slices"
)

// Protocol selects the ring-maintenance protocol a node runs.
type Protocol uint8

const (
	// Corrected is Zave's corrected protocol (2017): a joining node copies
	// its predecessor's successor list, stabilization adopts a better
	// successor only after querying it (two steps), and a notified node
	// replaces a dead predecessor (Rectify).
	Corrected Protocol = iota
	// Original is the protocol of the Chord papers (2001-2003) as Zave
	// (2012) reconstructs it: Stabilize, Notified, Update, Reconcile and
	// Flush, with neither of the liveness checks she added.
	Original
)

func (p Protocol) String() string {
	switch p {
	case Corrected:
		return "corrected"
	case Original:
		return "original"
	}
	return fmt.Sprintf("protocol(%d)", uint8(p))
}

// Config is shared by all nodes of a network.
type Config struct {
	Space    Space
	R        int // successor-list length, at least 1
	Protocol Protocol
}

// Validate names the first bad field.
func (c Config) Validate() error {
	if c.Space.bits == 0 {
		return fmt.Errorf("chord: config has no identifier space (use NewSpace)")
	}
	if c.R < 1 {
		return fmt.Errorf("chord: successor-list length %d, want at least 1", c.R)
	}
	if c.Protocol > Original {
		return fmt.Errorf("chord: unknown protocol %d", c.Protocol)
	}
	return nil
}

// Peer is what one query of a live node returns: its identifier,
// predecessor and successor list.
type Peer struct {
	ID      ID
	Succ    []ID
	Pred    ID
	HasPred bool
}

// Env is the rest of the network as one node sees it during one step.
// Alive is a perfect failure detector; Query is a synchronous RPC that
// fails (false) exactly when the node is dead. Both must be deterministic.
type Env interface {
	Alive(id ID) bool
	Query(id ID) (Peer, bool)
}

// Node is one Chord node's state. Operations change it in place and return
// what the node sends; Clone copies it. The successor list and finger table
// are copy-on-write (replaced, never written in place), so clones and
// Peers share them safely and cloning is cheap.
type Node struct {
	cfg Config
	id  ID
	// succ is the successor list, nearest first, 1..R entries. Entries may
	// be dead: liveness is the environment's, asked when needed.
	succ []ID
	pred ID
	// hasPred is false after an original join and after Flush.
	hasPred bool
	// stab is the better successor a corrected node saved in the first
	// step of stabilization and queries in the second (valid when
	// stabilizing).
	stab        ID
	stabilizing bool
	// finger[i] is the first node at or after id + 2^i, when fingerSet bit
	// i is set; fingers only speed lookups and never affect the ring.
	finger     []ID
	fingerSet  uint64
	nextFinger int
}

// ID is the node's identifier.
func (n *Node) ID() ID { return n.id }

// Protocol is the protocol the node runs.
func (n *Node) Protocol() Protocol { return n.cfg.Protocol }

// Successors returns a copy of the successor list, nearest first.
func (n *Node) Successors() []ID { return slices.Clone(n.succ) }

// NumSuccessors is the length of the successor list.
func (n *Node) NumSuccessors() int { return len(n.succ) }

// Successor returns entry i of the successor list (0: the first).
func (n *Node) Successor(i int) ID { return n.succ[i] }

// Pred returns the predecessor, if the node has one.
func (n *Node) Pred() (ID, bool) { return n.pred, n.hasPred }

// Stabilizing returns the better successor a corrected node will query in
// the second step of stabilization, if it is between the two steps.
func (n *Node) Stabilizing() (ID, bool) { return n.stab, n.stabilizing }

// Peer is what a query of n returns. Its Succ shares n's list: read it,
// never write it.
func (n *Node) Peer() Peer {
	return Peer{ID: n.id, Succ: n.succ, Pred: n.pred, HasPred: n.hasPred}
}

// Clone returns an independent copy.
func (n *Node) Clone() *Node {
	c := *n
	return &c
}

// BestSucc is the first live entry of the successor list (Zave's "best
// successor"), or false when every entry is dead.
func (n *Node) BestSucc(alive func(ID) bool) (ID, bool) {
	for _, s := range n.succ {
		if alive(s) {
			return s, true
		}
	}
	return 0, false
}

// NewRing returns the ideal ring over ids, sorted by identifier: each
// node's successor list holds the next min(R, len(ids)-1) nodes (a lone
// node is its own successor), its predecessor is the node before it, and
// every finger is correct. It is the initial network of the corrected
// protocol (which needs at least R+1 nodes to be correct) and the stable
// ring lookups are measured on.
func NewRing(cfg Config, ids []ID) ([]*Node, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("chord: a ring needs at least one node")
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	for i, id := range sorted {
		if !cfg.Space.Contains(id) {
			return nil, fmt.Errorf("chord: identifier %d is not a %d-bit identifier", id, cfg.Space.bits)
		}
		if i > 0 && sorted[i-1] == id {
			return nil, fmt.Errorf("chord: identifier %d given twice", id)
		}
	}
	k := len(sorted)
	nodes := make([]*Node, k)
	for i, id := range sorted {
		n := &Node{cfg: cfg, id: id}
		for j := 1; j <= min(cfg.R, max(k-1, 1)); j++ {
			n.succ = append(n.succ, sorted[(i+j)%k])
		}
		if k > 1 {
			n.pred, n.hasPred = sorted[(i+k-1)%k], true
		}
		n.finger = make([]ID, cfg.Space.bits)
		for f := range n.finger {
			n.finger[f] = successorOf(sorted, cfg.Space.FingerStart(id, f))
		}
		n.fingerSet = cfg.Space.mask
		if cfg.Space.bits < 64 {
			n.fingerSet = 1<<cfg.Space.bits - 1
		}
		nodes[i] = n
	}
	return nodes, nil
}

// successorOf is the first identifier of sorted at or after key, wrapping.
func successorOf(sorted []ID, key ID) ID {
	i, _ := slices.BinarySearch(sorted, key)
	if i == len(sorted) {
		i = 0
	}
	return sorted[i]
}

// Join returns the state of node id joining through member via, the node
// a lookup of id ends at (id lies between via and via's first successor;
// otherwise the join is refused, since the node would be misplaced).
// Original: the new node takes via's first successor, without checking
// that it is live, and has no predecessor. Corrected: it copies via's
// whole successor list and takes via as its predecessor.
func Join(cfg Config, id ID, via Peer) (*Node, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !cfg.Space.Contains(id) {
		return nil, fmt.Errorf("chord: identifier %d is not a %d-bit identifier", id, cfg.Space.bits)
	}
	if len(via.Succ) == 0 {
		return nil, fmt.Errorf("chord: node %d has an empty successor list: it is no member to join through", via.ID)
	}
	if !Between(via.ID, id, via.Succ[0]) {
		return nil, fmt.Errorf("chord: %d does not lie between %d and its successor %d: join through the node the lookup of %d ends at", id, via.ID, via.Succ[0], id)
	}
	n := &Node{cfg: cfg, id: id}
	if cfg.Protocol == Original {
		n.succ = []ID{via.Succ[0]}
	} else {
		n.succ = slices.Clone(via.Succ[:min(len(via.Succ), cfg.R)])
		n.pred, n.hasPred = via.ID, true
	}
	return n, nil
}

// adopt is the list of a node that takes s as its first successor and s's
// list after it, cut to R entries.
func (n *Node) adopt(s ID, list []ID) []ID {
	out := make([]ID, 0, n.cfg.R)
	out = append(out, s)
	return append(out, list[:min(len(list), n.cfg.R-1)]...)
}

// Notice is a notification the node sends: "I may be your predecessor".
// The environment delivers it to To, which acts on it with Notified; a
// notice to a dead node is lost.
type Notice struct {
	To, From ID
}

// Stabilize runs one step of stabilization and returns the notices to send
// (none or one); ok is false when the step cannot run in this state (the node
// must first Update, or its list is exhausted).
//
// Original (Chord's stabilize): ask the live first successor s for its
// predecessor x; if x lies between this node and s, x replaces s as first
// successor, without checking that x is live; notify the first successor.
//
// Corrected, first step (Zave's StabilizeFromSuccessor): a dead first
// successor is dropped and the next entry notified. Otherwise the node
// adopts s's list after s; if s's predecessor p lies between the node and
// s it saves p for the second step, else it notifies s. Second step
// (StabilizeFromPredecessor): if p is live the node adopts p and p's list
// and notifies p; if p is dead it notifies its first successor.
func (n *Node) Stabilize(env Env) ([]Notice, bool) {
	if n.cfg.Protocol == Original {
		s := n.succ[0]
		q, ok := env.Query(s)
		if !ok {
			return nil, false
		}
		if q.HasPred && Between(n.id, q.Pred, s) {
			l := slices.Clone(n.succ)
			l[0] = q.Pred
			n.succ = l
		}
		return []Notice{{To: n.succ[0], From: n.id}}, true
	}
	if n.stabilizing {
		p := n.stab
		n.stab, n.stabilizing = 0, false
		if q, ok := env.Query(p); ok {
			n.succ = n.adopt(p, q.Succ)
		}
		return []Notice{{To: n.succ[0], From: n.id}}, true
	}
	s := n.succ[0]
	q, ok := env.Query(s)
	if !ok {
		if len(n.succ) == 1 {
			return nil, false
		}
		n.succ = n.succ[1:]
		return []Notice{{To: n.succ[0], From: n.id}}, true
	}
	n.succ = n.adopt(s, q.Succ)
	if q.HasPred && Between(n.id, q.Pred, s) {
		n.stab, n.stabilizing = q.Pred, true
		return nil, true
	}
	return []Notice{{To: s, From: n.id}}, true
}

// Notified acts on a notice from node from and reports whether the
// predecessor changed. Original (notify): from becomes the predecessor if
// there is none or from lies between it and this node. Corrected
// (Rectify): also when the current predecessor is dead.
func (n *Node) Notified(from ID, env Env) bool {
	if !n.hasPred || Between(n.pred, from, n.id) ||
		(n.cfg.Protocol == Corrected && !env.Alive(n.pred)) {
		changed := !n.hasPred || n.pred != from
		n.pred, n.hasPred = from, true
		return changed
	}
	return false
}

func (n *Node) originalOnly(op string) error {
	if n.cfg.Protocol != Original {
		return fmt.Errorf("chord: %s is an operation of the original protocol; the corrected one does it within Stabilize and Notified", op)
	}
	return nil
}

// Update (original) drops a dead first successor when another entry
// follows it, and reports whether the list changed.
func (n *Node) Update(env Env) (bool, error) {
	if err := n.originalOnly("Update"); err != nil {
		return false, err
	}
	if len(n.succ) < 2 || env.Alive(n.succ[0]) {
		return false, nil
	}
	n.succ = n.succ[1:]
	return true, nil
}

// Reconcile (original) rebuilds the successor list from the live first
// successor's list and reports whether it changed.
func (n *Node) Reconcile(env Env) (bool, error) {
	if err := n.originalOnly("Reconcile"); err != nil {
		return false, err
	}
	s := n.succ[0]
	q, ok := env.Query(s)
	if !ok {
		return false, nil
	}
	l := n.adopt(s, q.Succ)
	if slices.Equal(l, n.succ) {
		return false, nil
	}
	n.succ = l
	return true, nil
}

// Flush (original; Chord's check_predecessor) forgets a dead predecessor
// and reports whether it did.
func (n *Node) Flush(env Env) (bool, error) {
	if err := n.originalOnly("Flush"); err != nil {
		return false, err
	}
	if !n.hasPred || env.Alive(n.pred) {
		return false, nil
	}
	n.pred, n.hasPred = 0, false
	return true, nil
}

// NextFinger returns the finger fix_fingers refreshes next and the key to
// look up for it (its interval's start), and advances round-robin.
func (n *Node) NextFinger() (i int, start ID) {
	i = n.nextFinger
	n.nextFinger = (n.nextFinger + 1) % int(n.cfg.Space.bits)
	return i, n.cfg.Space.FingerStart(n.id, i)
}

// SetFinger records the lookup result for finger i.
func (n *Node) SetFinger(i int, id ID) error {
	if i < 0 || i >= int(n.cfg.Space.bits) {
		return fmt.Errorf("chord: finger %d out of range 0..%d", i, n.cfg.Space.bits-1)
	}
	if n.finger == nil {
		n.finger = make([]ID, n.cfg.Space.bits)
	} else {
		n.finger = slices.Clone(n.finger) // copy-on-write: clones share it
	}
	n.finger[i] = id
	n.fingerSet |= 1 << uint(i)
	return nil
}

// Finger returns finger i, if it has been set.
func (n *Node) Finger(i int) (ID, bool) {
	if i < 0 || i >= len(n.finger) || n.fingerSet&(1<<uint(i)) == 0 {
		return 0, false
	}
	return n.finger[i], true
}
