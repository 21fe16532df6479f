package main

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/cli"
)

// Msg is a plain comparable value, as the actor layer requires.
type Msg struct {
	Kind string // "prepare", "vote", "commit", "abort"
	Yes  bool   // a vote's answer
}

// Node is the coordinator (node 0) or a participant.
type Node struct {
	ID, Yes, Votes   int
	Started, Voted   bool
	Decision         string // "", "commit" or "abort"
	commitOnFirstYes bool   // the seeded bug
}

func protocol(nodes int, eager bool) actor.Protocol[*Node, Msg] {
	broadcast := func(m Msg) (out []actor.Envelope[Msg]) {
		for to := 1; to < nodes; to++ {
			out = append(out, actor.Envelope[Msg]{From: 0, To: to, Msg: m})
		}
		return out
	}
	return actor.Protocol[*Node, Msg]{
		Nodes: nodes,
		Init:  func(id int) *Node { return &Node{ID: id, commitOnFirstYes: eager} },
		Clone: func(n *Node) *Node { c := *n; return &c },
		Deliver: func(n *Node, from int, m Msg) []actor.Envelope[Msg] {
			switch m.Kind {
			case "vote":
				n.Votes++
				if m.Yes {
					n.Yes++
				}
				decided := n.Decision != ""
				switch {
				case !decided && !m.Yes:
					n.Decision = "abort"
				case !decided && (n.Yes == nodes-1 || n.commitOnFirstYes):
					n.Decision = "commit"
				}
				if !decided && n.Decision != "" {
					return broadcast(Msg{Kind: n.Decision})
				}
			case "prepare":
				n.Started = true
			default:
				n.Decision = m.Kind
			}
			return nil
		},
		Timers: func(n *Node) []string {
			if n.ID == 0 && !n.Started {
				return []string{"start"}
			}
			return nil
		},
		Fire: func(n *Node, _ string) []actor.Envelope[Msg] {
			n.Started = true
			return broadcast(Msg{Kind: "prepare"})
		},
		Inputs: func(n *Node) []string {
			if n.ID > 0 && n.Started && !n.Voted {
				return []string{"yes", "no"}
			}
			return nil
		},
		Input: func(n *Node, in string) []actor.Envelope[Msg] {
			n.Voted = true
			return []actor.Envelope[Msg]{{From: n.ID, To: 0, Msg: Msg{Kind: "vote", Yes: in == "yes"}}}
		},
		Encode: func(n *Node, e *checker.Encoder) {
			e.String(fmt.Sprintf("%d %d %v %v %s", n.Yes, n.Votes, n.Started, n.Voted, n.Decision))
		},
		Key: func(m Msg) string { return fmt.Sprintf("%s(%v)", m.Kind, m.Yes) }, // injective: every field
	}
}

// System is a state of the whole system: nodes and network.
type System = actor.System[*Node, Msg]

func agreement(s System) bool {
	for _, n := range s.Nodes[1:] {
		if n.Decision != "" && s.Nodes[0].Decision != "" && n.Decision != s.Nodes[0].Decision {
			return false
		}
	}
	return true
}

func init() {
	cli.Register(cli.Def[System]{
		Name:   "twopc",
		Doc:    "two-phase commit: a coordinator and participants that vote",
		Params: []cli.Param{{Name: "nodes", Default: 3, Min: 2, Max: 5, Doc: "coordinator plus participants"}},
		Variants: []cli.Variant{
			{Name: "correct", Doc: "commit only when every participant voted yes"},
			{Name: "eager", Bug: true, Doc: "commit on the first yes", Violates: []string{"Validity"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[System], error) {
			m, err := actor.Model("twopc", protocol(p["nodes"], variant == "eager"), actor.Env{MaxInFlight: 2 * p["nodes"]})
			if err != nil {
				return nil, err
			}
			m.Properties = []checker.Property[System]{
				{Name: "Agreement", Kind: checker.Always, Holds: agreement},
				{Name: "Validity", Kind: checker.Always, Holds: func(s System) bool {
					return s.Nodes[0].Decision != "commit" || s.Nodes[0].Yes == len(s.Nodes)-1
				}},
				{Name: "Committed", Kind: checker.Sometimes, Holds: func(s System) bool { return s.Nodes[0].Decision == "commit" }},
			}
			return m, nil
		},
	})
}
