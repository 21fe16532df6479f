package chordmodel

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/chord"
)

// Config bounds the model.
type Config struct {
	Protocol chord.Protocol
	// Nodes is the number of node slots; slot i (named n(i+1)) has
	// identifier i·2^Bits/Nodes, so identifier order is slot order.
	Nodes int
	Bits  uint // m, with 2^m >= Nodes
	R     int  // successor-list length
	// Base is the number of initial members, slots 0..Base-1, an ideal
	// ring. In the corrected protocol they are the stable base: they never
	// fail, and there must be at least R+1 of them.
	Base               int
	MaxJoins, MaxFails int
	// Live adds EventuallyIdeal and two reachability checks; they need
	// the whole state space, whereas violations of the four invariants
	// end a search early.
	Live bool
	// Conformance adds the Step property that every step maps to a step
	// of spec/chord (Chord.tla's Go twin) or a stutter (see abstract.go).
	Conformance bool
}

// State is a state of the model. Slices are shared between states and
// never written after a state is built (copy on write).
type State struct {
	// Nodes holds each member's state, by slot; nil for a slot that is no
	// member (never joined, or failed and forgotten).
	Nodes []*chord.Node
	// Notify is the network's notification in flight, by sender: the slot
	// of the node the sender has notified and that has not yet acted on
	// it, -1 for none. A stabilization round ends when its notification
	// is handled, so a node starts the next round (and a failed node joins
	// again) only when its Notify is -1. A notification outlives its
	// sender; one to a node that fails is lost.
	Notify       []int8
	Joins, Fails int
}

// maxNodes bounds the slots: an exhaustive model beyond a handful is out of reach anyway.
const maxNodes = 8

type model struct {
	c   Config
	cfg chord.Config
	ids []chord.ID
}

// Validate names the first bound out of range.
func (c Config) Validate() error {
	switch {
	case c.Nodes < 1 || c.Nodes > maxNodes:
		return fmt.Errorf("chord: %d nodes, want 1..%d", c.Nodes, maxNodes)
	case c.Bits < 1 || c.Bits > 16 || 1<<c.Bits < c.Nodes:
		return fmt.Errorf("chord: %d-bit identifiers cannot name %d nodes (want 1..16 bits, 2^bits >= nodes)", c.Bits, c.Nodes)
	case c.R < 1 || c.R > 8:
		return fmt.Errorf("chord: successor-list length %d, want 1..8", c.R)
	case c.Base < 1 || c.Base > c.Nodes:
		return fmt.Errorf("chord: base of %d members, want 1..%d (the nodes)", c.Base, c.Nodes)
	case c.Protocol == chord.Corrected && c.Base < c.R+1:
		return fmt.Errorf("chord: the corrected protocol needs a stable base of at least R+1 = %d members, have %d", c.R+1, c.Base)
	case c.MaxJoins < 0 || c.MaxFails < 0:
		return fmt.Errorf("chord: negative bound on joins (%d) or failures (%d)", c.MaxJoins, c.MaxFails)
	case c.Protocol > chord.Original:
		return fmt.Errorf("chord: unknown protocol %d", c.Protocol)
	}
	return nil
}

func (c Config) build() (*model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	space, err := chord.NewSpace(c.Bits)
	if err != nil {
		return nil, err
	}
	m := &model{c: c, cfg: chord.Config{Space: space, R: c.R, Protocol: c.Protocol}}
	for i := range c.Nodes {
		m.ids = append(m.ids, chord.ID(uint64(i)<<c.Bits/uint64(c.Nodes)))
	}
	return m, nil
}

// IDs returns the identifier of each slot.
func (c Config) IDs() ([]chord.ID, error) {
	m, err := c.build()
	if err != nil {
		return nil, err
	}
	return m.ids, nil
}

func (m *model) slot(id chord.ID) int {
	for i, x := range m.ids {
		if x == id {
			return i
		}
	}
	return -1
}

func (m *model) name(id chord.ID) string { return fmt.Sprintf("n%d", m.slot(id)+1) }

// env is the network as a node sees it in state s: a member is alive, and
// a query returns its state at once (Zave's atomic operations).
type env struct {
	m *model
	s *State
}

func (e env) Alive(id chord.ID) bool {
	i := e.m.slot(id)
	return i >= 0 && e.s.Nodes[i] != nil
}

func (e env) Query(id chord.ID) (chord.Peer, bool) {
	i := e.m.slot(id)
	if i < 0 || e.s.Nodes[i] == nil {
		return chord.Peer{}, false
	}
	return e.s.Nodes[i].Peer(), true
}

func (m *model) init() State {
	s := State{Nodes: make([]*chord.Node, m.c.Nodes), Notify: make([]int8, m.c.Nodes)}
	for i := range s.Notify {
		s.Notify[i] = -1
	}
	ring, err := chord.NewRing(m.cfg, m.ids[:m.c.Base])
	if err != nil {
		panic(err) // the identifiers are distinct and in range by construction
	}
	copy(s.Nodes, ring) // NewRing sorts by identifier, which is slot order
	return s
}

// with returns a copy of s in which slot i holds n.
func (s State) with(i int, n *chord.Node) State {
	t := s
	t.Nodes = append([]*chord.Node(nil), s.Nodes...)
	t.Nodes[i] = n
	return t
}

// send records a notice in flight if its receiver is alive (a notice to a
// dead node is lost at once, ending the sender's round).
func (m *model) send(s *State, nt chord.Notice) {
	to, from := m.slot(nt.To), m.slot(nt.From)
	if to < 0 || s.Nodes[to] == nil || s.Notify[from] == int8(to) {
		return
	}
	s.Notify = append([]int8(nil), s.Notify...)
	s.Notify[from] = int8(to)
}

// failOK is the failure assumption of Zave's models: a member cannot fail
// if another member whose list names it would be left with no live entry;
// and the network never empties.
func (m *model) failOK(s State, f int) bool {
	others := false
	for i, n := range s.Nodes {
		if n == nil || i == f {
			continue
		}
		others = true
		names, other := false, false
		for k := range n.NumSuccessors() {
			j := m.slot(n.Successor(k))
			if j == f {
				names = true
			} else if j >= 0 && s.Nodes[j] != nil {
				other = true
			}
		}
		if names && !other {
			return false
		}
	}
	return others
}

func (m *model) canFail(s State, i int) bool {
	return s.Fails < m.c.MaxFails && s.Nodes[i] != nil &&
		!(m.c.Protocol == chord.Corrected && i < m.c.Base) && m.failOK(s, i)
}

func (m *model) canJoin(s State, j, via int) bool {
	if s.Joins >= m.c.MaxJoins || s.Nodes[j] != nil || s.Notify[j] >= 0 || s.Nodes[via] == nil {
		return false
	}
	return chord.Between(m.ids[via], m.ids[j], s.Nodes[via].Successor(0))
}

func (m *model) next(s State, yield func(string, State) bool) {
	e := env{m: m, s: &s}
	for i, n := range s.Nodes {
		if n == nil {
			continue
		}
		name := fmt.Sprintf("n%d", i+1)
		// Stabilization (one step; the corrected protocol's two steps are
		// two actions, told apart by whether a better successor is saved).
		// A round starts only once the last one's notice was handled.
		if s.Notify[i] < 0 {
			label := "Stabilize " + name
			if m.c.Protocol == chord.Corrected {
				label = "StabilizeFromSuccessor " + name
				if _, mid := n.Stabilizing(); mid {
					label = "StabilizeFromPredecessor " + name
				}
			}
			c := n.Clone()
			if out, ok := c.Stabilize(e); ok {
				t := s.with(i, c)
				for _, nt := range out {
					m.send(&t, nt)
				}
				if !yield(label, t) {
					return
				}
			}
		}
		// Acting on a notice in flight to n: Notify (original), Rectify
		// (corrected). The sender may have failed since it sent it.
		for from, to := range s.Notify {
			if int(to) != i {
				continue
			}
			c := n.Clone()
			c.Notified(m.ids[from], e)
			t := s.with(i, c)
			t.Notify = append([]int8(nil), s.Notify...)
			t.Notify[from] = -1
			label := fmt.Sprintf("Notify %s from n%d", name, from+1)
			if m.c.Protocol == chord.Corrected {
				label = fmt.Sprintf("Rectify %s from n%d", name, from+1)
			}
			if !yield(label, t) {
				return
			}
		}
		if m.c.Protocol == chord.Original {
			// The scratch copy lives on the stack; only a step that changes
			// the node pays for a heap copy.
			for _, op := range [...]string{"Flush", "Update", "Reconcile"} {
				c := *n
				var changed bool
				var err error
				switch op {
				case "Flush":
					changed, err = c.Flush(e)
				case "Update":
					changed, err = c.Update(e)
				default:
					changed, err = c.Reconcile(e)
				}
				if err != nil {
					panic(err) // the model only runs original operations on original nodes
				}
				if changed && !yield(op+" "+name, s.with(i, &c)) {
					return
				}
			}
		}
		if m.canFail(s, i) {
			t := s
			t.Nodes = append([]*chord.Node(nil), s.Nodes...)
			t.Nodes[i] = nil
			t.Notify = append([]int8(nil), s.Notify...)
			for x, to := range t.Notify {
				if int(to) == i {
					t.Notify[x] = -1 // lost with its receiver
				}
			}
			t.Fails++
			if !yield("Fail "+name, t) {
				return
			}
		}
	}
	for j := range s.Nodes {
		for via := range s.Nodes {
			if !m.canJoin(s, j, via) {
				continue
			}
			n, err := chord.Join(m.cfg, m.ids[j], s.Nodes[via].Peer())
			if err != nil {
				panic(err) // canJoin checked Join's precondition
			}
			t := s
			t.Nodes = append([]*chord.Node(nil), s.Nodes...)
			t.Nodes[j] = n
			t.Joins++
			if !yield(fmt.Sprintf("Join n%d via n%d", j+1, via+1), t) {
				return
			}
		}
	}
}

func (m *model) encode(s State, e *checker.Encoder) {
	slot := func(id chord.ID) { e.Int(m.slot(id)) }
	for i, n := range s.Nodes {
		e.Bool(n != nil)
		e.Int(int(s.Notify[i]))
		if n == nil {
			continue
		}
		e.Len(n.NumSuccessors())
		for k := range n.NumSuccessors() {
			slot(n.Successor(k))
		}
		p, ok := n.Pred()
		e.Bool(ok)
		if ok {
			slot(p)
		}
		st, ok := n.Stabilizing()
		e.Bool(ok)
		if ok {
			slot(st)
		}
	}
	e.Int(s.Joins)
	e.Int(s.Fails)
}

func (m *model) format(s State) string {
	var b strings.Builder
	fmt.Fprintf(&b, "joins=%d fails=%d", s.Joins, s.Fails)
	for i, n := range s.Nodes {
		fmt.Fprintf(&b, " | n%d(id %d)", i+1, m.ids[i])
		if to := s.Notify[i]; to >= 0 {
			fmt.Fprintf(&b, " notifying=n%d", to+1)
		}
		if n == nil {
			b.WriteString(" out")
			continue
		}
		var names []string
		for _, x := range n.Successors() {
			names = append(names, m.name(x))
		}
		fmt.Fprintf(&b, " succ=[%s]", strings.Join(names, " "))
		if p, ok := n.Pred(); ok {
			fmt.Fprintf(&b, " pred=%s", m.name(p))
		}
		if st, ok := n.Stabilizing(); ok {
			fmt.Fprintf(&b, " stab=%s", m.name(st))
		}
	}
	return b.String()
}

// Model builds the checker model with Zave's ring properties (see props.go).
func (c Config) Model() (*checker.Model[State], error) {
	m, err := c.build()
	if err != nil {
		return nil, err
	}
	props := m.properties()
	if c.Conformance {
		p, err := m.conformance()
		if err != nil {
			return nil, err
		}
		props = append(props, p)
	}
	return &checker.Model[State]{
		Name:       "chord-" + c.Protocol.String(),
		Init:       func(yield func(string, State) bool) { yield("Init", m.init()) },
		Next:       m.next,
		Encode:     m.encode,
		Format:     m.format,
		Properties: props,
		Fairness:   m.fairness(),
	}, nil
}
