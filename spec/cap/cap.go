package cap

import (
	"fmt"
	"strings"
)

// Bounds of the fixed-size state.
const (
	MaxClients = 3
	MaxValues  = 2
	MaxMsgs    = 8
)

// Design selects what a replica does with a request.
type Design uint8

const (
	AP Design = iota // answer from the local copy at once
	CP               // answer after a round trip to the other replica
)

func (d Design) String() string {
	if d == CP {
		return "CP"
	}
	return "AP"
}

// Config holds Cap.tla's constants: Client = {c1..cClients}, Value =
// {v1..vValues}, V0 = v0. Live selects LiveSpec with EveryRequestAnswered.
type Config struct {
	Design                Design
	Clients, Values       int
	MaxOps, MaxPartitions int
	Live                  bool
}

// Models are the .cfg files beside Cap.tla.
var Models = map[string]Config{
	"MCCapAP":            {Design: AP, Clients: 2, Values: 2, MaxOps: 1, MaxPartitions: 1, Live: true},
	"MCCapCP":            {Design: CP, Clients: 2, Values: 2, MaxOps: 2, MaxPartitions: 1},
	"MCCapCPLive":        {Design: CP, Clients: 2, Values: 2, MaxOps: 1, MaxPartitions: 1, Live: true},
	"MCCapCPNoPartition": {Design: CP, Clients: 2, Values: 2, MaxOps: 1, MaxPartitions: 0, Live: true},
}

// ModelNames lists Models in a fixed order.
var ModelNames = []string{"MCCapCP", "MCCapCPNoPartition", "MCCapAP", "MCCapCPLive"}

// Validate rejects constants the state cannot hold.
func (c Config) Validate() error {
	switch {
	case c.Design != AP && c.Design != CP:
		return fmt.Errorf("cap spec: design %d is neither AP nor CP", c.Design)
	case c.Clients < 1 || c.Clients > MaxClients:
		return fmt.Errorf("cap spec: %d clients, want 1..%d", c.Clients, MaxClients)
	case c.Values < 1 || c.Values > MaxValues:
		return fmt.Errorf("cap spec: %d values, want 1..%d", c.Values, MaxValues)
	case c.MaxOps < 0 || c.MaxPartitions < 0 || c.MaxPartitions > 100:
		return fmt.Errorf("cap spec: MaxOps %d and MaxPartitions %d must be in 0..100", c.MaxOps, c.MaxPartitions)
	case c.Clients*c.MaxOps > MaxMsgs:
		// Every write may leave one AP update in flight; timestamps count writes.
		return fmt.Errorf("cap spec: clients*MaxOps = %d operations, at most %d fit", c.Clients*c.MaxOps, MaxMsgs)
	}
	return nil
}

// Values are 0 for V0 and 1..Values for v1..; None is "no value".
const None = 0xff

// Version is a copy of the register: a value and the timestamp <<N, R>>
// of the write that produced it (Cap.tla's Version; V0 has <<0, 0>>).
type Version struct{ N, R, Val uint8 }

// Newer orders timestamps lexicographically, the replica breaking ties.
func Newer(a, b Version) bool { return a.N > b.N || a.N == b.N && a.R > b.R }

// Merge keeps the newer copy.
func Merge(a, b Version) Version {
	if Newer(b, a) {
		return b
	}
	return a
}

// Message types.
const (
	Update    uint8 = iota + 1 // AP: a write sent to the other replica
	SyncReq                    // CP: the coordinator's copy for a client's request
	SyncReply                  // CP: the other replica's merged copy, back
)

// Msg is Cap.tla's Msg(type, client, to, ver); Client is None for updates.
type Msg struct {
	Type, Client, To uint8
	Ver              Version
}

func (m Msg) key() uint64 {
	return uint64(m.Type)<<40 | uint64(m.Client)<<32 | uint64(m.To)<<24 |
		uint64(m.Ver.N)<<16 | uint64(m.Ver.R)<<8 | uint64(m.Ver.Val)
}

// Operations.
const (
	OpNone uint8 = iota
	OpRead
	OpWrite
)

// Pending is a client's pending operation (Idle when Op is OpNone):
// Arg is the value written, Rep the replica (1 or 2) it was sent to.
type Pending struct{ Op, Arg, Rep uint8 }

// Idle is Cap.tla's Idle.
var Idle = Pending{Op: OpNone, Arg: None}

// State is Cap.tla's variables. Net is a set, kept sorted by Msg.key in
// its first NNet slots with the rest zero, so equal sets are equal arrays.
type State struct {
	Store       [2]Version // Store[r-1] is replica r's copy
	Net         [MaxMsgs]Msg
	NNet        uint8
	Partitioned bool
	Partitions  uint8
	Pend        [MaxClients]Pending
	Ops         [MaxClients]uint8
	Lin         Lin
}

func (s *State) net() []Msg { return s.Net[:s.NNet] }

// add puts m into the set Net.
func (s *State) add(m Msg) {
	ms := s.net()
	i := 0
	for i < len(ms) && ms[i].key() < m.key() {
		i++
	}
	if i < len(ms) && ms[i] == m {
		return
	}
	if int(s.NNet) == MaxMsgs {
		panic("cap spec: more than MaxMsgs messages in flight (Validate should prevent this)")
	}
	copy(s.Net[i+1:s.NNet+1], s.Net[i:s.NNet])
	s.Net[i] = m
	s.NNet++
}

// remove takes the i-th message out of Net.
func (s *State) remove(i int) {
	copy(s.Net[i:], s.Net[i+1:s.NNet])
	s.NNet--
	s.Net[s.NNet] = Msg{}
}

// Init is Cap.tla's Init.
func (c Config) Init() State {
	var s State
	for cl := range s.Pend {
		s.Pend[cl] = Idle
	}
	s.Lin = c.initLin()
	return s
}

func other(r uint8) uint8 { return 3 - r }

// newVersion is NewVersion(r, v): one newer than replica r's copy.
func newVersion(s *State, r, v uint8) Version {
	return Version{N: s.Store[r-1].N + 1, R: r, Val: v}
}

// answer is Answer(c, x): client c's operation returns x and c is idle.
func (c Config) answer(s *State, cl int, x uint8) {
	s.Lin = c.respond(s, cl, x)
	s.Pend[cl] = Idle
}

// begun is Begun(c): a message of client c's CP request is in flight.
func begun(s *State, cl int) bool {
	for _, m := range s.net() {
		if m.Client == uint8(cl) {
			return true
		}
	}
	return false
}

// Next is Cap.tla's Next, one successor per TLC successor.
func (c Config) Next(s State, yield func(string, State) bool) {
	for cl := 0; cl < c.Clients; cl++ {
		// Invoke(c, r, o) for r in Replica, o in Op.
		if s.Pend[cl] == Idle && int(s.Ops[cl]) < c.MaxOps {
			for r := uint8(1); r <= 2; r++ {
				for v := uint8(0); int(v) <= c.Values; v++ {
					t := s
					p := Pending{Op: OpRead, Arg: None, Rep: r}
					if v > 0 {
						p = Pending{Op: OpWrite, Arg: v, Rep: r}
					}
					t.Pend[cl] = p
					t.Ops[cl]++
					if !yield(fmt.Sprintf("Invoke(c%d,r%d,%s)", cl+1, r, opString(p)), t) {
						return
					}
				}
			}
		}
		p := s.Pend[cl]
		if p == Idle {
			continue
		}
		switch {
		case c.Design == AP: // Reply(c)
			t := s
			if p.Op == OpRead {
				c.answer(&t, cl, s.Store[p.Rep-1].Val)
			} else {
				nv := newVersion(&s, p.Rep, p.Arg)
				t.Store[p.Rep-1] = nv
				t.add(Msg{Type: Update, Client: None, To: other(p.Rep), Ver: nv})
				c.answer(&t, cl, None)
			}
			if !yield(fmt.Sprintf("Reply(c%d)", cl+1), t) {
				return
			}
		case !begun(&s, cl): // Begin(c)
			t := s
			ver := s.Store[p.Rep-1]
			if p.Op == OpWrite {
				ver = newVersion(&s, p.Rep, p.Arg)
			}
			t.Store[p.Rep-1] = ver
			t.add(Msg{Type: SyncReq, Client: uint8(cl), To: other(p.Rep), Ver: ver})
			if !yield(fmt.Sprintf("Begin(c%d)", cl+1), t) {
				return
			}
		}
	}
	// Deliver(m) for m in net: Update, Sync or Finish by m's type.
	if !s.Partitioned {
		for i, m := range s.net() {
			t := s
			t.remove(i)
			to := m.To - 1
			var label string
			switch m.Type {
			case Update:
				t.Store[to] = Merge(t.Store[to], m.Ver)
				label = fmt.Sprintf("Update(r%d,%s)", m.To, m.Ver)
			case SyncReq:
				merged := Merge(t.Store[to], m.Ver)
				t.Store[to] = merged
				t.add(Msg{Type: SyncReply, Client: m.Client, To: other(m.To), Ver: merged})
				label = fmt.Sprintf("Sync(c%d)", m.Client+1)
			case SyncReply:
				t.Store[to] = Merge(t.Store[to], m.Ver)
				c.answer(&t, int(m.Client), m.Ver.Val)
				label = fmt.Sprintf("Finish(c%d)", m.Client+1)
			}
			if !yield(label, t) {
				return
			}
		}
	}
	if !s.Partitioned && int(s.Partitions) < c.MaxPartitions {
		t := s
		t.Partitioned = true
		t.Partitions++
		if !yield("Partition", t) {
			return
		}
	}
	if s.Partitioned {
		t := s
		t.Partitioned = false
		yield("Heal", t)
	}
}

func valString(v uint8) string {
	if v == None {
		return "None"
	}
	return fmt.Sprintf("v%d", v)
}

func opString(p Pending) string {
	switch p.Op {
	case OpRead:
		return "read"
	case OpWrite:
		return "write " + valString(p.Arg)
	}
	return "none"
}

func (v Version) String() string { return fmt.Sprintf("<<%d,%d>>:%s", v.N, v.R, valString(v.Val)) }

func (m Msg) String() string {
	switch m.Type {
	case Update:
		return fmt.Sprintf("update->r%d %s", m.To, m.Ver)
	case SyncReq:
		return fmt.Sprintf("syncreq(c%d)->r%d %s", m.Client+1, m.To, m.Ver)
	}
	return fmt.Sprintf("syncreply(c%d)->r%d %s", m.Client+1, m.To, m.Ver)
}

// Format renders a state for counterexamples.
func (c Config) Format(s *State) string {
	var b strings.Builder
	fmt.Fprintf(&b, "r1:%s r2:%s", s.Store[0], s.Store[1])
	for cl := 0; cl < c.Clients; cl++ {
		fmt.Fprintf(&b, " c%d:", cl+1)
		if p := s.Pend[cl]; p == Idle {
			b.WriteString("idle")
		} else {
			fmt.Fprintf(&b, "%s@r%d", opString(p), p.Rep)
		}
		fmt.Fprintf(&b, "(%d/%d)", s.Ops[cl], c.MaxOps)
	}
	var ms []string
	for _, m := range s.net() {
		ms = append(ms, m.String())
	}
	fmt.Fprintf(&b, " net:{%s}", strings.Join(ms, ", "))
	if s.Partitioned {
		b.WriteString(" PARTITIONED")
	}
	fmt.Fprintf(&b, " partitions:%d", s.Partitions)
	if s.Lin.Empty() {
		b.WriteString(" NOT-LINEARIZABLE")
	}
	return b.String()
}
