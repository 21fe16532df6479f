package actor

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the kind of an actor-layer action.
type Kind string

// The actions of an actor model, as their labels begin.
const (
	KindInit      Kind = "Init"
	KindDeliver   Kind = "Deliver"
	KindDrop      Kind = "Drop"
	KindDuplicate Kind = "Duplicate"
	KindTimer     Kind = "Timer"
	KindInput     Kind = "Input"
	KindCrash     Kind = "Crash"
	KindRestart   Kind = "Restart"
	KindPartition Kind = "Partition"
	KindHeal      Kind = "Heal"
)

// Action is an action label of an actor model read back into its parts.
// This is the one place that parses the labels Model's Next writes, so a
// change to one is a change to the other (the tests check both ways).
type Action struct {
	Kind Kind
	// Node is the node that acts: the receiver of a delivery, the node of a
	// timer, input, crash or restart; -1 for the others.
	Node int
	// From, To and Key name the message of a delivery, drop or duplicate.
	From, To int
	Key      string
	// Name is the timer's or the input's name.
	Name string
	// Side is each node's partition side (false: the side of n1).
	Side []bool
}

// ParseName reads a node name "nK" back into its index K-1.
func ParseName(s string) (int, error) {
	k, err := strconv.Atoi(strings.TrimPrefix(s, "n"))
	if !strings.HasPrefix(s, "n") || err != nil || k < 1 || k > 64 {
		return 0, fmt.Errorf("%q is not a node name (n1..n64)", s)
	}
	return k - 1, nil
}

// ParseAction reads an action label of a model of nodes nodes.
func ParseAction(label string, nodes int) (Action, error) {
	a := Action{Node: -1, From: -1, To: -1}
	head, rest, _ := strings.Cut(label, " ")
	a.Kind = Kind(head)
	bad := func(why string) (Action, error) {
		return Action{}, fmt.Errorf("actor: action %q: %s", label, why)
	}
	node := func(s string) (int, error) {
		i, err := ParseName(s)
		if err == nil && i >= nodes {
			err = fmt.Errorf("node %s beyond the model's %d nodes", s, nodes)
		}
		return i, err
	}
	var err error
	switch a.Kind {
	case KindInit, KindHeal:
		if rest != "" {
			return bad("unexpected " + strconv.Quote(rest))
		}
	case KindDeliver, KindDrop, KindDuplicate:
		pair, key, ok := strings.Cut(rest, " ")
		from, to, ok2 := strings.Cut(pair, "->")
		if !ok || !ok2 || key == "" {
			return bad("want " + head + " nI->nJ MESSAGE")
		}
		if a.From, err = node(from); err != nil {
			return bad(err.Error())
		}
		if a.To, err = node(to); err != nil {
			return bad(err.Error())
		}
		a.Key = key
		if a.Kind == KindDeliver {
			a.Node = a.To
		}
	case KindTimer, KindInput:
		n, name, ok := strings.Cut(rest, " ")
		if !ok || name == "" {
			return bad("want " + head + " nI NAME")
		}
		if a.Node, err = node(n); err != nil {
			return bad(err.Error())
		}
		a.Name = name
	case KindCrash, KindRestart:
		if a.Node, err = node(rest); err != nil {
			return bad(err.Error())
		}
	case KindPartition:
		l, r, ok := strings.Cut(rest, "|")
		if !ok || !strings.HasPrefix(l, "{") || !strings.HasSuffix(l, "}") || !strings.HasPrefix(r, "{") || !strings.HasSuffix(r, "}") {
			return bad("want Partition {nI,...}|{nJ,...}")
		}
		a.Side = make([]bool, nodes)
		seen := make([]bool, nodes)
		for k, part := range []string{l, r} {
			for _, s := range strings.Split(part[1:len(part)-1], ",") {
				i, err := node(s)
				if err != nil {
					return bad(err.Error())
				}
				if seen[i] {
					return bad(s + " on both sides")
				}
				seen[i] = true
				a.Side[i] = k == 1
			}
		}
		for i, ok := range seen {
			if !ok {
				return bad(Name(i) + " on neither side")
			}
		}
	default:
		return bad("not an action of the actor layer")
	}
	return a, nil
}

// Packet is a message in a View's network: Count copies of Key from From to To.
type Packet struct {
	From, To int
	Key      string
	Count    int
}

// View is what a report needs of a state of an actor model, without its
// node and message types: which nodes are down, the partition, and the
// network's messages by key.
type View struct {
	Down []bool
	Side []bool // nil when healed
	Net  []Packet
}

// Viewer is implemented by System and by any state type that wraps one
// (a model's state that adds a history, say), so code that knows a state
// only as a value of some type can find its actor system.
type Viewer interface {
	ActorView() View
}

// ActorView returns the state's View.
func (s System[N, M]) ActorView() View {
	v := View{Down: s.Down, Side: s.Side, Net: make([]Packet, len(s.Net))}
	for i, f := range s.Net {
		v.Net[i] = Packet{From: f.From, To: f.To, Key: f.Key, Count: f.Count}
	}
	return v
}

// Step is one step of an actor model as events: the action, and the
// messages it put into the network.
type Step struct {
	Action Action
	// Sent lists the messages the step sent that were not already in the
	// network in as many copies (a persistent network holds a message
	// once, so sending it again shows no new send). A duplicate is not a send.
	Sent []Packet
}

// Describe reads the step labelled label from state before to state after
// (the views of two consecutive states of a path).
func Describe(label string, before, after View) (Step, error) {
	a, err := ParseAction(label, len(after.Down))
	if err != nil {
		return Step{}, err
	}
	st := Step{Action: a}
	if a.Kind == KindDuplicate || a.Kind == KindInit {
		return st, nil
	}
	type pk struct {
		from, to int
		key      string
	}
	had := map[pk]int{} // lookups only; Sent follows after.Net's order
	for _, p := range before.Net {
		had[pk{p.From, p.To, p.Key}] += p.Count
	}
	if a.Kind == KindDeliver || a.Kind == KindDrop {
		// The delivered copy left a consuming network; in a persistent one
		// it stays, and counting it out would show it as sent again.
		k := pk{a.From, a.To, a.Key}
		still := 0
		for _, p := range after.Net {
			if (pk{p.From, p.To, p.Key}) == k {
				still += p.Count
			}
		}
		if still < had[k] {
			had[k]--
		}
	}
	now := map[pk]int{}
	for _, p := range after.Net {
		k := pk{p.From, p.To, p.Key}
		now[k] += p.Count
		if extra := now[k] - had[k]; extra > 0 {
			c := min(extra, p.Count)
			st.Sent = append(st.Sent, Packet{From: p.From, To: p.To, Key: p.Key, Count: c})
			had[k] += c
		}
	}
	return st, nil
}
