package storemodel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/ringstore"
)

// Config bounds the model.
type Config struct {
	// Nodes n1..nNodes may be in the ring; n1..nInitial start in it.
	Nodes, Initial int
	// Files f0..f{Files-1} are each written once.
	Files int
	// Replicas is r.
	Replicas int
	// MaxFails is the most failures between full repairs.
	MaxFails int
	// MaxCrashes and MaxJoins bound failures and joins in all, to keep the
	// state space small (failures between repairs are bounded by MaxFails).
	MaxCrashes, MaxJoins int
	// Bits is the id space (2^Bits positions).
	Bits   int
	Design ringstore.Design
	// AckShort is the seeded bug of ringstore.Config.
	AckShort bool
	// StaleViews lets a node keep the membership it last learned until its
	// next Repair; otherwise every member learns of a failure or join at
	// once (a perfect, instant failure detector), which keeps the state
	// space several times smaller.
	StaleViews bool
}

// State is a state of the model. It is a value: actions copy what they
// change and share the rest.
type State struct {
	Nodes   []*ringstore.Node
	Members ringstore.Set
	Net     []ringstore.Msg // sorted by ringstore.CmpMsg, no duplicates
	// Written and Acked are bit sets of files: submitted, and acknowledged
	// to the client (history variables the property reads).
	Written, Acked uint64
	// Fails counts failures since the ring was last fully repaired.
	Fails int
	// Crashes and Joins count failures and joins so far.
	Crashes, Joins int
}

// NodeName is node i's name.
func NodeName(i int) string { return fmt.Sprintf("n%d", i+1) }

// FileName is file f's name.
func FileName(f int) string { return fmt.Sprintf("f%d", f) }

func (c Config) validate() error {
	switch {
	case c.Nodes < 1 || c.Nodes > 16:
		return fmt.Errorf("storemodel: %d nodes, want 1..16", c.Nodes)
	case c.Initial < 1 || c.Initial > c.Nodes:
		return fmt.Errorf("storemodel: %d initial members, want 1..%d (the nodes)", c.Initial, c.Nodes)
	case c.Files < 1 || c.Files > 8:
		return fmt.Errorf("storemodel: %d files, want 1..8", c.Files)
	case c.Replicas < 1 || c.Replicas > c.Nodes:
		return fmt.Errorf("storemodel: replication factor %d, want 1..%d (the nodes)", c.Replicas, c.Nodes)
	case c.MaxFails < 0 || c.MaxCrashes < 0 || c.MaxJoins < 0:
		return fmt.Errorf("storemodel: negative bound in %+v", c)
	}
	return nil
}

// Ring builds the model's ring: nodes named n1..nN.
func (c Config) Ring() (*ringstore.Ring, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	names := make([]string, c.Nodes)
	for i := range names {
		names[i] = NodeName(i)
	}
	cfg := ringstore.Config{Nodes: names, Bits: c.Bits, Replicas: c.Replicas, Design: c.Design, AckShort: c.AckShort}
	r, err := ringstore.NewRing(cfg)
	if err != nil {
		return nil, err
	}
	for f := range c.Files {
		cfg.Known = append(cfg.Known, r.StorageKeys(FileName(f))...)
	}
	return ringstore.NewRing(cfg)
}

type model struct {
	c    Config
	r    *ringstore.Ring
	keys [][]string // keys[f]: storage keys of file f
}

// Model builds the model with its properties: NoAckedWriteLost (Always)
// and, against vacuity, RepairedAfterFailure (Sometimes: every file
// acknowledged, a node failed, and the ring fully repaired again).
func (c Config) Model() (*checker.Model[State], error) {
	r, err := c.Ring()
	if err != nil {
		return nil, err
	}
	m := &model{c: c, r: r}
	for f := range c.Files {
		m.keys = append(m.keys, r.StorageKeys(FileName(f)))
	}
	return &checker.Model[State]{
		Name:   "ringstore",
		Init:   m.init,
		Next:   m.next,
		Encode: m.encode,
		Format: m.format,
		Properties: []checker.Property[State]{
			{Name: "NoAckedWriteLost", Kind: checker.Always, Holds: func(s State) bool { return m.lost(s) < 0 }},
			{Name: "RepairedAfterFailure", Kind: checker.Sometimes, Holds: func(s State) bool {
				return s.Crashes > 0 && s.Acked == 1<<c.Files-1 && m.repaired(s)
			}},
		},
	}, nil
}

func (m *model) init(yield func(string, State) bool) {
	s := State{Nodes: make([]*ringstore.Node, m.c.Nodes)}
	for i := range m.c.Initial {
		s.Members = s.Members.With(i)
	}
	for i := range s.Nodes {
		s.Nodes[i] = ringstore.NewNode(m.r, i, s.Members)
	}
	yield("Init", s)
}

// lost returns an acknowledged file no member keeps any copy of, or -1.
func (m *model) lost(s State) int {
	for f := range m.c.Files {
		if s.Acked&(1<<f) != 0 && !m.anyCopy(s, f) {
			return f
		}
	}
	return -1
}

func (m *model) anyCopy(s State, f int) bool {
	for i, n := range s.Nodes {
		if s.Members.Has(i) {
			for _, k := range m.keys[f] {
				if n.Has(k) {
					return true
				}
			}
		}
	}
	return false
}

// repaired: at least r members, no write in progress, and every copy a
// member keeps is on all of its holders under the current membership. A
// write in progress blocks it because copies it has already made may be
// lost before it is acknowledged, and those failures must count.
func (m *model) repaired(s State) bool {
	if s.Members.Len() < m.c.Replicas {
		return false
	}
	for i, n := range s.Nodes {
		if !s.Members.Has(i) {
			continue
		}
		if len(n.Writes()) > 0 {
			return false
		}
		for _, k := range n.Keys() {
			for _, h := range m.r.Holders(k, s.Members) {
				if !s.Nodes[h].Has(k) {
					return false
				}
			}
		}
	}
	return true
}

// withNode returns a copy of s whose node i is a private clone.
func withNode(s State, i int) (State, *ringstore.Node) {
	s.Nodes = slices.Clone(s.Nodes)
	s.Nodes[i] = s.Nodes[i].Clone()
	return s, s.Nodes[i]
}

// apply adds a step's output to t (t.Net must already be private or be
// replaced here) and restarts the failure count on a full repair.
func (m *model) apply(t *State, out ringstore.Output) {
	if len(out.Msgs) > 0 {
		net := slices.Clone(t.Net)
		for _, msg := range out.Msgs {
			if !t.Members.Has(msg.To) {
				continue // sent to a node that has left: lost
			}
			if i, found := slices.BinarySearchFunc(net, msg, ringstore.CmpMsg); !found {
				net = slices.Insert(net, i, msg)
			}
		}
		t.Net = net
	}
	for _, file := range out.Acked {
		var f int
		fmt.Sscanf(file, "f%d", &f)
		t.Acked |= 1 << f
	}
	if t.Fails > 0 && m.repaired(*t) {
		t.Fails = 0
	}
}

func (m *model) next(s State, yield func(string, State) bool) {
	for k, msg := range s.Net {
		t := s
		t.Net = slices.Delete(slices.Clone(s.Net), k, k+1)
		t, n := withNode(t, msg.To)
		m.apply(&t, n.Step(msg))
		if !yield(fmt.Sprintf("Deliver %s->%s %s", NodeName(msg.From), NodeName(msg.To), msg), t) {
			return
		}
	}
	for f := range m.c.Files {
		if s.Written&(1<<f) != 0 {
			continue
		}
		owner := m.r.Successors(m.r.KeyPos(FileName(f)), s.Members, 1)
		if len(owner) == 0 {
			continue
		}
		t, n := withNode(s, owner[0])
		t.Written |= 1 << f
		out, err := n.Put(FileName(f))
		if err != nil {
			panic(err) // each file is written once, so its owner cannot be writing it
		}
		m.apply(&t, out)
		if !yield(fmt.Sprintf("Put %s at %s", FileName(f), NodeName(owner[0])), t) {
			return
		}
	}
	has := func(i int, k string) bool { return s.Members.Has(i) && s.Nodes[i].Has(k) }
	for i := range s.Nodes {
		if !s.Members.Has(i) {
			continue
		}
		t, n := withNode(s, i)
		m.apply(&t, n.Repair(s.Members, has))
		// A repair that changes nothing is not offered: it would only be a
		// self-loop.
		changed := len(t.Net) != len(s.Net) || t.Acked != s.Acked || t.Fails != s.Fails || !n.Equal(s.Nodes[i])
		if changed && !yield("Repair "+NodeName(i), t) {
			return
		}
	}
	if s.Fails < m.c.MaxFails && s.Crashes < m.c.MaxCrashes {
		for i := range s.Nodes {
			if !s.Members.Has(i) {
				continue
			}
			t := s
			t.Members = s.Members.Without(i)
			t.Nodes = slices.Clone(s.Nodes)
			t.Nodes[i] = ringstore.NewNode(m.r, i, 0) // the disk is lost
			t.Net = slices.DeleteFunc(slices.Clone(s.Net), func(msg ringstore.Msg) bool { return msg.To == i })
			t.Fails++
			t.Crashes++
			m.instant(&t)
			m.apply(&t, ringstore.Output{})
			if !yield("Crash "+NodeName(i), t) {
				return
			}
		}
	}
	for i := range s.Nodes {
		if s.Members.Has(i) || s.Joins >= m.c.MaxJoins {
			continue
		}
		t := s
		t.Joins++
		t.Members = s.Members.With(i)
		t.Nodes = slices.Clone(s.Nodes)
		t.Nodes[i] = ringstore.NewNode(m.r, i, t.Members) // it learned the ring from its successor
		m.instant(&t)
		m.apply(&t, ringstore.Output{})
		if !yield("Join "+NodeName(i), t) {
			return
		}
	}
}

func (m *model) encode(s State, e *checker.Encoder) {
	e.Uint(uint64(s.Members))
	for i, n := range s.Nodes {
		if !s.Members.Has(i) {
			continue // a node outside the ring is empty
		}
		e.Uint(uint64(n.View))
		keys := n.Keys()
		e.Len(len(keys))
		for _, k := range keys {
			e.String(k)
		}
		e.Len(len(n.Writes()))
		for _, w := range n.Writes() {
			e.String(w.File)
			e.Int(w.Short)
			e.Len(len(w.Waiting))
			for _, c := range w.Waiting {
				e.String(c.Key)
				e.Int(c.Node)
			}
		}
	}
	e.Len(len(s.Net))
	for _, msg := range s.Net {
		e.Int(int(msg.Kind))
		e.Int(msg.From)
		e.Int(msg.To)
		e.String(msg.Key)
	}
	e.Uint(s.Written)
	e.Uint(s.Acked)
	e.Int(s.Fails)
	e.Int(s.Crashes)
	e.Int(s.Joins)
}

func (m *model) format(s State) string {
	var b strings.Builder
	for i, n := range s.Nodes {
		if !s.Members.Has(i) {
			fmt.Fprintf(&b, "%s (out)\n", NodeName(i))
			continue
		}
		var view []string
		for j := range s.Nodes {
			if n.View.Has(j) {
				view = append(view, NodeName(j))
			}
		}
		fmt.Fprintf(&b, "%s id=%d view={%s} keeps=%v", NodeName(i), m.r.Pos(i), strings.Join(view, ","), n.Keys())
		for _, w := range n.Writes() {
			var wait []string
			for _, c := range w.Waiting {
				wait = append(wait, c.Key+"@"+NodeName(c.Node))
			}
			fmt.Fprintf(&b, " writing %s, waiting for {%s}", w.File, strings.Join(wait, ","))
			if w.Short > 0 {
				fmt.Fprintf(&b, " (%d copies short)", w.Short)
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "network:")
	for _, msg := range s.Net {
		fmt.Fprintf(&b, " [%s->%s %s]", NodeName(msg.From), NodeName(msg.To), msg)
	}
	var acked []string
	for f := range m.c.Files {
		if s.Acked&(1<<f) != 0 {
			acked = append(acked, FileName(f))
		}
	}
	fmt.Fprintf(&b, "\nacked: %v, failures since full repair: %d", acked, s.Fails)
	if f := m.lost(s); f >= 0 {
		fmt.Fprintf(&b, " (%s: every copy lost)", FileName(f))
	}
	return b.String()
}

// instant tells every member the new membership, unless views are stale.
func (m *model) instant(t *State) {
	if m.c.StaleViews {
		return
	}
	for j := range t.Nodes {
		if t.Members.Has(j) && t.Nodes[j].View != t.Members {
			n := t.Nodes[j].Clone()
			n.View = t.Members
			t.Nodes[j] = n
		}
	}
}
