package ringstore

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/impl/ring"
)

// Design chooses where a file's copies go (see the package doc).
type Design uint8

const (
	// SuccessorList stores a file on its r distinct successors.
	SuccessorList Design = iota
	// ReplicaKeys stores copies under keys file_replica_i, each on its own
	// successor: the seed's design.
	ReplicaKeys
)

func (d Design) String() string {
	switch d {
	case SuccessorList:
		return "successor-list"
	case ReplicaKeys:
		return "replica-keys"
	}
	return fmt.Sprintf("design(%d)", uint8(d))
}

// Set is a set of nodes, bit i standing for node i.
type Set uint64

// Has reports whether node i is in s.
func (s Set) Has(i int) bool { return s&(1<<i) != 0 }

// With returns s plus node i.
func (s Set) With(i int) Set { return s | 1<<i }

// Without returns s minus node i.
func (s Set) Without(i int) Set { return s &^ (1 << i) }

// Len is the number of nodes in s.
func (s Set) Len() int { return bits.OnesCount64(uint64(s)) }

// Config is the static part of a store: every node that may ever be in the
// ring, the size of the id space, the replication factor and the design.
type Config struct {
	// Nodes names the nodes; node i stands at Hash(Nodes[i]) in the id space.
	Nodes []string
	// Bits is the size of the id space, 2^Bits positions (1..64): a
	// position is the top Bits bits of ring.Hash, so small models keep the
	// real hash.
	Bits int
	// Replicas is r, the copies of every file.
	Replicas int
	Design   Design
	// AckShort is a seeded bug: acknowledge a write once every holder the
	// coordinator knows of has confirmed, even when it knows fewer than r
	// nodes (so makes fewer than r copies).
	AckShort bool
	// Known lists storage keys whose positions are computed once, up front
	// (an optimisation for models that place the same few keys millions of
	// times); other keys are hashed on use.
	Known []string
}

// Ring is a validated Config, shared (read-only) by every node.
type Ring struct {
	cfg   Config
	pos   []uint64          // pos[i]: node i's id
	order []int             // node indices by increasing id
	ids   []uint64          // ids[j] == pos[order[j]]
	known map[string]uint64 // read-only after NewRing
}

// NewRing validates c.
func NewRing(c Config) (*Ring, error) {
	if len(c.Nodes) < 1 || len(c.Nodes) > 64 {
		return nil, fmt.Errorf("ringstore: %d nodes, want 1..64", len(c.Nodes))
	}
	if c.Bits < 1 || c.Bits > 64 {
		return nil, fmt.Errorf("ringstore: id space of %d bits, want 1..64", c.Bits)
	}
	if c.Replicas < 1 {
		return nil, fmt.Errorf("ringstore: replication factor %d, want at least 1", c.Replicas)
	}
	if c.Design != SuccessorList && c.Design != ReplicaKeys {
		return nil, fmt.Errorf("ringstore: unknown design %v", c.Design)
	}
	r := &Ring{cfg: c, known: map[string]uint64{}}
	for _, k := range c.Known {
		r.known[k] = r.KeyPos(k)
	}
	for i, name := range c.Nodes {
		p := r.KeyPos(name)
		if j := slices.Index(r.pos, p); j >= 0 {
			return nil, fmt.Errorf("ringstore: nodes %s and %s both hash to %d in a %d-bit id space; use more bits", c.Nodes[j], name, p, c.Bits)
		}
		r.pos = append(r.pos, p)
		r.order = append(r.order, i)
	}
	slices.SortFunc(r.order, func(a, b int) int { return cmp.Compare(r.pos[a], r.pos[b]) })
	for _, i := range r.order {
		r.ids = append(r.ids, r.pos[i])
	}
	return r, nil
}

// Config returns the ring's configuration.
func (r *Ring) Config() Config { return r.cfg }

// Pos is node i's id.
func (r *Ring) Pos(i int) uint64 { return r.pos[i] }

// KeyPos is a name's position in the id space: the top Bits bits of ring.Hash.
func (r *Ring) KeyPos(name string) uint64 {
	if p, ok := r.known[name]; ok {
		return p
	}
	return ring.Hash(name) >> (64 - r.cfg.Bits)
}

// Successors lists the first k members of view clockwise from pos (at or
// after it), fewer when view is smaller.
func (r *Ring) Successors(pos uint64, view Set, k int) []int {
	var out []int
	start := ring.Clockwise(r.ids, pos)
	for j := 0; j < len(r.order) && len(out) < k; j++ {
		if i := r.order[(start+j)%len(r.order)]; view.Has(i) {
			out = append(out, i)
		}
	}
	return out
}

// StorageKeys are the keys a file's copies are stored under: the file's
// own name, and for ReplicaKeys also file_replica_1 .. file_replica_{r-1}
// (the seed's f"{file_id}_replica_{i+1}").
func (r *Ring) StorageKeys(file string) []string {
	if r.cfg.Design == SuccessorList {
		return []string{file}
	}
	keys := []string{file}
	for i := 1; i < r.cfg.Replicas; i++ {
		keys = append(keys, fmt.Sprintf("%s_replica_%d", file, i))
	}
	return keys
}

// Holders are the nodes of view that should hold storage key k: its r
// distinct successors (SuccessorList) or its one successor (ReplicaKeys).
func (r *Ring) Holders(k string, view Set) []int {
	n := r.cfg.Replicas
	if r.cfg.Design == ReplicaKeys {
		n = 1
	}
	return r.Successors(r.KeyPos(k), view, n)
}

// Copy is one copy of a file: a storage key on a node.
type Copy struct {
	Key  string
	Node int
}

func cmpCopy(a, b Copy) int {
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	return cmp.Compare(a.Node, b.Node)
}

// Placement lists the copies of file under view, sorted. Under ReplicaKeys
// two copies may name the same node: that is the seed's bug.
func (r *Ring) Placement(file string, view Set) []Copy {
	var out []Copy
	for _, k := range r.StorageKeys(file) {
		for _, n := range r.Holders(k, view) {
			out = append(out, Copy{k, n})
		}
	}
	slices.SortFunc(out, cmpCopy)
	return out
}

// Kind is a message's kind.
type Kind uint8

const (
	// Store asks the receiver to keep a copy of Key, for a write.
	Store Kind = iota
	// Ack confirms a Store.
	Ack
	// Push hands a copy over during repair; nobody waits for it, so it is
	// not acknowledged (the next digest exchange shows whether it arrived).
	Push
)

// Msg is a message between nodes.
type Msg struct {
	Kind     Kind
	From, To int
	Key      string
}

func (m Msg) String() string {
	switch m.Kind {
	case Ack:
		return "Ack{" + m.Key + "}"
	case Push:
		return "Push{" + m.Key + "}"
	}
	return "Store{" + m.Key + "}"
}

// CmpMsg orders messages canonically (by sender, receiver, kind, key).
func CmpMsg(a, b Msg) int {
	if c := cmp.Compare(a.From, b.From); c != 0 {
		return c
	}
	if c := cmp.Compare(a.To, b.To); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	return strings.Compare(a.Key, b.Key)
}

// Output is what a step produces: messages to send and the files whose
// writes this node acknowledges to their clients.
type Output struct {
	Msgs  []Msg
	Acked []string
}

// Write is a write the coordinator has not acknowledged yet.
type Write struct {
	File string
	// Waiting are the copies still to be confirmed, sorted.
	Waiting []Copy
	// Short counts copies that have no holder at all in the coordinator's
	// view (it knows fewer than r nodes). Acknowledging then would promise
	// r copies while making fewer, so the write waits for a repair that
	// shows more members. (The first version of this package acknowledged
	// here; the explorer found the loss: a lone node's write, acknowledged
	// with one copy, then that node's failure.)
	Short int
}

// Node is one storage node.
type Node struct {
	ring *Ring
	// ID is the node's index in Config.Nodes.
	ID int
	// View is the membership the node last learned (at join or repair);
	// it places copies by it, so a stale view sends to departed nodes and
	// misses new ones until the next repair.
	View Set
	// store holds the storage keys of the copies this node keeps, sorted.
	store []string
	// writes are the writes it coordinates and has not acknowledged, by file.
	writes []Write
}

// NewNode is node id joining (or starting) with an empty store and the
// membership view it learned from the ring.
func NewNode(r *Ring, id int, view Set) *Node { return &Node{ring: r, ID: id, View: view} }

// Clone copies the node deeply.
func (n *Node) Clone() *Node {
	c := *n
	c.store = slices.Clone(n.store)
	c.writes = slices.Clone(n.writes)
	for i := range c.writes {
		c.writes[i].Waiting = slices.Clone(c.writes[i].Waiting)
	}
	return &c
}

// Has reports whether the node keeps a copy under storage key k.
func (n *Node) Has(k string) bool { _, ok := slices.BinarySearch(n.store, k); return ok }

// Keys lists the storage keys the node keeps, sorted. The slice is the
// node's own (no copy, as models read it for every state): do not modify it.
func (n *Node) Keys() []string { return n.store }

// Writes lists the writes the node coordinates and has not acknowledged.
// The slice is the node's own: do not modify it.
func (n *Node) Writes() []Write { return n.writes }

// Equal reports whether n and o are in the same state.
func (n *Node) Equal(o *Node) bool {
	return n.ID == o.ID && n.View == o.View && slices.Equal(n.store, o.store) &&
		slices.EqualFunc(n.writes, o.writes, func(a, b Write) bool {
			return a.File == b.File && a.Short == b.Short && slices.Equal(a.Waiting, b.Waiting)
		})
}

func (n *Node) keep(k string) {
	if i, ok := slices.BinarySearch(n.store, k); !ok {
		n.store = slices.Insert(n.store, i, k)
	}
}

func (n *Node) write(file string) int {
	return slices.IndexFunc(n.writes, func(w Write) bool { return w.File == file })
}

// Put coordinates a client's write of file (the seed's store_file): the
// node keeps the copies placed on itself and sends Store for the others.
// With every copy local the write is acknowledged at once.
func (n *Node) Put(file string) (Output, error) {
	if n.write(file) >= 0 {
		return Output{}, fmt.Errorf("ringstore: n%d is already writing %q", n.ID+1, file)
	}
	w := Write{File: file}
	i, _ := slices.BinarySearchFunc(n.writes, w, func(a, b Write) int { return strings.Compare(a.File, b.File) })
	n.writes = slices.Insert(n.writes, i, w)
	return n.place(i, func(int, string) bool { return false }), nil
}

// place (re)computes write i's copies under the node's view: it keeps its
// own, waits for the holders the digest (has) does not show holding a
// copy, and sends them Store. It acknowledges the write when none is left.
func (n *Node) place(i int, has func(node int, key string) bool) (out Output) {
	w := &n.writes[i]
	w.Waiting = w.Waiting[:0]
	place := n.ring.Placement(w.File, n.View)
	w.Short = max(0, n.ring.cfg.Replicas-len(place))
	if n.ring.cfg.AckShort {
		w.Short = 0
	}
	for _, c := range place {
		switch {
		case c.Node == n.ID:
			n.keep(c.Key)
		case !has(c.Node, c.Key):
			w.Waiting = append(w.Waiting, c)
			out.Msgs = append(out.Msgs, Msg{Kind: Store, From: n.ID, To: c.Node, Key: c.Key})
		}
	}
	if len(w.Waiting) == 0 && w.Short == 0 {
		out.Acked = append(out.Acked, w.File)
		n.writes = slices.Delete(n.writes, i, i+1)
	}
	return out
}

// Step handles a message: a Store is kept and acknowledged, a Push kept;
// an Ack confirms one copy of a write this node coordinates (a stale Ack,
// for a copy no longer waited for, confirms nothing).
func (n *Node) Step(m Msg) (out Output) {
	switch m.Kind {
	case Push:
		n.keep(m.Key)
	case Store:
		n.keep(m.Key)
		out.Msgs = []Msg{{Kind: Ack, From: n.ID, To: m.From, Key: m.Key}}
	case Ack:
		for i := range n.writes {
			w := &n.writes[i]
			j := slices.Index(w.Waiting, Copy{m.Key, m.From})
			if j < 0 {
				continue
			}
			w.Waiting = slices.Delete(w.Waiting, j, j+1)
			if len(w.Waiting) == 0 && w.Short == 0 {
				out.Acked = append(out.Acked, w.File)
				n.writes = slices.Delete(n.writes, i, i+1)
			}
			break
		}
	}
	return out
}

// Repair is the node's repair step: it adopts view (the current
// membership), re-places its unfinished writes under it, and pushes every
// copy it keeps to the holders that lack it. has(node, key) is the outcome
// of a digest exchange: whether node already keeps key.
func (n *Node) Repair(view Set, has func(node int, key string) bool) (out Output) {
	n.View = view
	for i := len(n.writes) - 1; i >= 0; i-- {
		o := n.place(i, has)
		out.Msgs = append(out.Msgs, o.Msgs...)
		out.Acked = append(out.Acked, o.Acked...)
	}
	for _, k := range n.store {
		for _, h := range n.ring.Holders(k, view) {
			if h != n.ID && !has(h, k) {
				out.Msgs = append(out.Msgs, Msg{Kind: Push, From: n.ID, To: h, Key: k})
			}
		}
	}
	slices.SortFunc(out.Msgs, CmpMsg)
	out.Msgs = slices.Compact(out.Msgs)
	slices.Sort(out.Acked)
	return out
}
