// Package detectormodel checks the heartbeat detector in the asynchronous
// model (claim C10): node n1 monitors n2, n2 sends heartbeats on its timer,
// n1's clock ticks on its own timer, and the network may delay any message
// for any number of ticks. No detector can then be accurate: the explorer
// finds a correct but slow process suspected.
package detectormodel

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/detector"
)

// Config bounds the model.
type Config struct {
	Timeout     int // initial timeout in ticks
	Beats       int // heartbeats n2 sends at most
	Ticks       int // ticks of n1's clock at most
	NeverRevise bool
	Env         actor.Env
}

// Node is the monitor (with its tick count) or the process (with its beat count).
type Node struct {
	M     *detector.Monitor
	Ticks int
	Beats int
}

// System is a state of the model.
type System = actor.System[*Node, int]

// Model builds the model with StrongAccuracy (suspected implies crashed:
// the perfect detector's promise, refuted) and two reachability checks.
func (c Config) Model() (*checker.Model[System], error) {
	if c.Timeout < 1 || c.Beats < 0 || c.Ticks < 1 {
		return nil, fmt.Errorf("detector: bounds %+v out of range", c)
	}
	p := actor.Protocol[*Node, int]{
		Nodes: 2,
		Init: func(id int) *Node {
			if id == 0 {
				return &Node{M: &detector.Monitor{Timeout: c.Timeout, MaxTimeout: 8 * c.Timeout, FailAfter: 1, NeverRevise: c.NeverRevise}}
			}
			return &Node{}
		},
		Clone: func(n *Node) *Node {
			c := *n
			if n.M != nil {
				m := *n.M
				c.M = &m
			}
			return &c
		},
		Deliver: func(n *Node, _ int, _ int) []actor.Envelope[int] {
			n.M.Heartbeat()
			return nil
		},
		Timers: func(n *Node) []string {
			if n.M != nil && n.Ticks < c.Ticks {
				return []string{"tick"}
			}
			if n.M == nil && n.Beats < c.Beats {
				return []string{"beat"}
			}
			return nil
		},
		Fire: func(n *Node, t string) []actor.Envelope[int] {
			if t == "tick" {
				n.Ticks++
				n.M.Tick()
				return nil
			}
			n.Beats++
			return []actor.Envelope[int]{{From: 1, To: 0, Msg: n.Beats}}
		},
		Recover: func(n *Node) *Node { return n }, // a crashed process stays silent: it never restarts usefully
		Encode: func(n *Node, e *checker.Encoder) {
			e.Int(n.Ticks)
			e.Int(n.Beats)
			if n.M != nil {
				e.Int(n.M.Timeout)
				e.Int(n.M.Elapsed())
				e.Bool(n.M.Suspected())
				e.Bool(n.M.Failed())
			}
		},
		Key: func(m int) string { return fmt.Sprintf("Heartbeat{%d}", m) },
		Format: func(n *Node) string {
			if n.M != nil {
				return fmt.Sprintf("monitor ticks=%d timeout=%d elapsed=%d suspected=%v failed=%v", n.Ticks, n.M.Timeout, n.M.Elapsed(), n.M.Suspected(), n.M.Failed())
			}
			return fmt.Sprintf("process beats=%d", n.Beats)
		},
	}
	m, err := actor.Model("detector", p, c.Env)
	if err != nil {
		return nil, err
	}
	m.Properties = []checker.Property[System]{
		{Name: "StrongAccuracy", Kind: checker.Always, Holds: func(s System) bool {
			return !s.Nodes[0].M.Suspected() || s.Down[1]
		}},
		{Name: "CrashSuspected", Kind: checker.Sometimes, Holds: func(s System) bool {
			return s.Down[1] && s.Nodes[0].M.Suspected()
		}},
		{Name: "MistakeRevised", Kind: checker.Sometimes, Holds: func(s System) bool {
			return s.Nodes[0].M.Timeout > c.Timeout // a false suspicion was corrected (backoff happened)
		}},
	}
	return m, nil
}
