// Package linkmodel checks impl/link under the actor layer's faults: node
// n1 sends, node n2 receives, and the network loses, duplicates and
// reorders within bounds.
package linkmodel

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/link"
)

// Config bounds the model.
type Config struct {
	Messages   int  // payloads m1..mK the sender's client submits, in order
	Retransmit bool // false: the seeded bug "send once and hope"
	NoDedup    bool // the seeded bug "deliver every copy"
	Env        actor.Env
}

// Node is the sender (with the payloads it was given) or the receiver
// (with what it delivered).
type Node struct {
	S         *link.Sender
	R         *link.Receiver
	Delivered []string
}

// System is a state of the model.
type System = actor.System[*Node, link.Msg]

// Model builds the model: no payload delivered twice, only sent payloads
// delivered, and (under fair delivery and a fair retransmission timer)
// every payload eventually delivered.
func (c Config) Model() (*checker.Model[System], error) {
	if c.Messages < 1 || c.Env.Persistent || c.Env.MaxInFlight <= 0 {
		return nil, fmt.Errorf("link: want messages >= 1 and a consuming network with a bound on messages in flight, got %+v", c)
	}
	p := actor.Protocol[*Node, link.Msg]{
		Nodes: 2,
		Init: func(id int) *Node {
			if id == 0 {
				return &Node{S: &link.Sender{}}
			}
			return &Node{R: &link.Receiver{NoDedup: c.NoDedup}}
		},
		Clone: func(n *Node) *Node {
			if n.S != nil {
				return &Node{S: n.S.Clone()}
			}
			return &Node{R: n.R.Clone(), Delivered: n.Delivered}
		},
		Deliver: func(n *Node, _ int, m link.Msg) []actor.Envelope[link.Msg] {
			if n.S != nil {
				n.S.Handle(m)
				return nil
			}
			payload, ok, ack := n.R.Handle(m)
			if ok {
				n.Delivered = append(n.Delivered[:len(n.Delivered):len(n.Delivered)], payload)
			}
			return []actor.Envelope[link.Msg]{{From: 1, To: 0, Msg: ack}}
		},
		Timers: func(n *Node) []string {
			if n.S == nil || !c.Retransmit || len(n.S.Unacked()) == 0 {
				return nil
			}
			return []string{"retransmit"}
		},
		Fire: func(n *Node, _ string) []actor.Envelope[link.Msg] {
			var out []actor.Envelope[link.Msg]
			for _, m := range n.S.Retransmit() {
				out = append(out, actor.Envelope[link.Msg]{From: 0, To: 1, Msg: m})
			}
			return out
		},
		Inputs: func(n *Node) []string {
			if n.S == nil || n.S.Sent() >= c.Messages {
				return nil
			}
			return []string{fmt.Sprintf("Send(m%d)", n.S.Sent()+1)}
		},
		Input: func(n *Node, in string) []actor.Envelope[link.Msg] {
			m := n.S.Send(strings.TrimSuffix(strings.TrimPrefix(in, "Send("), ")"))
			return []actor.Envelope[link.Msg]{{From: 0, To: 1, Msg: m}}
		},
		Recover: func(n *Node) *Node { return n }, // no crashes in this model
		Encode: func(n *Node, e *checker.Encoder) {
			if n.S != nil {
				e.Int(n.S.Sent())
				e.Len(len(n.S.Unacked()))
				for _, m := range n.S.Unacked() {
					e.Int(m.Seq)
				}
				return
			}
			e.Len(len(n.Delivered))
			for _, d := range n.Delivered {
				e.String(d)
			}
		},
		Key: func(m link.Msg) string { return m.String() },
		Format: func(n *Node) string {
			if n.S != nil {
				return fmt.Sprintf("sender sent=%d unacked=%v", n.S.Sent(), n.S.Unacked())
			}
			return fmt.Sprintf("receiver delivered=%v", n.Delivered)
		},
	}
	m, err := actor.Model("link", p, c.Env)
	if err != nil {
		return nil, err
	}
	delivered := func(s System) []string { return s.Nodes[1].Delivered }
	m.Properties = []checker.Property[System]{
		{Name: "AtMostOnce", Kind: checker.Always, Holds: func(s System) bool {
			seen := map[string]bool{} // lookups only
			for _, d := range delivered(s) {
				if seen[d] {
					return false
				}
				seen[d] = true
			}
			return true
		}},
		{Name: "OnlySent", Kind: checker.Always, Holds: func(s System) bool {
			return len(delivered(s)) <= s.Nodes[0].S.Sent()
		}},
		{Name: "AllDelivered", Kind: checker.Eventually, Holds: func(s System) bool {
			return len(delivered(s)) >= c.Messages
		}},
	}
	// Fair-loss links: a message retransmitted forever is delivered; the
	// client keeps submitting; the timer keeps firing while data is unacked.
	m.Fairness = []checker.Fairness{
		{Name: "WF_Deliver", Instance: func(a string) (string, bool) { return a, strings.HasPrefix(a, "Deliver ") }},
		checker.WeakFairness("WF_Retransmit", "Timer n1 retransmit"),
		checker.WeakFairness("WF_Send", "Input n1 Send"),
	}
	return m, nil
}
