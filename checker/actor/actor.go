package actor

import (
	"cmp"
	"fmt"
	"reflect"
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
// state; functions that change a node receive a private copy (made with
// Clone) and change it in place.
type Protocol[N, M any] struct {
	// Nodes is the number of nodes, named n1..nN in labels.
	Nodes int
	// Init returns node id's initial state.
	Init func(id int) N
	// Clone copies a node deeply.
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
	Recover func(n N) N
	// Encode writes a node's canonical encoding.
	Encode func(n N, e *checker.Encoder)
	// Key renders a message canonically: equal keys mean equal messages.
	// It appears in action labels, so it should be readable.
	Key func(m M) string
	// Format renders a node for reports; %+v when nil.
	Format func(n N) string
}

// Env bounds the environment's faults.
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
	// TrackSent keeps the set of all messages ever sent (a history
	// variable), for abstraction functions that map the network to a
	// TLA+ spec's set of sent messages when the network is not Persistent.
	TrackSent bool
}

func (e Env) validate() error {
	if e.Persistent && e.Ordered {
		return fmt.Errorf("actor: a persistent network cannot also be ordered")
	}
	if e.MaxDrops < 0 || e.MaxDuplicates < 0 || e.MaxCrashes < 0 || e.MaxPartitions < 0 || e.MaxInFlight < 0 {
		return fmt.Errorf("actor: negative bound in %+v", e)
	}
	return nil
}

// Message is a message with its sender, receiver and canonical key. Each
// distinct message is allocated once and shared by every state that holds
// it, which keeps a state's network a slice of small Flights.
type Message[M any] struct {
	From, To int
	Key      string
	Msg      M
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
	Side       []bool // nil when healed; otherwise the partition side of each node
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
	if err := env.validate(); err != nil {
		return nil, err
	}
	if p.Nodes < 1 || p.Nodes > 64 {
		return nil, fmt.Errorf("actor: %d nodes, want 1..64", p.Nodes)
	}
	b := &builder[N, M]{p: p, env: env, intern: map[string]*Message[M]{}}
	return &checker.Model[System[N, M]]{
		Name: name,
		Init: func(yield func(string, System[N, M]) bool) {
			s := System[N, M]{Nodes: make([]N, p.Nodes), Down: make([]bool, p.Nodes)}
			for i := range s.Nodes {
				s.Nodes[i] = p.Init(i)
			}
			yield("Init", s)
		},
		Next:   b.next,
		Encode: b.encode,
		Format: b.format,
	}, nil
}

type builder[N, M any] struct {
	p      Protocol[N, M]
	env    Env
	intern map[string]*Message[M] // by "from to key"; lookups only, never iterated
	// mu guards intern: the checker's parallel workers call Next concurrently.
	mu sync.RWMutex
}

func (b *builder[N, M]) message(e Envelope[M]) *Message[M] {
	key := b.p.Key(e.Msg)
	id := fmt.Sprintf("%d %d %s", e.From, e.To, key)
	b.mu.RLock()
	m, ok := b.intern[id]
	b.mu.RUnlock()
	if !ok {
		b.mu.Lock()
		m, ok = b.intern[id] // another worker may have added it meanwhile
		if !ok {
			m = &Message[M]{From: e.From, To: e.To, Key: key, Msg: e.Msg}
			b.intern[id] = m
		}
		b.mu.Unlock()
	}
	// Equal keys must mean equal messages, or states would silently
	// merge; a protocol whose Key drops a field is caught here.
	if ok && !reflect.DeepEqual(m.Msg, e.Msg) {
		panic(fmt.Sprintf("actor: Key is not injective: %q stands for both %+v and %+v", key, m.Msg, e.Msg))
	}
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

// withNode returns a copy of s whose node i is a private clone.
func (b *builder[N, M]) withNode(s System[N, M], i int) (System[N, M], N) {
	s.Nodes = slices.Clone(s.Nodes)
	s.Nodes[i] = b.p.Clone(s.Nodes[i])
	return s, s.Nodes[i]
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
		t, n := b.withNode(t, f.To)
		b.send(&t, p.Deliver(n, f.From, f.Msg))
		if b.fits(&t) && !yield(fmt.Sprintf("Deliver %s->%s %s", Name(f.From), Name(f.To), f.Key), t) {
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
		for _, tm := range p.Timers(s.Nodes[i]) {
			t, n := b.withNode(s, i)
			b.send(&t, p.Fire(n, tm))
			if b.fits(&t) && !yield(fmt.Sprintf("Timer %s %s", Name(i), tm), t) {
				return
			}
		}
	}
	if p.Inputs != nil {
		for i := range s.Nodes {
			if s.Down[i] {
				continue
			}
			for _, in := range p.Inputs(s.Nodes[i]) {
				t, n := b.withNode(s, i)
				b.send(&t, p.Input(n, in))
				if b.fits(&t) && !yield(fmt.Sprintf("Input %s %s", Name(i), in), t) {
					return
				}
			}
		}
	}
	for i := range s.Nodes {
		if !s.Down[i] && s.Crashes < env.MaxCrashes && (env.Crashable == nil || env.Crashable(i)) {
			t := s
			t.Nodes = slices.Clone(s.Nodes)
			t.Nodes[i] = p.Recover(s.Nodes[i])
			t.Down = slices.Clone(s.Down)
			t.Down[i] = true
			t.Crashes++
			if !yield(fmt.Sprintf("Crash %s", Name(i)), t) {
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
