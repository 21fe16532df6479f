package kvmodel

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/kv"
	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/raft"
	"github.com/distcheck/distcheck/linearizability"
)

// Design selects the store.
type Design uint8

const (
	CP      Design = iota // on Raft
	AP                    // local reads and writes, last writer wins
	CPStale               // on Raft, but reads served locally (the seeded bug)
	CPPaxos               // on Multi-Paxos
)

func (d Design) String() string { return [...]string{"cp", "ap", "cp-stale-reads", "cp-paxos"}[d] }

// Config bounds the model.
type Config struct {
	Design  Design
	Servers int
	// Scripts are the clients' operations, one script per client.
	Scripts [][]kv.Command
	// MaxTerm: no election timer fires at this term (Raft), no replica
	// campaigns with a ballot above MaxTerm*Servers (Multi-Paxos: ballots
	// are round*n+id, so this is the same number of rounds).
	MaxTerm int
	// MaxRetries bounds each client's retries.
	MaxRetries int
	Env        actor.Env
}

// Node is a server or a client.
type Node struct {
	CP *kv.CPServer
	AP *kv.APServer
	C  *kv.Client
}

// Sys is the actor system.
type Sys = actor.System[*Node, kv.Msg]

// Event is a call or a return of client Client's operation Op (an index in its script).
type Event struct {
	Client, Op int
	Return     bool
	Result     kv.Result
}

// State is the actor system and the history so far.
type State struct {
	Sys  Sys
	Hist []Event
}

// ParseScript reads operations such as "put(x,1) get(x) append(x,2)".
func ParseScript(s string) ([]kv.Command, error) {
	var out []kv.Command
	for _, f := range strings.Fields(s) {
		name, args, ok := strings.Cut(strings.TrimSuffix(f, ")"), "(")
		if !ok || !strings.HasSuffix(f, ")") {
			return nil, fmt.Errorf("operation %q is not of the form op(key[,value])", f)
		}
		parts := strings.Split(args, ",")
		switch {
		case name == "get" && len(parts) == 1 && parts[0] != "":
			out = append(out, kv.Command{Kind: kv.Get, Key: parts[0]})
		case (name == "put" || name == "append") && len(parts) == 2 && parts[0] != "":
			k := kv.Put
			if name == "append" {
				k = kv.Append
			}
			out = append(out, kv.Command{Kind: k, Key: parts[0], Value: parts[1]})
		default:
			return nil, fmt.Errorf("operation %q: want get(key), put(key,value) or append(key,value)", f)
		}
	}
	return out, nil
}

func (c *Config) validate() error {
	if c.Servers < 1 || c.Servers > 5 || len(c.Scripts) < 1 || len(c.Scripts) > 4 {
		return fmt.Errorf("kv: bounds out of range (1..5 servers, 1..4 clients): %d servers, %d clients", c.Servers, len(c.Scripts))
	}
	if c.Design != AP && c.MaxTerm < 1 {
		return fmt.Errorf("kv: maxTerm must be at least 1 for a Raft-based store (no leader is ever elected otherwise)")
	}
	if !c.Env.Persistent && c.Env.MaxInFlight <= 0 {
		return fmt.Errorf("kv: a consuming network needs a bound on messages in flight")
	}
	return nil
}

func (c *Config) protocol() actor.Protocol[*Node, kv.Msg] {
	envs := func(es []kv.Envelope, from int) []actor.Envelope[kv.Msg] {
		out := make([]actor.Envelope[kv.Msg], len(es))
		for i, e := range es {
			out[i] = actor.Envelope[kv.Msg]{From: from, To: e.To, Msg: e.Msg}
		}
		return out
	}
	must := func(es []kv.Envelope, err error) []kv.Envelope {
		if err != nil {
			panic(err) // the model delivers only messages the protocol sends
		}
		return es
	}
	cpConfig := func(id int) kv.CPConfig {
		return kv.CPConfig{ID: id, Servers: c.Servers, StaleReads: c.Design == CPStale, Paxos: c.Design == CPPaxos}
	}
	return actor.Protocol[*Node, kv.Msg]{
		Nodes: c.Servers + len(c.Scripts),
		Init: func(id int) *Node {
			switch {
			case id >= c.Servers:
				return &Node{C: kv.NewClient(id-c.Servers, c.Servers, c.Scripts[id-c.Servers])}
			case c.Design == AP:
				return &Node{AP: kv.NewAPServer(id, c.Servers)}
			}
			return &Node{CP: kv.NewCPServer(cpConfig(id))}
		},
		Clone: func(n *Node) *Node {
			switch {
			case n.C != nil:
				return &Node{C: n.C.Clone()}
			case n.AP != nil:
				return &Node{AP: n.AP.Clone()}
			}
			return &Node{CP: n.CP.Clone()}
		},
		Deliver: func(n *Node, from int, m kv.Msg) []actor.Envelope[kv.Msg] {
			switch {
			case n.C != nil:
				out, _ := n.C.Deliver(m)
				return envs(out, n.C.Addr())
			case n.AP != nil:
				return envs(must(n.AP.Deliver(m)), n.AP.ID())
			}
			return envs(must(n.CP.Deliver(m)), id(n))
		},
		Timers: func(n *Node) []string {
			switch {
			case n.C != nil:
				if _, p := n.C.Pending(); p && !n.C.Abandoned() && n.C.Retries() < c.MaxRetries {
					return []string{"retry"}
				}
			case n.CP != nil:
				var out []string
				for _, t := range n.CP.Timers() {
					if r := n.CP.Raft(); r != nil && t == raft.ElectionTimer.String() && int(r.Term()) >= c.MaxTerm {
						continue // the bound: no election beyond MaxTerm
					}
					if p := n.CP.Paxos(); p != nil && p.NextBallot() >= c.MaxTerm*c.Servers {
						continue // the bound: MaxTerm rounds of ballots
					}
					out = append(out, t)
				}
				return out
			}
			return nil
		},
		Fire: func(n *Node, name string) []actor.Envelope[kv.Msg] {
			if n.C != nil {
				return envs(n.C.Retry(), n.C.Addr())
			}
			return envs(must(n.CP.Fire(name)), id(n))
		},
		Inputs: func(n *Node) []string {
			if n.C != nil && n.C.CanInvoke() {
				k, _ := n.C.Pending()
				return []string{"Invoke " + n.C.Script()[k].String()}
			}
			return nil
		},
		Input: func(n *Node, _ string) []actor.Envelope[kv.Msg] {
			return envs(must(n.C.Invoke()), n.C.Addr())
		},
		Recover: func(n *Node) *Node {
			switch {
			case n.C != nil:
				t := n.C.Clone()
				t.Crash()
				return &Node{C: t}
			case n.AP != nil:
				return &Node{AP: n.AP.Clone()} // its data is durable
			}
			return &Node{CP: n.CP.Recover()}
		},
		Encode: encodeNode,
		Key:    func(m kv.Msg) string { return m.Key() },
		Format: formatNode,
	}
}

func encodeNode(n *Node, e *checker.Encoder) {
	switch {
	case n.C != nil:
		e.String(n.C.String())
		e.Int(n.C.Target())
		e.Int(n.C.Retries())
		for _, r := range n.C.Results() {
			e.String(r.Value)
		}
	case n.AP != nil:
		e.String(n.AP.String())
	default:
		e.String(n.CP.LogState())
		e.String(n.CP.Store().String())
		e.String(strings.Join(n.CP.Waiting(), ","))
	}
}

// id is a server's address.
func id(n *Node) int {
	if r := n.CP.Raft(); r != nil {
		return int(r.ID())
	}
	return n.CP.Paxos().ID()
}

func formatNode(n *Node) string {
	switch {
	case n.C != nil:
		return n.C.String()
	case n.AP != nil:
		return n.AP.String()
	}
	var s string
	if r := n.CP.Raft(); r != nil {
		s = fmt.Sprintf("%v term=%d log=%d commit=%d store=%s", r.Role(), r.Term(), len(r.Log()), r.Commit(), n.CP.Store())
	} else {
		p := n.CP.Paxos()
		s = fmt.Sprintf("leading=%v ballot=%d chosen=%d store=%s", p.Leading(), p.Durable().Ballot, len(p.Chosen()), n.CP.Store())
	}
	if w := n.CP.Waiting(); len(w) > 0 {
		s += " waiting=" + strings.Join(w, ",")
	}
	return s
}

// Model builds the checker model with its properties.
func (c Config) Model() (*checker.Model[State], error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	cp := &c
	inner, err := actor.Model("kv-"+c.Design.String(), cp.protocol(), c.Env)
	if err != nil {
		return nil, err
	}
	m := &checker.Model[State]{
		Name: inner.Name,
		Init: func(yield func(string, State) bool) {
			inner.Init(func(l string, s Sys) bool { return yield(l, State{Sys: s}) })
		},
		Next: func(s State, yield func(string, State) bool) {
			inner.Next(s.Sys, func(l string, t Sys) bool {
				return yield(l, State{Sys: t, Hist: c.record(s, t)})
			})
		},
		Encode: func(s State, e *checker.Encoder) {
			inner.Encode(s.Sys, e)
			e.Len(len(s.Hist))
			for _, ev := range s.Hist {
				e.Int(ev.Client)
				e.Int(ev.Op)
				e.Bool(ev.Return)
				e.String(ev.Result.Value)
			}
		},
		Format: func(s State) string {
			return inner.Format(s.Sys) + "\nhistory: " + c.FormatHistory(s.Hist)
		},
	}
	m.Properties = []checker.Property[State]{
		{Name: "Linearizable", Kind: checker.Always, Holds: c.linearizable},
		{Name: "OperationCompletes", Kind: checker.Sometimes, Holds: func(s State) bool {
			for _, ev := range s.Hist {
				if ev.Return {
					return true
				}
			}
			return false
		}},
	}
	switch c.Design {
	case CP, CPStale:
		m.Properties = append(m.Properties,
			checker.Property[State]{Name: "ElectionSafety", Kind: checker.Always, Holds: c.electionSafety},
			checker.Property[State]{Name: "CommittedAgree", Kind: checker.Always, Holds: c.committedAgree})
	case CPPaxos:
		m.Properties = append(m.Properties,
			checker.Property[State]{Name: "ChosenAgree", Kind: checker.Always, Holds: c.chosenAgree})
	}
	return m, nil
}

// record appends the call or return the step from s to t made, if any: a
// step changes one node, so at most one client.
func (c *Config) record(s State, t Sys) []Event {
	for i := c.Servers; i < len(t.Nodes); i++ {
		a, b := s.Sys.Nodes[i].C, t.Nodes[i].C
		if a == b {
			continue
		}
		ka, pa := a.Pending()
		_, pb := b.Pending()
		k := i - c.Servers
		switch {
		case !pa && pb:
			return append(s.Hist[:len(s.Hist):len(s.Hist)], Event{Client: k, Op: ka})
		case len(b.Results()) > len(a.Results()):
			return append(s.Hist[:len(s.Hist):len(s.Hist)], Event{Client: k, Op: ka, Return: true, Result: b.Results()[len(b.Results())-1]})
		}
	}
	return s.Hist
}

// LinInput is a store command as porcupine's key-value model sees it.
func LinInput(cmd kv.Command) linearizability.KVInput {
	in := linearizability.KVInput{Op: linearizability.Get, Key: cmd.Key, Value: cmd.Value}
	switch cmd.Kind {
	case kv.Put:
		in.Op = linearizability.Put
	case kv.Append:
		in.Op = linearizability.Append
	}
	return in
}

// History converts the recorded events to porcupine's operations, with
// the position of each event as its time; an operation without a return is
// pending (its outcome unknown).
func (c *Config) History(h []Event) []linearizability.Op[linearizability.KVInput, linearizability.KVOutput] {
	var ops []linearizability.Op[linearizability.KVInput, linearizability.KVOutput]
	index := map[[2]int]int{} // (client, op) -> position in ops; lookups only
	for t, ev := range h {
		key := [2]int{ev.Client, ev.Op}
		if !ev.Return {
			index[key] = len(ops)
			ops = append(ops, linearizability.Op[linearizability.KVInput, linearizability.KVOutput]{
				Client: ev.Client, Input: LinInput(c.Scripts[ev.Client][ev.Op]), Call: int64(t), Return: linearizability.Pending})
			continue
		}
		o := &ops[index[key]]
		o.Return = int64(t)
		o.Output = linearizability.KVOutput{Value: ev.Result.Value}
	}
	return ops
}

// linearizable checks the history with porcupine. A history whose last
// event is a call is linearizable when the history before it is (the new
// operation may take effect later), so only returns need a check.
func (c *Config) linearizable(s State) bool {
	if len(s.Hist) == 0 || !s.Hist[len(s.Hist)-1].Return {
		return true
	}
	return linearizability.Check(linearizability.KVModel(), c.History(s.Hist), 0).Verdict != linearizability.Illegal
}

// FormatHistory renders events such as "c1 call put(x,1); c1 ok; c2 call get(x); c2 ok ”".
func (c *Config) FormatHistory(h []Event) string {
	parts := make([]string, len(h))
	for i, ev := range h {
		cmd := c.Scripts[ev.Client][ev.Op]
		if !ev.Return {
			parts[i] = fmt.Sprintf("c%d call %v", ev.Client+1, cmd)
		} else if cmd.Kind == kv.Get {
			parts[i] = fmt.Sprintf("c%d returns %q", ev.Client+1, ev.Result.Value)
		} else {
			parts[i] = fmt.Sprintf("c%d returns ok", ev.Client+1)
		}
	}
	return strings.Join(parts, "; ")
}

func (c *Config) electionSafety(s State) bool {
	leaders := map[uint64]int{} // term -> leaders; lookups only
	for i := 0; i < c.Servers; i++ {
		if r := s.Sys.Nodes[i].CP.Raft(); r.Role() == raft.Leader {
			leaders[r.Term()]++
			if leaders[r.Term()] > 1 {
				return false
			}
		}
	}
	return true
}

// committedAgree: the committed prefixes of the servers' logs agree.
func (c *Config) committedAgree(s State) bool {
	seqs := make([][]raft.Entry, c.Servers)
	for i := range seqs {
		r := s.Sys.Nodes[i].CP.Raft()
		seqs[i] = r.Log()[:r.Commit()]
	}
	return checker.PrefixConsistent(seqs)
}

// chosenAgree: Multi-Paxos learners never learn different commands for a slot.
func (c *Config) chosenAgree(s State) bool {
	rs := make([]*paxos.Replica, c.Servers)
	for i := range rs {
		rs[i] = s.Sys.Nodes[i].CP.Paxos()
	}
	return paxos.ChosenAgree(rs)
}

// ActorView lets reports draw the store's messages (see actor.Viewer).
func (s State) ActorView() actor.View { return s.Sys.ActorView() }
