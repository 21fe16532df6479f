package paxosmodel

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/paxos"
)

// Config bounds a single-decree Paxos model: proposers n1..nP (and
// learners), acceptors after them. Proposer k wants value v(k+1) chosen.
type Config struct {
	Proposers int
	Acceptors int
	MaxBallot int // no proposer starts a round with a higher ballot
	Env       actor.Env
	Bugs      paxos.Bugs
	// AcceptorCrashesOnly limits crashes to acceptors, so liveness can be
	// judged with crashes: f acceptors may crash and never restart, as
	// the claim n >= 2f+1 counts them.
	AcceptorCrashesOnly bool
}

// Node is a proposer or an acceptor with its stable storage.
type Node struct {
	P       *paxos.Proposer
	A       *paxos.Acceptor
	Storage paxos.Durable
}

// System is a state of the single-decree model.
type System = actor.System[*Node, paxos.Message]

func (c Config) cfg(id int) paxos.Config {
	return paxos.Config{ID: id, Proposers: c.Proposers, Acceptors: c.Acceptors, Bugs: c.Bugs}
}

func (c Config) node(id int, d paxos.Durable) *Node {
	if id < c.Proposers {
		return &Node{P: paxos.NewProposer(c.cfg(id), fmt.Sprintf("v%d", id+1), d), Storage: d}
	}
	return &Node{A: paxos.NewAcceptor(c.cfg(id), d), Storage: d}
}

func envelopes(from int, out []paxos.Out) []actor.Envelope[paxos.Message] {
	es := make([]actor.Envelope[paxos.Message], len(out))
	for k, o := range out {
		es[k] = actor.Envelope[paxos.Message]{From: from, To: o.To, Msg: o.Msg}
	}
	return es
}

// Protocol is the actor-layer description.
func (c Config) Protocol() actor.Protocol[*Node, paxos.Message] {
	return actor.Protocol[*Node, paxos.Message]{
		Nodes: c.Proposers + c.Acceptors,
		Init:  func(id int) *Node { return c.node(id, paxos.Fresh()) },
		Clone: func(n *Node) *Node {
			if n.P != nil {
				return &Node{P: n.P.Clone(), Storage: n.Storage}
			}
			return &Node{A: n.A.Clone(), Storage: n.Storage}
		},
		Deliver: func(n *Node, from int, m paxos.Message) []actor.Envelope[paxos.Message] {
			if n.P != nil {
				return envelopes(idOf(n), n.P.Step(m))
			}
			d, out := n.A.Step(m)
			if d != nil {
				n.Storage = *d
			}
			return envelopes(idOf(n), out)
		},
		Timers: func(n *Node) []string {
			if n.P == nil || n.P.Learned() != "" || n.P.NextBallot() > c.MaxBallot {
				return nil
			}
			return []string{"retry"}
		},
		Fire: func(n *Node, _ string) []actor.Envelope[paxos.Message] {
			d, out := n.P.Phase1a()
			n.Storage = *d
			return envelopes(idOf(n), out)
		},
		Recover: func(n *Node) *Node { return c.node(idOf(n), n.Storage) },
		Encode: func(n *Node, e *checker.Encoder) {
			e.Int(n.Storage.MaxBal)
			e.Int(n.Storage.MaxVBal)
			e.String(n.Storage.MaxVal)
			e.Int(n.Storage.Ballot)
			if n.A != nil {
				b, v := n.A.Accepted()
				e.Int(n.A.Promised())
				e.Int(b)
				e.String(v)
				return
			}
			active, _, sent := n.P.Round()
			e.Int(n.P.Ballot())
			e.Bool(active)
			e.Bool(sent)
			// The promises with what they reported, not only their
			// senders: the reports decide the 2a's value, and on a
			// network that consumes messages they are nowhere else.
			e.Len(len(n.P.Promises()))
			for _, m := range n.P.Promises() {
				e.Int(m.From)
				e.Int(m.Bal)
				e.Int(m.MaxVBal)
				e.String(m.MaxVal)
			}
			e.Len(len(n.P.Votes()))
			for _, v := range n.P.Votes() {
				// Votes are 2b messages: ballot, value and sender say it all
				// (cheaper than their String, which symmetry pays per image).
				e.Int(v.Bal)
				e.String(v.Val)
				e.Int(v.From)
			}
			e.String(n.P.Learned())
		},
		Key:    func(m paxos.Message) string { return m.String() },
		Format: formatNode,
		// Acceptors are interchangeable, as in Paxos.tla's symmetry;
		// proposers are not (each has its own ballots and value), so each
		// is a class of its own.
		PermuteNode: func(n *Node, p []int) *Node {
			f := func(id int) int { return p[id] }
			if n.P != nil {
				return &Node{P: n.P.Renamed(f), Storage: n.Storage}
			}
			return &Node{A: n.A.Renamed(f), Storage: n.Storage}
		},
		PermuteMsg: func(m paxos.Message, p []int) paxos.Message { return m.Renamed(func(id int) int { return p[id] }) },
		// Encode writes everything a node's future depends on (a
		// proposer's promises with what they reported included; its value
		// and cfg are fixed by its position), so states may share nodes in
		// the frontier; TestPropPackRoundTrip.
		ShareNodes: true,
		Class: func(node int) int {
			if node < c.Proposers {
				return node
			}
			return c.Proposers
		},
	}
}

// idOf is a node's own id.
func idOf(n *Node) int {
	if n.P != nil {
		return n.P.ID()
	}
	return n.A.ID()
}

func formatNode(n *Node) string {
	if n.A != nil {
		b, v := n.A.Accepted()
		return fmt.Sprintf("acceptor promised=%d accepted=%d/%s", n.A.Promised(), b, v)
	}
	active, promised, sent := n.P.Round()
	return fmt.Sprintf("proposer(%s) ballot=%d active=%v promises=%v sent2a=%v learned=%q", n.P.Value(), n.P.Ballot(), active, promised, sent, n.P.Learned())
}

// Model builds the model with the implementation's safety properties.
func (c Config) Model() (*checker.Model[System], error) {
	if c.Proposers < 1 || c.Acceptors < 1 || c.MaxBallot < 0 {
		return nil, fmt.Errorf("paxos: bounds %+v out of range", c)
	}
	if !c.Env.Persistent && c.Env.MaxInFlight <= 0 {
		return nil, fmt.Errorf("paxos: a consuming network needs a bound on messages in flight")
	}
	sc := c.Spec()
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	if !c.Env.Persistent {
		c.Env.TrackSent = true // the abstraction needs every message ever sent
	}
	if c.AcceptorCrashesOnly {
		c.Env.Crashable = func(node int) bool { return node >= c.Proposers }
	}
	m, err := actor.Model("paxos", c.Protocol(), c.Env)
	if err != nil {
		return nil, err
	}
	for _, inv := range sc.Invariants() {
		holds := inv.Holds
		m.Properties = append(m.Properties, checker.Property[System]{Name: inv.Name, Kind: checker.Always,
			Holds: func(s System) bool { a := c.Abstract(s); return holds(&a) }})
	}
	m.Properties = append(m.Properties,
		checker.Refines("Conformance", sc.Model(), c.Abstract),
		checker.Property[System]{Name: "LearnersAgree", Kind: checker.Always, Holds: func(s System) bool { return agree(s) }},
		checker.Property[System]{Name: "LearnedWasProposed", Kind: checker.Always, Holds: func(s System) bool {
			for _, n := range s.Nodes {
				if n.P != nil && n.P.Learned() != "" && !strings.HasPrefix(n.P.Learned(), "v") {
					return false
				}
			}
			return true
		}},
		checker.Property[System]{Name: "ValueLearned", Kind: checker.Sometimes, Holds: func(s System) bool { return learned(s) != "" }},
	)
	// Liveness of the implementation under fair delivery: every message
	// sent is eventually delivered (weak fairness of each delivery), and a
	// proposer that has learned nothing retries while it has ballots. It is
	// judged only where the environment is fair: partitions and explicit
	// drops can stop progress for good, which is no fault of the protocol,
	// and so can a crashed proposer. Crashed acceptors are allowed: one
	// that never restarts (restarts are not fair) is a permanent fault, and
	// whether a quorum survives f of them is the claim n >= 2f+1 (C3).
	if c.Env.Persistent && c.Env.MaxPartitions == 0 && (c.Env.MaxCrashes == 0 || c.AcceptorCrashesOnly) {
		m.Properties = append(m.Properties, checker.Property[System]{Name: "EventuallyLearned", Kind: checker.Eventually,
			Holds: func(s System) bool { return learned(s) != "" }})
		m.Fairness = Fairness()
	}
	return m, nil
}

// agree: no two learners learned different values, and no ballot's 2b
// quorum chose a value other than another ballot's.
func agree(s System) bool {
	v := ""
	for _, n := range s.Nodes {
		if n.P == nil {
			continue
		}
		for _, x := range chosenBy(n.P.Votes(), n.P) {
			if v == "" {
				v = x
			} else if x != v {
				return false
			}
		}
	}
	return true
}

// chosenBy lists the values a learner has seen a quorum accept, per ballot.
func chosenBy(votes []paxos.Message, p *paxos.Proposer) []string {
	var out []string
	q := p.Quorum()
	for i := 0; i < len(votes); {
		j := i
		for j < len(votes) && votes[j].Bal == votes[i].Bal {
			j++
		}
		if j-i >= q {
			out = append(out, votes[i].Val)
		}
		i = j
	}
	return out
}

func learned(s System) string {
	for _, n := range s.Nodes {
		if n.P != nil && n.P.Learned() != "" {
			return n.P.Learned()
		}
	}
	return ""
}

// Fairness is the model's fairness: weak fairness of each delivery (each
// message is eventually delivered) and of each proposer's retry timer.
func Fairness() []checker.Fairness {
	return []checker.Fairness{
		{Name: "WF_Deliver", Instance: func(a string) (string, bool) { return a, strings.HasPrefix(a, "Deliver ") }},
		{Name: "WF_Retry", Instance: func(a string) (string, bool) { return a, strings.HasPrefix(a, "Timer ") }},
	}
}
