// Package schedmodel checks impl/sched on the actor layer: node n1 is the
// scheduler, n2.. are workers; workers may crash (losing the tasks they
// hold), the network may delay messages, and the scheduler's detector may
// suspect any worker at any moment (a bounded number of times).
package schedmodel

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/sched"
)

// Config bounds the model.
type Config struct {
	Tasks, Workers int
	NoDedup        bool
	NoReassign     bool
	Env            actor.Env
}

// Node is the scheduler or a worker (with the tasks it holds, a bit set).
type Node struct {
	S          *sched.Scheduler
	Suspicions int
	Pending    uint64
	Worker     int
}

// System is a state of the model.
type System = actor.System[*Node, sched.Msg]

// Model builds the model: no task's effect applied twice (Always) and,
// under fair delivery, fair workers and an eventually suspecting detector,
// every task completes while some worker stays up (Eventually).
func (c Config) Model() (*checker.Model[System], error) {
	if c.Tasks < 1 || c.Tasks > 60 || c.Workers < 1 || c.Env.MaxCrashes >= c.Workers+1 {
		return nil, fmt.Errorf("sched: bounds %+v out of range (1..60 tasks, at least one worker that never crashes)", c)
	}
	p := actor.Protocol[*Node, sched.Msg]{
		Nodes: c.Workers + 1,
		Init: func(id int) *Node {
			if id == 0 {
				s := sched.NewScheduler(c.Tasks, c.Workers)
				s.NoDedup, s.NoReassign = c.NoDedup, c.NoReassign
				return &Node{S: s}
			}
			return &Node{Worker: id}
		},
		Clone: func(n *Node) *Node {
			m := *n
			if n.S != nil {
				m.S = n.S.Clone()
			}
			return &m
		},
		Deliver: func(n *Node, from int, m sched.Msg) []actor.Envelope[sched.Msg] {
			if n.S != nil {
				var out []actor.Envelope[sched.Msg]
				for _, a := range n.S.Complete(from, m.Task) {
					out = append(out, actor.Envelope[sched.Msg]{From: 0, To: a.To, Msg: a.Msg})
				}
				return out
			}
			n.Pending |= 1 << m.Task
			return nil
		},
		Timers: func(n *Node) []string {
			var out []string
			if n.S != nil {
				// The detector may suspect any worker that holds unfinished
				// work and is not already suspected, at any moment.
				for w := 1; w <= c.Workers; w++ {
					if !n.S.Suspected(w) && owns(n.S, w) {
						out = append(out, fmt.Sprintf("suspect n%d", w+1))
					}
				}
				return out
			}
			for t := 0; t < c.Tasks; t++ {
				if n.Pending&(1<<t) != 0 {
					out = append(out, fmt.Sprintf("run t%d", t))
				}
			}
			return out
		},
		Fire: func(n *Node, name string) []actor.Envelope[sched.Msg] {
			var k int
			if n.S != nil {
				fmt.Sscanf(name, "suspect n%d", &k)
				var out []actor.Envelope[sched.Msg]
				for _, a := range n.S.Suspect(k - 1) {
					out = append(out, actor.Envelope[sched.Msg]{From: 0, To: a.To, Msg: a.Msg})
				}
				return out
			}
			fmt.Sscanf(name, "run t%d", &k)
			n.Pending &^= 1 << k
			return []actor.Envelope[sched.Msg]{{From: n.Worker, To: 0, Msg: sched.Msg{Done: true, Task: k}}}
		},
		Inputs: func(n *Node) []string {
			var out []string
			if n.S != nil {
				for t := 0; t < c.Tasks; t++ {
					if n.S.Owner(t) == 0 && !n.S.Done(t) {
						out = append(out, fmt.Sprintf("Submit(t%d)", t))
					}
				}
			}
			return out
		},
		Input: func(n *Node, in string) []actor.Envelope[sched.Msg] {
			var t int
			fmt.Sscanf(in, "Submit(t%d)", &t)
			to, m, ok := n.S.Submit(t)
			if !ok {
				return nil
			}
			return []actor.Envelope[sched.Msg]{{From: 0, To: to, Msg: m}}
		},
		// A worker keeps nothing across a crash; the scheduler's state is durable.
		Recover: func(n *Node) *Node {
			if n.S != nil {
				return n
			}
			return &Node{Worker: n.Worker}
		},
		Encode: func(n *Node, e *checker.Encoder) {
			if n.S == nil {
				e.Uint(n.Pending)
				return
			}
			for t := 0; t < c.Tasks; t++ {
				e.Int(n.S.Owner(t))
				e.Bool(n.S.Done(t))
				// Saturated: behaviour does not depend on the count beyond
				// "applied twice", and the seeded bug would otherwise make
				// the state space infinite.
				e.Int(min(n.S.Effects(t), 2))
			}
			for w := 1; w <= c.Workers; w++ {
				e.Bool(n.S.Suspected(w))
			}
		},
		Key: func(m sched.Msg) string { return m.String() },
		Format: func(n *Node) string {
			if n.S == nil {
				return fmt.Sprintf("worker pending=%b", n.Pending)
			}
			var ts []string
			for t := 0; t < c.Tasks; t++ {
				ts = append(ts, fmt.Sprintf("t%d:owner=n%d,done=%v,effects=%d", t, n.S.Owner(t)+1, n.S.Done(t), n.S.Effects(t)))
			}
			return "scheduler " + strings.Join(ts, " ")
		},
	}
	m, err := actor.Model("sched", p, c.Env)
	if err != nil {
		return nil, err
	}
	m.Properties = []checker.Property[System]{
		{Name: "EffectOnce", Kind: checker.Always, Holds: func(s System) bool {
			for t := 0; t < c.Tasks; t++ {
				if s.Nodes[0].S.Effects(t) > 1 {
					return false
				}
			}
			return true
		}},
		{Name: "AllComplete", Kind: checker.Eventually, Holds: func(s System) bool {
			for t := 0; t < c.Tasks; t++ {
				if !s.Nodes[0].S.Done(t) {
					return false
				}
			}
			return true
		}},
	}
	m.Fairness = []checker.Fairness{
		{Name: "WF_Deliver", Instance: func(a string) (string, bool) { return a, strings.HasPrefix(a, "Deliver ") }},
		{Name: "WF_Run", Instance: func(a string) (string, bool) { return a, strings.Contains(a, " run t") }},
		{Name: "WF_Submit", Instance: func(a string) (string, bool) { return a, strings.HasPrefix(a, "Input n1 Submit") }},
		// The detector is complete: a worker holding work is eventually suspected.
		{Name: "WF_Suspect", Instance: func(a string) (string, bool) { return a, strings.HasPrefix(a, "Timer n1 suspect") }},
		// The scheduler's state is durable and it comes back after a crash.
		checker.WeakFairness("WF_RestartScheduler", "Restart n1"),
	}
	return m, nil
}

func owns(s *sched.Scheduler, w int) bool {
	for t := 0; t < s.Tasks(); t++ {
		if s.Owner(t) == w && !s.Done(t) {
			return true
		}
	}
	return false
}
