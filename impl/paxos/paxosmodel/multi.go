package paxosmodel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/paxos"
)

// MultiConfig bounds a Multi-Paxos model.
type MultiConfig struct {
	Replicas  int
	MaxBallot int // no replica campaigns with a higher ballot
	MaxSlots  int // leaders propose no command at this slot or beyond
	Env       actor.Env
	Bugs      paxos.MultiBugs
}

// Replica is a replica with its stable storage and state machine.
type Replica struct {
	R       *paxos.Replica
	Storage paxos.MultiDurable
	Applied []string
}

// MultiSystem is a state of the Multi-Paxos model.
type MultiSystem = actor.System[*Replica, paxos.MultiMessage]

func (n *Replica) handle(rd paxos.MultiReady) []actor.Envelope[paxos.MultiMessage] {
	if rd.Persist != nil {
		n.Storage = *rd.Persist
	}
	n.Applied = append(slices.Clip(n.Applied), rd.Applied...)
	out := make([]actor.Envelope[paxos.MultiMessage], len(rd.Messages))
	for k, m := range rd.Messages {
		out[k] = actor.Envelope[paxos.MultiMessage]{From: m.From, To: m.To, Msg: m}
	}
	return out
}

// Model builds the Multi-Paxos model with its safety properties.
func (c MultiConfig) Model() (*checker.Model[MultiSystem], error) {
	if c.Replicas < 1 || c.MaxSlots < 1 || c.MaxBallot < 0 {
		return nil, fmt.Errorf("multipaxos: bounds %+v out of range", c)
	}
	if !c.Env.Persistent && c.Env.MaxInFlight <= 0 {
		return nil, fmt.Errorf("multipaxos: a consuming network needs a bound on messages in flight")
	}
	p := actor.Protocol[*Replica, paxos.MultiMessage]{
		Nodes: c.Replicas,
		Init: func(id int) *Replica {
			return &Replica{R: paxos.NewReplica(id, c.Replicas, paxos.FreshMulti(), c.Bugs), Storage: paxos.FreshMulti()}
		},
		Clone: func(n *Replica) *Replica { return &Replica{R: n.R.Clone(), Storage: n.Storage, Applied: n.Applied} },
		Deliver: func(n *Replica, _ int, m paxos.MultiMessage) []actor.Envelope[paxos.MultiMessage] {
			return n.handle(n.R.Step(m))
		},
		Timers: func(n *Replica) []string {
			if n.R.Leading() || n.R.NextBallot() > c.MaxBallot {
				return nil
			}
			return []string{"campaign"}
		},
		Fire: func(n *Replica, _ string) []actor.Envelope[paxos.MultiMessage] { return n.handle(n.R.Campaign()) },
		Inputs: func(n *Replica) []string {
			if !n.R.Leading() || n.R.NextSlot() >= c.MaxSlots {
				return nil
			}
			return []string{fmt.Sprintf("Propose(%s.%d)", actor.Name(n.R.ID()), n.R.NextSlot())}
		},
		Input: func(n *Replica, in string) []actor.Envelope[paxos.MultiMessage] {
			rd, err := n.R.Propose(strings.TrimSuffix(strings.TrimPrefix(in, "Propose("), ")"))
			if err != nil {
				panic(err)
			}
			return n.handle(rd)
		},
		Recover: func(n *Replica) *Replica {
			return &Replica{R: paxos.NewReplica(n.R.ID(), c.Replicas, n.Storage, c.Bugs), Storage: n.Storage}
		},
		Encode: func(n *Replica, e *checker.Encoder) {
			r := n.R
			e.Bool(r.Leading())
			e.Bool(r.Preparing())
			e.Int(r.NextSlot())
			encodeDurable(e, r.Durable())
			encodeDurable(e, n.Storage)
			e.Len(len(r.Promises()))
			for _, m := range r.Promises() {
				e.String(m.String())
				e.Int(m.From)
			}
			e.Len(len(r.Votes()))
			for _, m := range r.Votes() {
				e.String(m.String())
				e.Int(m.From)
			}
			e.Len(len(r.Chosen()))
			for _, v := range r.Chosen() {
				e.String(v)
			}
			e.Len(len(n.Applied))
			for _, v := range n.Applied {
				e.String(v)
			}
		},
		Key: func(m paxos.MultiMessage) string { return m.String() },
		// Encode writes everything a replica's future depends on (its
		// promises and votes whole; its id, size and bugs are fixed by
		// its position), so states may share replicas in the frontier.
		ShareNodes: true,
		Format: func(n *Replica) string {
			r := n.R
			role := "replica"
			if r.Leading() {
				role = "leader"
			} else if r.Preparing() {
				role = "preparing"
			}
			d := r.Durable()
			return fmt.Sprintf("%s ballot=%d promised=%d accepted=%v chosen=%q applied=%q", role, d.Ballot, d.Promised, d.Accepted, r.Chosen(), n.Applied)
		},
	}
	m, err := actor.Model("multipaxos", p, c.Env)
	if err != nil {
		return nil, err
	}
	m.Properties = []checker.Property[MultiSystem]{
		{Name: "OneValuePerSlot", Kind: checker.Always, Holds: oneValuePerSlot},
		{Name: "AppliedAgree", Kind: checker.Always, Holds: appliedAgree},
		{Name: "CommandApplied", Kind: checker.Sometimes, Holds: func(s MultiSystem) bool {
			for _, n := range s.Nodes {
				for _, v := range n.Applied {
					if v != paxos.Noop {
						return true
					}
				}
			}
			return false
		}},
	}
	return m, nil
}

func encodeDurable(e *checker.Encoder, d paxos.MultiDurable) {
	e.Int(d.Promised)
	e.Int(d.Ballot)
	e.Len(len(d.Accepted))
	for _, a := range d.Accepted {
		e.Int(a.Slot)
		e.Int(a.Bal)
		e.String(a.Val)
	}
}

// oneValuePerSlot: no learner saw two values chosen for a slot, and no two
// learners know different values for one slot.
func oneValuePerSlot(s MultiSystem) bool {
	rs := make([]*paxos.Replica, len(s.Nodes))
	for i, n := range s.Nodes {
		rs[i] = n.R
	}
	return paxos.ChosenAgree(rs)
}

// appliedAgree: every state machine applied a prefix of one sequence.
func appliedAgree(s MultiSystem) bool {
	seqs := make([][]string, len(s.Nodes))
	for i, n := range s.Nodes {
		seqs[i] = n.Applied
	}
	return checker.PrefixConsistent(seqs)
}
