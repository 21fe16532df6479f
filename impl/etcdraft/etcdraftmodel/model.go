package etcdraftmodel

import (
	"fmt"
	"slices"
	"strings"

	"go.etcd.io/raft/v3"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/etcdraft"
)

// Config bounds a model of etcd raft.
type Config struct {
	Nodes     int // voters, fixed (no configuration changes)
	MaxTerm   int // no node campaigns at this term or beyond
	Proposals int // client proposals in the whole run (Env.MaxInputs)
	// Heartbeats offers the leader's heartbeat tick. A persistent network
	// never loses a message, so raft needs no retransmission there and the
	// tick only multiplies states; a consuming network with drops needs it.
	Heartbeats bool
	Env        actor.Env
	Bugs       etcdraft.Bugs
}

// Node is a server as the model sees it: the etcd raft host, or the reason
// raft refused to restart it, plus history variables that survive crashes.
type Node struct {
	ID  int              // 0-based
	S   *etcdraft.Server // nil when broken
	Err string           // why raft refused to restart (etcd raft panicked)
	Dur etcdraft.Durable // a broken node's durable state
	G   Ghost            // history, not part of the server
	cfg *Config
}

// Ghost holds history variables: what a real run's observers would have
// seen, kept across crashes so properties can speak about the past.
type Ghost struct {
	Led []uint64 // terms in which this node became leader, in order
	// Out is what the node's state machine applied, by log index, the
	// first time; a later application at the same index that differs
	// (after a restart) is recorded in Conflict.
	Out      []etcdraft.Entry
	Conflict string
	seen     int // how many of S.Applied() are in Out (reset on restart)
}

// System is a state of the model.
type System = actor.System[*Node, etcdraft.Message]

// Validate rejects bounds the model cannot run with.
func (c Config) Validate() error {
	switch {
	case c.Nodes < 1 || c.Nodes > 7:
		return fmt.Errorf("etcdraftmodel: nodes is %d, want 1..7", c.Nodes)
	case c.MaxTerm < 1:
		return fmt.Errorf("etcdraftmodel: maxTerm is %d, want >= 1 (no election otherwise)", c.MaxTerm)
	case c.Proposals < 0:
		return fmt.Errorf("etcdraftmodel: proposals is %d, want >= 0", c.Proposals)
	case !c.Env.Persistent && c.Env.MaxInFlight <= 0:
		return fmt.Errorf("etcdraftmodel: a consuming network needs inFlight > 0 (heartbeats resend forever, so the state space is otherwise infinite)")
	}
	return nil
}

func (c *Config) server(id int, d etcdraft.Durable) (*etcdraft.Server, error) {
	peers := make([]uint64, c.Nodes)
	for i := range peers {
		peers[i] = uint64(i + 1)
	}
	return etcdraft.New(etcdraft.Config{ID: uint64(id + 1), Peers: peers, Bugs: c.Bugs}, d)
}

// durable is what survives a crash of n.
func (n *Node) durable() etcdraft.Durable {
	if n.S == nil {
		return n.Dur
	}
	return n.S.Durable()
}

// observe updates the history variables after the server handled an event.
func (n *Node) observe() {
	role, term := n.S.Role()
	if role == raft.StateLeader && !slices.Contains(n.G.Led, term) {
		n.G.Led = append(slices.Clip(n.G.Led), term)
	}
	applied := n.S.Applied()
	for _, e := range applied[n.G.seen:] {
		switch i := int(e.Index); {
		case i <= len(n.G.Out):
			if n.G.Out[i-1] != e && n.G.Conflict == "" {
				n.G.Conflict = fmt.Sprintf("index %d applied as %v, later as %v", i, n.G.Out[i-1], e)
			}
		case i == len(n.G.Out)+1:
			n.G.Out = append(slices.Clip(n.G.Out), e)
		default:
			panic(fmt.Sprintf("etcdraftmodel: n%d applied index %d after %d", n.ID+1, i, len(n.G.Out)))
		}
	}
	n.G.seen = len(applied)
}

func (n *Node) envelopes(ms []etcdraft.Message) []actor.Envelope[etcdraft.Message] {
	n.observe()
	out := make([]actor.Envelope[etcdraft.Message], len(ms))
	for k, m := range ms {
		out[k] = actor.Envelope[etcdraft.Message]{From: int(m.From) - 1, To: int(m.To) - 1, Msg: m}
	}
	return out
}

// Protocol is the actor-layer description of etcd raft. It has no Clone:
// a RawNode cannot be deep-copied, so the actor layer rebuilds a node from
// its last restart and the events it handled since.
func (c *Config) Protocol() actor.Protocol[*Node, etcdraft.Message] {
	restart := func(id int, d etcdraft.Durable, g Ghost) *Node {
		g.seen = 0
		s, err := c.server(id, d)
		if err != nil {
			return &Node{ID: id, Err: err.Error(), Dur: d, G: g, cfg: c}
		}
		return &Node{ID: id, S: s, G: g, cfg: c}
	}
	return actor.Protocol[*Node, etcdraft.Message]{
		Nodes: c.Nodes,
		Init:  func(id int) *Node { return restart(id, etcdraft.Durable{}, Ghost{}) },
		Deliver: func(n *Node, _ int, m etcdraft.Message) []actor.Envelope[etcdraft.Message] {
			if n.S == nil {
				return nil // a broken node takes nothing
			}
			return n.envelopes(n.S.Step(m))
		},
		Timers: func(n *Node) []string {
			if n.S == nil {
				return nil
			}
			var out []string
			role, term := n.S.Role()
			if role == raft.StateLeader {
				if c.Heartbeats {
					out = append(out, "heartbeat")
				}
			} else if int(term) < c.MaxTerm {
				out = append(out, "campaign")
			}
			if n.S.Unsynced() {
				out = append(out, "sync")
			}
			return out
		},
		Fire: func(n *Node, t string) []actor.Envelope[etcdraft.Message] {
			switch t {
			case "heartbeat":
				return n.envelopes(n.S.Heartbeat())
			case "campaign":
				return n.envelopes(n.S.Campaign())
			case "sync":
				n.S.Sync()
				return nil
			}
			panic("etcdraftmodel: unknown timer " + t)
		},
		Inputs: func(n *Node) []string {
			if n.S == nil {
				return nil
			}
			if role, _ := n.S.Role(); role != raft.StateLeader {
				return nil
			}
			return []string{"Propose(v1)"}
		},
		Input: func(n *Node, in string) []actor.Envelope[etcdraft.Message] {
			ms, err := n.S.Propose(strings.TrimSuffix(strings.TrimPrefix(in, "Propose("), ")"))
			if err != nil {
				panic(err) // only leaders are offered proposals
			}
			return n.envelopes(ms)
		},
		Recover: func(n *Node) *Node { return restart(n.ID, n.durable(), n.G) },
		Encode:  encodeNode,
		Key:     func(m etcdraft.Message) string { return m.String() },
		Format:  formatNode,
	}
}

// Model builds the checker model with its properties.
func (c Config) Model() (*checker.Model[System], error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.Env.MaxInputs = c.Proposals
	if c.Proposals == 0 {
		c.Env.MaxInputs = 0
	}
	cp := &c
	p := cp.Protocol()
	if c.Proposals == 0 {
		p.Inputs, p.Input = nil, nil
	}
	m, err := actor.Model("etcdraft", p, c.Env)
	if err != nil {
		return nil, err
	}
	m.Properties = Properties()
	return m, nil
}

func encodeNode(n *Node, e *checker.Encoder) {
	e.Bool(n.S == nil)
	if n.S == nil {
		e.String(n.Err)
		encodeDurable(e, n.Dur, n.cfg.Bugs.LoseUnstable)
	} else {
		st := n.S.Status()
		e.Uint(st.Term)
		e.Uint(st.Vote)
		e.Uint(st.Commit)
		e.Uint(st.Lead)
		e.Uint(st.Applied)
		e.Int(int(st.Role))
		e.Len(len(st.Progress))
		for _, p := range st.Progress {
			e.Uint(p.Match)
			e.Uint(p.Next)
			e.Int(int(p.State))
			e.Bool(p.Paused)
			e.Int(p.Inflight)
		}
		e.Len(len(st.Votes))
		for _, v := range st.Votes {
			e.Int(int(v))
		}
		encodeDurable(e, n.S.Live(), false)
		encodeDurable(e, n.S.Durable(), n.cfg.Bugs.LoseUnstable)
	}
	e.Len(len(n.G.Led))
	for _, t := range n.G.Led {
		e.Uint(t)
	}
	encodeEntries(e, n.G.Out)
	e.String(n.G.Conflict)
}

func encodeDurable(e *checker.Encoder, d etcdraft.Durable, batch bool) {
	e.Uint(d.Hard.Term)
	e.Uint(d.Hard.Vote)
	e.Uint(d.Hard.Commit)
	encodeEntries(e, d.Log)
	if batch {
		e.Int(d.LastBatch)
	}
}

func encodeEntries(e *checker.Encoder, es []etcdraft.Entry) {
	e.Len(len(es))
	for _, x := range es {
		e.Uint(x.Term)
		e.String(x.Data)
	}
}

func formatNode(n *Node) string {
	if n.S == nil {
		return fmt.Sprintf("broken (%s) durable=%s", n.Err, formatDurable(n.Dur))
	}
	st := n.S.Status()
	var b strings.Builder
	fmt.Fprintf(&b, "%v term=%d vote=%d lead=%d commit=%d applied=%d log=%s", strings.TrimPrefix(st.Role.String(), "State"),
		st.Term, st.Vote, st.Lead, st.Commit, st.Applied, entries(n.S.Live().Log))
	for k, p := range st.Progress {
		if k != n.ID {
			fmt.Fprintf(&b, " n%d{match=%d next=%d %v}", k+1, p.Match, p.Next, p.State)
		}
	}
	if d := n.S.Durable(); n.S.Unsynced() {
		fmt.Fprintf(&b, " durable=%s", formatDurable(d))
	}
	return b.String()
}

func formatDurable(d etcdraft.Durable) string {
	return fmt.Sprintf("{term=%d vote=%d commit=%d log=%s}", d.Hard.Term, d.Hard.Vote, d.Hard.Commit, entries(d.Log))
}

func entries(es []etcdraft.Entry) string {
	parts := make([]string, len(es))
	for k, e := range es {
		parts[k] = fmt.Sprintf("%d:%s", e.Term, e.Data)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
