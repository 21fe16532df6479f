package chord

import (
	"fmt"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/checker"
)

// Bounds of the fixed-size state.
const (
	MaxNodes = 8 // identifiers 1..N with N <= MaxNodes
	MaxR     = 4 // successor lists of length R <= MaxR
)

// Nil is "no node": an empty list entry, no predecessor, nothing pending.
// Nodes are their identifiers 1..N.
const Nil = 0

// The invariants of Chord.tla, by name.
const (
	TypeOK              = "TypeOK"
	AtLeastOneRing      = "AtLeastOneRing"
	AtMostOneRing       = "AtMostOneRing"
	OrderedRing         = "OrderedRing"
	ConnectedAppendages = "ConnectedAppendages"
	EventuallyIdeal     = "EventuallyIdeal"
)

// AllInvariants are Zave's four properties, in Chord.tla's order.
var AllInvariants = []string{AtLeastOneRing, AtMostOneRing, OrderedRing, ConnectedAppendages}

// Config holds Chord.tla's constants and what a model checks.
type Config struct {
	N         int   // identifiers (nodes) 1..N
	R         int   // length of successor lists, at least 2
	Base      []int // the initial members, an ideal ring; corrected: the stable base, never failing
	Corrected bool  // Zave's corrected protocol (else the original)
	MaxJoins  int   // at most this many joins
	MaxFails  int   // at most this many failures
	// Live: LiveSpec with EventuallyIdeal (else Spec, safety only).
	Live bool
	// Invariants are checked besides TypeOK: names from AllInvariants, in
	// that order; nil means all four (as the model's .cfg lists them).
	Invariants []string
}

// Models are the .cfg files beside Chord.tla.
var Models = map[string]Config{
	"MCChordCorrect":   {N: 5, R: 2, Base: []int{1, 2, 3}, Corrected: true, MaxJoins: 3, MaxFails: 2},
	"MCChordCorrectR3": {N: 6, R: 3, Base: []int{1, 2, 3, 4}, Corrected: true, MaxJoins: 2, MaxFails: 2},
	"MCChordLive":      {N: 5, R: 2, Base: []int{1, 2, 3}, Corrected: true, MaxJoins: 2, MaxFails: 1, Live: true},
	"MCChordNoRing":    {N: 3, R: 2, Base: []int{1, 3}, MaxJoins: 1, MaxFails: 1, Invariants: []string{AtLeastOneRing}},
	"MCChordDetached":  {N: 3, R: 2, Base: []int{1, 3}, MaxJoins: 1, MaxFails: 1, Invariants: []string{ConnectedAppendages}},
	"MCChordTwoRings":  {N: 4, R: 2, Base: []int{1, 3}, MaxJoins: 2, MaxFails: 2, Invariants: []string{AtMostOneRing}},
}

// Unordered is a model of the original protocol in which OrderedRing fails
// (a 14-step counterexample: n2 fails and joins again, and the ring
// n1 -> n3 -> n2 -> n1 winds past n2). It has no .cfg in the manifest: its
// space is 3.2 million states, so many of them violating that TLC with
// -continue, which prints a trace for each, wrote over a gigabyte before it
// was stopped. Search it with the Go checker, stopping at the violation.
var Unordered = Config{N: 4, R: 2, Base: []int{1, 2}, MaxJoins: 3, MaxFails: 2, Invariants: []string{OrderedRing}}

// ModelNames lists Models in a fixed order, the correct protocol first.
var ModelNames = []string{"MCChordCorrect", "MCChordCorrectR3", "MCChordLive", "MCChordNoRing", "MCChordDetached", "MCChordTwoRings"}

// Validate rejects constants the state cannot hold and those Chord.tla's
// ASSUME rejects.
func (c Config) Validate() error {
	if c.N < 1 || c.N > MaxNodes {
		return fmt.Errorf("chord spec: N = %d out of range 1..%d", c.N, MaxNodes)
	}
	if c.R < 2 || c.R > MaxR {
		return fmt.Errorf("chord spec: R = %d out of range 2..%d", c.R, MaxR)
	}
	if len(c.Base) == 0 {
		return fmt.Errorf("chord spec: Base is empty")
	}
	for _, b := range c.Base {
		if b < 1 || b > c.N {
			return fmt.Errorf("chord spec: Base member %d outside 1..%d", b, c.N)
		}
	}
	if c.Corrected && len(c.Base) < c.R+1 {
		return fmt.Errorf("chord spec: the corrected protocol needs a stable base of at least R+1 = %d members, Base has %d", c.R+1, len(c.Base))
	}
	if c.MaxJoins < 0 || c.MaxJoins > 255 || c.MaxFails < 0 || c.MaxFails > 255 {
		return fmt.Errorf("chord spec: MaxJoins = %d, MaxFails = %d out of range 0..255", c.MaxJoins, c.MaxFails)
	}
	for _, inv := range c.Invariants {
		if !slices.Contains(AllInvariants, inv) {
			return fmt.Errorf("chord spec: unknown invariant %q (have %s)", inv, strings.Join(AllInvariants, ", "))
		}
	}
	return nil
}

// State is Chord.tla's variables. Node n's fields are at index n-1; entries
// at or beyond N (and list entries at or beyond R) are always Nil.
type State struct {
	// Succ[n-1] is node n's successor list: Succ[n-1][i] is entry i+1 of
	// succ[n], Nil when empty. n is a member exactly when Succ[n-1][0] != Nil;
	// a non-member's list is all Nil.
	Succ [MaxNodes][MaxR]uint8
	// Prdc[n-1] is n's predecessor (prdc[n]), or Nil.
	Prdc [MaxNodes]uint8
	// Stab[n-1] (corrected protocol) is the better successor n will query
	// in StabilizeFromPredecessor; Nil when n is not in mid-stabilization.
	Stab [MaxNodes]uint8
	// Notify[n-1] is the node n has notified and that has not yet handled
	// the notification (notify[n]), or Nil. A node has at most one
	// notification in flight; it outlives its sender's failure and is lost
	// when its receiver fails.
	Notify [MaxNodes]uint8
	// Joins and Fails count the joins and failures so far.
	Joins, Fails uint8
}

// Between is Chord.tla's Between(a, b, c): b lies strictly inside the arc
// going up from a to c; when a = c, that is the whole ring except a.
func Between(a, b, c uint8) bool {
	if a < c {
		return a < b && b < c
	}
	return a < b || b < c
}

// IsMember reports whether n has joined and not failed.
func (s *State) IsMember(n uint8) bool { return n != Nil && s.Succ[n-1][0] != Nil }

// Members returns the members as a bit set (bit n-1 for node n).
func (s *State) Members() uint16 {
	var m uint16
	for n := range MaxNodes {
		if s.Succ[n][0] != Nil {
			m |= 1 << n
		}
	}
	return m
}

// BestSucc is n's best successor: the first live entry of its list, or Nil.
func (s *State) BestSucc(n uint8) uint8 {
	for _, x := range s.Succ[n-1] {
		if s.IsMember(x) {
			return x
		}
	}
	return Nil
}

func bit(n uint8) uint16 { return 1 << (n - 1) }

// reach returns, per node, the set of members reachable in one or more
// best-successor steps, and the ring members (those that reach themselves).
func (c Config) reach(s *State) (reach [MaxNodes]uint16, ring uint16) {
	var bs [MaxNodes + 1]uint8
	for n := 1; n <= c.N; n++ {
		bs[n] = s.BestSucc(uint8(n))
	}
	for a := 1; a <= c.N; a++ {
		x := uint8(a)
		for k := 0; k < c.N && bs[x] != Nil; k++ {
			x = bs[x]
			reach[a-1] |= bit(x)
		}
		if s.IsMember(uint8(a)) && reach[a-1]&bit(uint8(a)) != 0 {
			ring |= bit(uint8(a))
		}
	}
	return reach, ring
}

// RingMembers returns the members that reach themselves by best successors,
// as a bit set.
func (c Config) RingMembers(s *State) uint16 {
	_, ring := c.reach(s)
	return ring
}

// TypeOK is Chord.tla's TypeOK.
func (c Config) TypeOK(s *State) bool {
	ok := func(x uint8) bool { return int(x) <= c.N }
	for n := range MaxNodes {
		for i, x := range s.Succ[n] {
			if !ok(x) || (n >= c.N || i >= c.R) && x != Nil {
				return false
			}
		}
		if !ok(s.Prdc[n]) || !ok(s.Stab[n]) || !ok(s.Notify[n]) ||
			n >= c.N && (s.Prdc[n] != Nil || s.Stab[n] != Nil || s.Notify[n] != Nil) {
			return false
		}
	}
	return int(s.Joins) <= c.MaxJoins && int(s.Fails) <= c.MaxFails
}

// AtLeastOneRing: some member reaches itself by best successors.
func (c Config) AtLeastOneRing(s *State) bool { return c.RingMembers(s) != 0 }

// AtMostOneRing: every ring member reaches every other.
func (c Config) AtMostOneRing(s *State) bool {
	reach, ring := c.reach(s)
	for a := 1; a <= c.N; a++ {
		if ring&bit(uint8(a)) != 0 && reach[a-1]&ring != ring {
			return false
		}
	}
	return true
}

// OrderedRing: no ring member lies between a ring member and its best
// successor.
func (c Config) OrderedRing(s *State) bool {
	ring := c.RingMembers(s)
	for a := uint8(1); int(a) <= c.N; a++ {
		if ring&bit(a) == 0 {
			continue
		}
		b := s.BestSucc(a)
		if b == a {
			continue
		}
		for x := uint8(1); int(x) <= c.N; x++ {
			if ring&bit(x) != 0 && Between(a, x, b) {
				return false
			}
		}
	}
	return true
}

// ConnectedAppendages: every member off the ring reaches the ring.
func (c Config) ConnectedAppendages(s *State) bool {
	reach, ring := c.reach(s)
	for a := uint8(1); int(a) <= c.N; a++ {
		if s.IsMember(a) && ring&bit(a) == 0 && reach[a-1]&ring == 0 {
			return false
		}
	}
	return true
}

func (c Config) inBase(n uint8) bool { return slices.Contains(c.Base, int(n)) }

// nextIn and prevIn are Chord.tla's NextIn and PrevIn over a bit set of nodes.
func (c Config) nextIn(set uint16, n uint8) uint8 {
	for x := int(n) + 1; x <= c.N; x++ {
		if set&bit(uint8(x)) != 0 {
			return uint8(x)
		}
	}
	for x := 1; x <= c.N; x++ {
		if set&bit(uint8(x)) != 0 {
			return uint8(x)
		}
	}
	return Nil
}

func (c Config) prevIn(set uint16, n uint8) uint8 {
	for x := int(n) - 1; x >= 1; x-- {
		if set&bit(uint8(x)) != 0 {
			return uint8(x)
		}
	}
	for x := c.N; x >= 1; x-- {
		if set&bit(uint8(x)) != 0 {
			return uint8(x)
		}
	}
	return Nil
}

func count(set uint16) int {
	k := 0
	for ; set != 0; set &= set - 1 {
		k++
	}
	return k
}

// idealList is Chord.tla's IdealList(set, n): n's next members, never
// wrapping back past n (a lone member is its own successor).
func (c Config) idealList(set uint16, n uint8) [MaxR]uint8 {
	var l [MaxR]uint8
	length := max(count(set)-1, 1)
	x := n
	for i := 0; i < c.R && i < length; i++ {
		x = c.nextIn(set, x)
		l[i] = x
	}
	return l
}

// Init is Chord.tla's Init: the ideal ring of Base.
func (c Config) Init() State {
	var s State
	var base uint16
	for _, b := range c.Base {
		base |= bit(uint8(b))
	}
	for _, b := range c.Base {
		n := uint8(b)
		s.Succ[n-1] = c.idealList(base, n)
		if count(base) > 1 {
			s.Prdc[n-1] = c.prevIn(base, n)
		}
	}
	return s
}

// Ideal is Chord.tla's Ideal: every member's list holds its next R members,
// its predecessor is the member before it, and no notification from a dead
// node is pending.
func (c Config) Ideal(s *State) bool {
	members := s.Members()
	for n := uint8(1); int(n) <= c.N; n++ {
		if members&bit(n) != 0 && (s.Succ[n-1] != c.idealList(members, n) || s.Prdc[n-1] != c.prevIn(members, n)) {
			return false
		}
		if s.Notify[n-1] != Nil && !s.IsMember(n) {
			return false
		}
	}
	return true
}

// Quiet is Chord.tla's Quiet: no join or failure can happen any more.
func (c Config) Quiet(s *State) bool {
	if int(s.Joins) < c.MaxJoins {
		for j := uint8(1); int(j) <= c.N; j++ {
			for m := uint8(1); int(m) <= c.N; m++ {
				if c.joinEnabled(s, j, m) {
					return false
				}
			}
		}
	}
	if int(s.Fails) < c.MaxFails {
		for n := uint8(1); int(n) <= c.N; n++ {
			if s.IsMember(n) && !(c.Corrected && c.inBase(n)) && c.failOK(s, n) {
				return false
			}
		}
	}
	return true
}

func nodeName(n uint8) string { return fmt.Sprintf("n%d", n) }

// Format renders a state: each member's list, predecessor and pending
// stabilization or notification, then the counters.
func (c Config) Format(s State) string {
	var parts []string
	for n := uint8(1); int(n) <= c.N; n++ {
		if !s.IsMember(n) {
			if s.Notify[n-1] != Nil {
				parts = append(parts, fmt.Sprintf("%s:dead notify=%s", nodeName(n), nodeName(s.Notify[n-1])))
			}
			continue
		}
		var l []string
		for i := 0; i < c.R; i++ {
			if x := s.Succ[n-1][i]; x != Nil {
				l = append(l, nodeName(x))
			} else {
				l = append(l, "-")
			}
		}
		p := "-"
		if s.Prdc[n-1] != Nil {
			p = nodeName(s.Prdc[n-1])
		}
		part := fmt.Sprintf("%s:[%s] prdc=%s", nodeName(n), strings.Join(l, ","), p)
		if s.Stab[n-1] != Nil {
			part += " stab=" + nodeName(s.Stab[n-1])
		}
		if s.Notify[n-1] != Nil {
			part += " notify=" + nodeName(s.Notify[n-1])
		}
		parts = append(parts, part)
	}
	return fmt.Sprintf("%s joins=%d fails=%d", strings.Join(parts, " "), s.Joins, s.Fails)
}

// Model is the spec as a checker model, with the properties the model's
// .cfg lists.
func (c Config) Model() *checker.Model[State] {
	m := &checker.Model[State]{
		Name: "chord-spec",
		Init: func(yield func(string, State) bool) { yield("Init", c.Init()) },
		Next: c.Next,
		Encode: func(s State, e *checker.Encoder) {
			for n := range c.N {
				for i := range c.R {
					e.Uint(uint64(s.Succ[n][i]))
				}
				e.Uint(uint64(s.Prdc[n]))
				e.Uint(uint64(s.Stab[n]))
				e.Uint(uint64(s.Notify[n]))
			}
			e.Uint(uint64(s.Joins))
			e.Uint(uint64(s.Fails))
		},
		Format: c.Format,
		Properties: []checker.Property[State]{
			{Name: TypeOK, Kind: checker.Always, Holds: func(s State) bool { return c.TypeOK(&s) }},
		},
	}
	invs := c.Invariants
	if invs == nil {
		invs = AllInvariants
	}
	judge := map[string]func(*State) bool{
		AtLeastOneRing:      c.AtLeastOneRing,
		AtMostOneRing:       c.AtMostOneRing,
		OrderedRing:         c.OrderedRing,
		ConnectedAppendages: c.ConnectedAppendages,
	}
	for _, name := range invs {
		f := judge[name]
		m.Properties = append(m.Properties, checker.Property[State]{Name: name, Kind: checker.Always,
			Holds: func(s State) bool { return f(&s) }})
	}
	if c.Live {
		m.Properties = append(m.Properties, checker.Property[State]{Name: EventuallyIdeal, Kind: checker.Eventually,
			Holds: func(s State) bool { return c.Quiet(&s) && c.Ideal(&s) }})
		m.Fairness = []checker.Fairness{
			// WF_vars(Disrupt): one instance for every Join and Fail.
			{Name: "WF_Disrupt", Instance: func(a string) (string, bool) {
				if strings.HasPrefix(a, "Join(") || strings.HasPrefix(a, "Fail(") {
					return "Disrupt", true
				}
				return "", false
			}},
			// WF of StabilizeFromSuccessor(n) and StabilizeFromPredecessor(n)
			// per node and of Rectify(r, p) per pair: one instance per label.
			{Name: "WF_Stabilize_Rectify", Instance: func(a string) (string, bool) {
				if strings.HasPrefix(a, "StabilizeFrom") || strings.HasPrefix(a, "Rectify(") {
					return a, true
				}
				return "", false
			}},
		}
	}
	return m
}
