package actor

import (
	"cmp"
	"fmt"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/distcheck/distcheck/checker"
)

// Envelope is a message from one node to another.
type Envelope[M any] struct {
	From, To int
	Msg      M
}

// Protocol describes a protocol's nodes to the actor layer. N is a node's
// state; functions that change a node receive a private copy and change it
// in place. A node a state holds is never changed again: Timers, Inputs,
// Encode, Format and properties only read it.
//
// The private copy comes from Clone when it is set. Nodes that cannot be
// deep-copied (a library's node holding maps, a mutex, bound method values,
// such as etcd raft's RawNode) leave Clone nil: the actor layer then keeps,
// beside each node, where it started (Init, or Recover of the node that
// crashed) and the events it handled since (deliveries, timers, inputs),
// and rebuilds a private copy by re-running them. This needs Init, Recover
// and the handlers to be deterministic and Recover not to change its
// argument; it costs time proportional to the events since the node's
// last restart (see BenchmarkRebuild in impl/raft/raftmodel).
//
// M is a message. It must be a plain value: the actor layer keeps one copy
// of each distinct message and shares it between states, so a message must
// not hold pointers, slices or maps that anyone changes later, and two
// messages with equal Keys must be equal (deeply); a Key that drops a field
// would merge different states silently (detected, with a panic, when both
// messages meet). Comparable structs and strings are the safe choice.
//
// A panic in any of these functions is re-raised as a *Panic naming the
// action and the node, so a checker that turns panics into violations can
// say which step of which node failed.
type Protocol[N, M any] struct {
	// Nodes is the number of nodes, named n1..nN in labels.
	Nodes int
	// Init returns node id's initial state.
	Init func(id int) N
	// Clone copies a node deeply. Nil: nodes are rebuilt from their start
	// and events instead (see above).
	Clone func(N) N
	// Deliver hands m from `from` to n, returning the messages it sends.
	Deliver func(n N, from int, m M) []Envelope[M]
	// Timers lists the timers armed at n (a bound may disarm some).
	Timers func(n N) []string
	// Fire expires timer t at n.
	Fire func(n N, t string) []Envelope[M]
	// Inputs lists the client inputs enabled at n; nil for none.
	Inputs func(n N) []string
	// Input applies client input in at n.
	Input func(n N, in string) []Envelope[M]
	// Recover returns the node as it restarts from its durable state alone.
	// It must not change n nor share anything mutable with it. Needed when
	// Env.MaxCrashes > 0 or Clone is nil.
	Recover func(n N) N
	// Encode writes a node's canonical encoding.
	Encode func(n N, e *checker.Encoder)
	// Key renders a message canonically: equal keys must mean equal
	// messages (Key is injective). It appears in action labels, so it
	// should be readable.
	Key func(m M) string
	// Format renders a node for reports; %+v when nil.
	Format func(n N) string

	// PermuteNode, when set, declares the nodes interchangeable, so the
	// model gets a checker.Model.Symmetry (see symmetry.go): it returns a
	// new node, n with every node id renamed, i to p[i]. PermuteMsg does
	// the same for the node ids inside a message (nil: M holds none; the
	// envelope's From and To are renamed by the actor layer). Class, when
	// set, allows only permutations that keep each node in its class.
	PermuteNode func(n N, p []int) N
	PermuteMsg  func(m M, p []int) M
	Class       func(node int) int

	// ShareNodes lets the model pack its states for the checker's frontier
	// (checker.Model.Pack) by reference: a node is kept once per position
	// and encoding, and every state whose node there encodes the same
	// shares that one copy. Set it only when Encode determines the node's
	// whole future, not just the system's state in context: a node whose
	// encoding leaves out what it remembers of a message (because the
	// message itself, still in a persistent network, says it) would be
	// replaced by another with a different future. proptest.PackRoundTrip
	// checks it along random walks. Needs Clone.
	ShareNodes bool
}

// Env bounds the environment's faults. The zero Env is a network that
// consumes messages on delivery, without drops, duplicates, crashes or
// partitions. Model calls Validate.
//
// System-wide bounds. A bound on the environment (faults, messages in
// flight, client inputs in total) is a field here, counted in the System
// and part of its encoding. A bound on the protocol's own state (a
// maximum term or ballot) belongs in the protocol: Timers and Inputs stop
// offering what would exceed it, as impl/raft/raftmodel does with MaxTerm.
// Use checker.Model.Within only for a bound that neither can express: it
// prunes states after they are built, and a pruned state is invisible to
// every property.
type Env struct {
	// Persistent keeps every sent message in the network; delivery does
	// not consume it (loss, duplication, reordering implicit). Drops and
	// duplicates are then not separate actions.
	Persistent bool
	// Ordered delivers messages between each pair of nodes in send order
	// (per-pair FIFO, as over one TCP connection). Not with Persistent.
	Ordered bool
	// MaxDrops and MaxDuplicates bound explicit drop and duplicate actions.
	MaxDrops, MaxDuplicates int
	// MaxInFlight, when positive, disables any action that would leave
	// more messages in flight than this.
	MaxInFlight int
	// MaxCrashes bounds crash actions; a crashed node may restart.
	MaxCrashes int
	// Crashable, when set, limits crashes to the nodes it accepts (for
	// example acceptors but not proposers, when a claim counts f faulty
	// acceptors). Nil: any node may crash.
	Crashable func(node int) bool
	// MaxPartitions bounds partition actions; a partition lasts until Heal.
	MaxPartitions int
	// MaxInputs, when positive, bounds client inputs in total over all
	// nodes (one proposal in the whole run: 1). Zero leaves inputs
	// unbounded here: Protocol.Inputs must then bound them itself.
	MaxInputs int
	// TrackSent keeps the set of all messages ever sent (a history
	// variable), for abstraction functions that map the network to a
	// TLA+ spec's set of sent messages when the network is not Persistent.
	TrackSent bool
}

// Validate reports bounds that are negative, contradict each other or
// mean nothing, naming the field: a persistent network cannot be ordered,
// has no separate drops or duplicates, and never shrinks (so MaxInFlight
// would prune every state with more sends); Crashable needs MaxCrashes.
func (e Env) Validate() error {
	for _, f := range []struct {
		name string
		v    int
	}{{"MaxDrops", e.MaxDrops}, {"MaxDuplicates", e.MaxDuplicates}, {"MaxInFlight", e.MaxInFlight},
		{"MaxCrashes", e.MaxCrashes}, {"MaxPartitions", e.MaxPartitions}, {"MaxInputs", e.MaxInputs}} {
		if f.v < 0 {
			return fmt.Errorf("actor: Env.%s is %d, want >= 0", f.name, f.v)
		}
	}
	if e.Persistent {
		switch {
		case e.Ordered:
			return fmt.Errorf("actor: Env.Ordered with Env.Persistent: a persistent network cannot also be ordered (it keeps every message, deliverable in any order)")
		case e.MaxDrops > 0:
			return fmt.Errorf("actor: Env.MaxDrops is %d with Env.Persistent: a persistent network already loses messages (a message never delivered), so there are no drop actions", e.MaxDrops)
		case e.MaxDuplicates > 0:
			return fmt.Errorf("actor: Env.MaxDuplicates is %d with Env.Persistent: a persistent network already duplicates (delivery does not consume), so there are no duplicate actions", e.MaxDuplicates)
		case e.MaxInFlight > 0:
			return fmt.Errorf("actor: Env.MaxInFlight is %d with Env.Persistent: a persistent network never shrinks, so the bound would only prune every state with more sends", e.MaxInFlight)
		}
	}
	if e.Crashable != nil && e.MaxCrashes == 0 {
		return fmt.Errorf("actor: Env.Crashable is set but Env.MaxCrashes is 0: no node may crash")
	}
	return nil
}

func (p *Protocol[N, M]) validate(env Env) error {
	if p.Nodes < 1 || p.Nodes > 64 {
		return fmt.Errorf("actor: Protocol.Nodes is %d, want 1..64", p.Nodes)
	}
	for _, f := range []struct {
		name string
		nil  bool
	}{{"Init", p.Init == nil}, {"Deliver", p.Deliver == nil}, {"Timers", p.Timers == nil}, {"Fire", p.Fire == nil},
		{"Encode", p.Encode == nil}, {"Key", p.Key == nil}} {
		if f.nil {
			return fmt.Errorf("actor: Protocol.%s is nil", f.name)
		}
	}
	if p.Inputs != nil && p.Input == nil {
		return fmt.Errorf("actor: Protocol.Inputs is set but Protocol.Input is nil")
	}
	if p.ShareNodes && p.Clone == nil {
		return fmt.Errorf("actor: Protocol.ShareNodes needs Protocol.Clone: nodes rebuilt from their events are not shared")
	}
	if p.Recover == nil && env.MaxCrashes > 0 {
		return fmt.Errorf("actor: Protocol.Recover is nil but Env.MaxCrashes is %d", env.MaxCrashes)
	}
	return nil
}

// Panic is what the actor layer panics with when a protocol function
// panics: the action being taken, the node and the original value.
type Panic struct {
	Action string // the action label, or "rebuild" while replaying a node's events
	Node   string // n1..nN
	Value  any    // what the protocol panicked with
	Stack  []byte // the stack where it panicked
}

func (p *Panic) Error() string {
	return fmt.Sprintf("%s panicked in %s: %v", p.Node, p.Action, p.Value)
}

// guard runs f, re-panicking with a *Panic that names action and node.
func guard(action string, node int, f func()) {
	defer func() {
		if r := recover(); r != nil {
			repanic(r, action, node)
		}
	}()
	f()
}

// repanic re-raises r, recovered in action at node, as a *Panic naming
// them (one raised deeper down passes unchanged). Call it from the
// deferred function, so the stack is the panic's.
func repanic(r any, action string, node int) {
	if p, ok := r.(*Panic); ok {
		panic(p)
	}
	panic(&Panic{Action: action, Node: Name(node), Value: r, Stack: debug.Stack()})
}

// Message is a message with its sender, receiver and canonical key. Each
// distinct message is allocated once and shared by every state that holds
// it, which keeps a state's network a slice of small Flights.
type Message[M any] struct {
	From, To int
	Key      string
	Msg      M
	id       uint32 // its index among the builder's interned messages
}

// Flight is a message in the network. Count is the number of copies in an
// unordered network (always 1 when persistent or ordered).
type Flight[M any] struct {
	*Message[M]
	Count int
}

// System is the state of a whole system: nodes, network and fault counters.
// It is a value: actions build a new System and share what did not change,
// so nothing reachable from a System may be modified.
type System[N, M any] struct {
	Nodes      []N
	Down       []bool
	Net        []Flight[M] // sorted by (From, To), then by Key, or by send order when ordered
	Sent       []Flight[M] // all messages ever sent, sorted, when Env.TrackSent
	Crashes    int
	Drops      int
	Dups       int
	Partitions int
	Inputs     int    // client inputs taken, counted when Env.MaxInputs > 0
	Side       []bool // nil when healed; otherwise the partition side of each node
	// hist is, for each node when Protocol.Clone is nil, where it started
	// and what it handled since (how to rebuild it); not part of the state.
	hist []lineage[N, M]
}

// lineage is how to rebuild a node: Init, or Recover of a crashed node,
// then its events in order.
type lineage[N, M any] struct {
	base    N // the node that crashed; never changed
	crashed bool
	events  []event[M]
}

const (
	evDeliver = iota
	evFire
	evInput
)

type event[M any] struct {
	kind uint8
	from int
	msg  *Message[M]
	name string // the timer or input
}

// InFlight counts the messages in the network.
func (s *System[N, M]) InFlight() int {
	n := 0
	for _, f := range s.Net {
		n += f.Count
	}
	return n
}

// Up reports whether node i is running.
func (s *System[N, M]) Up(i int) bool { return !s.Down[i] }

// Messages returns the messages a network holds, in canonical order: what
// is in flight, or (with TrackSent) everything ever sent.
func (s *System[N, M]) Messages(sent bool) []Flight[M] {
	if sent {
		return s.Sent
	}
	return s.Net
}

// Name is the label of node i.
func Name(i int) string { return fmt.Sprintf("n%d", i+1) }

// Model builds the checker model of p under env. Properties and fairness
// are added by the caller.
func Model[N, M any](name string, p Protocol[N, M], env Env) (*checker.Model[System[N, M]], error) {
	if err := env.Validate(); err != nil {
		return nil, err
	}
	if err := p.validate(env); err != nil {
		return nil, err
	}
	b := &builder[N, M]{p: p, env: env, intern: map[string]*Message[M]{}}
	b.tab.byEnc = map[string]uint32{}
	sym, reps, err := b.symmetry()
	if err != nil {
		return nil, err
	}
	m := &checker.Model[System[N, M]]{
		Name: name,
		Init: func(yield func(string, System[N, M]) bool) {
			s := System[N, M]{Nodes: make([]N, p.Nodes), Down: make([]bool, p.Nodes)}
			for i := range s.Nodes {
				guard("Init", i, func() { s.Nodes[i] = p.Init(i) })
			}
			if p.Clone == nil {
				s.hist = make([]lineage[N, M], p.Nodes)
			}
			yield("Init", s)
		},
		Next:            b.next,
		Encode:          b.encode,
		Format:          b.format,
		Symmetry:        sym,
		Representatives: reps,
	}
	if p.ShareNodes {
		m.Pack, m.Unpack = b.pack, b.unpack
	}
	return m, nil
}

type builder[N, M any] struct {
	p   Protocol[N, M]
	env Env
	// mu guards intern, msgs and tab: a parallel search calls Next, Pack
	// and Unpack from many goroutines.
	mu     sync.RWMutex
	intern map[string]*Message[M] // by "from to key"; lookups only, never iterated
	msgs   []*Message[M]          // by id
	tab    nodeTable[N]
}

func (b *builder[N, M]) message(e Envelope[M]) *Message[M] {
	key := b.p.Key(e.Msg)
	id := fmt.Sprintf("%d %d %s", e.From, e.To, key)
	b.mu.RLock()
	m, ok := b.intern[id]
	b.mu.RUnlock()
	if !ok {
		b.mu.Lock()
		defer b.mu.Unlock()
		m, ok = b.intern[id]
	}
	if ok {
		// Equal keys must mean equal messages, or states would silently
		// merge; a protocol whose Key drops a field is caught here.
		if !reflect.DeepEqual(m.Msg, e.Msg) {
			panic(fmt.Sprintf("actor: Key is not injective: %q stands for both %+v and %+v", key, m.Msg, e.Msg))
		}
		return m
	}
	m = &Message[M]{From: e.From, To: e.To, Key: key, Msg: e.Msg, id: uint32(len(b.msgs))}
	b.intern[id] = m
	b.msgs = append(b.msgs, m)
	return m
}

func cmpFlight[M any](ordered bool) func(a, b Flight[M]) int {
	return func(a, b Flight[M]) int {
		if c := cmp.Compare(a.From, b.From); c != 0 {
			return c
		}
		if c := cmp.Compare(a.To, b.To); c != 0 {
			return c
		}
		if ordered {
			return 0
		}
		return strings.Compare(a.Key, b.Key)
	}
}

// send adds envelopes to a copy of the network.
func (b *builder[N, M]) send(s *System[N, M], out []Envelope[M]) {
	if len(out) == 0 {
		return
	}
	net := slices.Clone(s.Net)
	var sent []Flight[M]
	if b.env.TrackSent {
		sent = slices.Clone(s.Sent)
	}
	for _, e := range out {
		f := Flight[M]{Message: b.message(e), Count: 1}
		if b.env.TrackSent {
			if i, found := slices.BinarySearchFunc(sent, f, cmpFlight[M](false)); !found {
				sent = slices.Insert(sent, i, f)
			}
		}
		if b.env.Ordered {
			// Append after the last message of the same pair.
			i, _ := slices.BinarySearchFunc(net, f, func(a, b Flight[M]) int {
				if c := cmp.Compare(a.From, b.From); c != 0 {
					return c
				}
				if c := cmp.Compare(a.To, b.To); c != 0 {
					return c
				}
				return -1 // every equal-pair element sorts before f
			})
			net = slices.Insert(net, i, f)
			continue
		}
		i, found := slices.BinarySearchFunc(net, f, cmpFlight[M](false))
		switch {
		case !found:
			net = slices.Insert(net, i, f)
		case !b.env.Persistent:
			net[i].Count++
		}
	}
	s.Net = net
	if b.env.TrackSent {
		s.Sent = sent
	}
}

// act returns a copy of s in which node i, a private copy, has handled
// ev, and the messages it sent.
func (b *builder[N, M]) act(s System[N, M], i int, ev event[M], label string) (System[N, M], []Envelope[M]) {
	var n N
	if b.p.Clone != nil {
		guard(label, i, func() { n = b.p.Clone(s.Nodes[i]) })
	} else {
		n = b.rebuild(&s, i)
		h := s.hist[i]
		h.events = append(slices.Clip(h.events), ev)
		s.hist = slices.Clone(s.hist)
		s.hist[i] = h
	}
	s.Nodes = slices.Clone(s.Nodes)
	s.Nodes[i] = n
	var out []Envelope[M]
	guard(label, i, func() { out = b.handle(n, ev) })
	return s, out
}

func (b *builder[N, M]) handle(n N, ev event[M]) []Envelope[M] {
	switch ev.kind {
	case evDeliver:
		return b.p.Deliver(n, ev.from, ev.msg.Msg)
	case evFire:
		return b.p.Fire(n, ev.name)
	default:
		return b.p.Input(n, ev.name)
	}
}

// Rebuild returns a fresh copy of node i of s, rebuilt from where it
// started and the events it handled since, as the actor layer does when
// Protocol.Clone is nil. Tests use it to check that rebuilding is faithful:
// the copy must encode exactly like s.Nodes[i]. It fails when s was built
// with Clone (no events are kept then).
func Rebuild[N, M any](p Protocol[N, M], s System[N, M], i int) (N, error) {
	if s.hist == nil {
		var zero N
		return zero, fmt.Errorf("actor: the state keeps no events (Protocol.Clone is set)")
	}
	b := &builder[N, M]{p: p}
	return b.rebuild(&s, i), nil
}

// rebuild makes a private copy of node i of s from its lineage.
func (b *builder[N, M]) rebuild(s *System[N, M], i int) N {
	var n N
	guard("rebuild", i, func() {
		h := s.hist[i]
		if h.crashed {
			n = b.p.Recover(h.base)
		} else {
			n = b.p.Init(i)
		}
		for _, ev := range h.events {
			b.handle(n, ev)
		}
	})
	return n
}

func (b *builder[N, M]) connected(s *System[N, M], from, to int) bool {
	return s.Side == nil || s.Side[from] == s.Side[to]
}

// removeAt returns a copy of the network with one copy of flight k removed.
func removeAt[M any](net []Flight[M], k int) []Flight[M] {
	out := slices.Clone(net)
	if out[k].Count > 1 {
		out[k].Count--
		return out
	}
	return slices.Delete(out, k, k+1)
}

func (b *builder[N, M]) fits(s *System[N, M]) bool {
	return b.env.MaxInFlight <= 0 || s.InFlight() <= b.env.MaxInFlight
}

// next enumerates the environment's actions in a fixed order: deliveries,
// drops, duplicates, timers, inputs, crashes, restarts, partitions, heal.
func (b *builder[N, M]) next(s System[N, M], yield func(string, System[N, M]) bool) {
	p, env := b.p, b.env
	for k, f := range s.Net {
		if s.Down[f.To] || !b.connected(&s, f.From, f.To) {
			continue
		}
		if env.Ordered && k > 0 && s.Net[k-1].From == f.From && s.Net[k-1].To == f.To {
			continue // not the head of its pair's queue
		}
		t := s
		if !env.Persistent {
			t.Net = removeAt(s.Net, k)
		}
		label := fmt.Sprintf("Deliver %s->%s %s", Name(f.From), Name(f.To), f.Key)
		t, out := b.act(t, f.To, event[M]{kind: evDeliver, from: f.From, msg: f.Message}, label)
		b.send(&t, out)
		if b.fits(&t) && !yield(label, t) {
			return
		}
	}
	if !env.Persistent {
		for k, f := range s.Net {
			if s.Drops < env.MaxDrops {
				t := s
				t.Net = removeAt(s.Net, k)
				t.Drops++
				if !yield(fmt.Sprintf("Drop %s->%s %s", Name(f.From), Name(f.To), f.Key), t) {
					return
				}
			}
		}
		for _, f := range s.Net {
			if s.Dups < env.MaxDuplicates {
				t := s
				t.Dups++
				b.send(&t, []Envelope[M]{{From: f.From, To: f.To, Msg: f.Msg}})
				if b.fits(&t) && !yield(fmt.Sprintf("Duplicate %s->%s %s", Name(f.From), Name(f.To), f.Key), t) {
					return
				}
			}
		}
	}
	for i := range s.Nodes {
		if s.Down[i] {
			continue
		}
		var timers []string
		guard("Timers", i, func() { timers = p.Timers(s.Nodes[i]) })
		for _, tm := range timers {
			label := fmt.Sprintf("Timer %s %s", Name(i), tm)
			t, out := b.act(s, i, event[M]{kind: evFire, name: tm}, label)
			b.send(&t, out)
			if b.fits(&t) && !yield(label, t) {
				return
			}
		}
	}
	if p.Inputs != nil && (env.MaxInputs == 0 || s.Inputs < env.MaxInputs) {
		for i := range s.Nodes {
			if s.Down[i] {
				continue
			}
			var inputs []string
			guard("Inputs", i, func() { inputs = p.Inputs(s.Nodes[i]) })
			for _, in := range inputs {
				label := fmt.Sprintf("Input %s %s", Name(i), in)
				t, out := b.act(s, i, event[M]{kind: evInput, name: in}, label)
				if env.MaxInputs > 0 {
					t.Inputs++
				}
				b.send(&t, out)
				if b.fits(&t) && !yield(label, t) {
					return
				}
			}
		}
	}
	for i := range s.Nodes {
		if !s.Down[i] && s.Crashes < env.MaxCrashes && (env.Crashable == nil || env.Crashable(i)) {
			t := s
			t.Nodes = slices.Clone(s.Nodes)
			label := "Crash " + Name(i)
			guard(label, i, func() { t.Nodes[i] = p.Recover(s.Nodes[i]) })
			if p.Clone == nil {
				t.hist = slices.Clone(s.hist)
				t.hist[i] = lineage[N, M]{base: s.Nodes[i], crashed: true}
			}
			t.Down = slices.Clone(s.Down)
			t.Down[i] = true
			t.Crashes++
			if !yield(label, t) {
				return
			}
		}
	}
	for i := range s.Nodes {
		if s.Down[i] {
			t := s
			t.Down = slices.Clone(s.Down)
			t.Down[i] = false
			if !yield(fmt.Sprintf("Restart %s", Name(i)), t) {
				return
			}
		}
	}
	if s.Side == nil && s.Partitions < env.MaxPartitions && p.Nodes > 1 {
		// Every split into two non-empty sides, each once: n1 is on side A.
		for mask := 1; mask < 1<<(p.Nodes-1); mask++ {
			side := make([]bool, p.Nodes)
			var a, bb []string
			a = append(a, Name(0))
			for i := 1; i < p.Nodes; i++ {
				side[i] = mask&(1<<(i-1)) != 0
				if side[i] {
					bb = append(bb, Name(i))
				} else {
					a = append(a, Name(i))
				}
			}
			t := s
			t.Side = side
			t.Partitions++
			if !yield(fmt.Sprintf("Partition {%s}|{%s}", strings.Join(a, ","), strings.Join(bb, ",")), t) {
				return
			}
		}
	}
	if s.Side != nil {
		t := s
		t.Side = nil
		yield("Heal", t)
	}
}

func (b *builder[N, M]) encode(s System[N, M], e *checker.Encoder) {
	for i, n := range s.Nodes {
		e.Bool(s.Down[i])
		b.p.Encode(n, e)
	}
	encodeNet(e, s.Net)
	if b.env.TrackSent {
		encodeNet(e, s.Sent)
	}
	e.Int(s.Crashes)
	e.Int(s.Drops)
	e.Int(s.Dups)
	e.Int(s.Partitions)
	if b.env.MaxInputs > 0 {
		e.Int(s.Inputs)
	}
	e.Len(len(s.Side))
	for _, x := range s.Side {
		e.Bool(x)
	}
}

func encodeNet[M any](e *checker.Encoder, net []Flight[M]) {
	e.Len(len(net))
	for _, f := range net {
		e.Int(f.From)
		e.Int(f.To)
		e.String(f.Key)
		e.Int(f.Count)
	}
}

func (b *builder[N, M]) format(s System[N, M]) string {
	var sb strings.Builder
	for i, n := range s.Nodes {
		state := fmt.Sprintf("%+v", n)
		if b.p.Format != nil {
			state = b.p.Format(n)
		}
		down := ""
		if s.Down[i] {
			down = " (down)"
		}
		fmt.Fprintf(&sb, "%s%s: %s\n", Name(i), down, state)
	}
	fmt.Fprintf(&sb, "network (%d):", s.InFlight())
	for _, f := range s.Net {
		fmt.Fprintf(&sb, " [%s->%s %s", Name(f.From), Name(f.To), f.Key)
		if f.Count > 1 {
			fmt.Fprintf(&sb, " x%d", f.Count)
		}
		sb.WriteString("]")
	}
	if s.Side != nil {
		sb.WriteString(" partitioned")
	}
	return sb.String()
}

// Metrics are the seed's SystemMonitor figures for one state: nodes
// running and crashed, whether the running nodes can all reach each other
// (the network is a full mesh cut only by a partition), the diameter of
// that reachability graph (-1 when disconnected), and messages in flight.
type Metrics struct {
	Nodes     int  `json:"nodes"`
	Active    int  `json:"active"`
	Failed    int  `json:"failed"`
	Connected bool `json:"connected"`
	Diameter  int  `json:"diameter"`
	InFlight  int  `json:"in_flight"`
}

// Metrics computes the state's Metrics.
func (s System[N, M]) Metrics() Metrics {
	m := Metrics{Nodes: len(s.Nodes), InFlight: s.InFlight(), Connected: true}
	sides := map[bool]bool{} // lookups only
	for i := range s.Nodes {
		if s.Down[i] {
			m.Failed++
			continue
		}
		m.Active++
		if s.Side != nil {
			sides[s.Side[i]] = true
		}
	}
	m.Connected = len(sides) <= 1
	switch {
	case !m.Connected:
		m.Diameter = -1
	case m.Active > 1:
		m.Diameter = 1
	}
	return m
}
