package raftmodel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/raft"
	rspec "github.com/distcheck/distcheck/spec/raft"
)

// Config bounds a model of the implementation. Servers, Values, MaxTerm
// and MaxLogLen mean what they mean in Raft.tla; Env bounds the faults.
type Config struct {
	Servers   int
	Values    int
	MaxTerm   int
	MaxLogLen int
	Env       actor.Env
	Bugs      raft.Bugs
	// Rebuild drops Protocol's Clone, so the actor layer rebuilds nodes
	// from their start and events; it measures that path's cost
	// (BenchmarkRebuild) on a model that can also clone.
	Rebuild bool
}

// Spec returns the constants of the spec this model is checked against.
func (c Config) Spec() rspec.Config {
	return rspec.Config{Servers: c.Servers, Values: c.Values, MaxTerm: c.MaxTerm, MaxLogLen: c.MaxLogLen}
}

// Node is a server as the model sees it: the raft node, what its stable
// storage holds, and what its state machine has applied.
type Node struct {
	Raft    *raft.Node
	Storage raft.Durable
	Applied []raft.Entry // volatile: a restarted state machine replays from the log
	cfg     *Config
}

// System is a state of the model.
type System = actor.System[*Node, raft.Message]

func (n *Node) handle(rd raft.Ready) []actor.Envelope[raft.Message] {
	if rd.Persist != nil {
		n.Storage = rd.Persist.Clone()
	}
	n.Applied = append(slices.Clip(n.Applied), rd.Committed...)
	out := make([]actor.Envelope[raft.Message], len(rd.Messages))
	for k, m := range rd.Messages {
		out[k] = actor.Envelope[raft.Message]{From: int(m.From), To: int(m.To), Msg: m}
	}
	return out
}

func (c *Config) members() []raft.NodeID {
	ms := make([]raft.NodeID, c.Servers)
	for i := range ms {
		ms[i] = raft.NodeID(i)
	}
	return ms
}

// Protocol is the actor-layer description of the implementation.
func (c *Config) Protocol() actor.Protocol[*Node, raft.Message] {
	newNode := func(id int, d raft.Durable) *Node {
		return &Node{Raft: raft.NewNode(raft.Config{ID: raft.NodeID(id), Members: c.members(), Bugs: c.Bugs}, d), Storage: d.Clone(), cfg: c}
	}
	return actor.Protocol[*Node, raft.Message]{
		Nodes: c.Servers,
		Init:  func(id int) *Node { return newNode(id, raft.Fresh()) },
		Clone: func(n *Node) *Node {
			return &Node{Raft: n.Raft.Clone(), Storage: n.Storage, Applied: n.Applied, cfg: n.cfg}
		},
		Deliver: func(n *Node, _ int, m raft.Message) []actor.Envelope[raft.Message] {
			rd, err := n.Raft.Step(m)
			if err != nil {
				panic(err) // the model only delivers messages between members
			}
			return n.handle(rd)
		},
		Timers: func(n *Node) []string {
			var out []string
			for _, t := range n.Raft.Timers() {
				if !t.Heartbeat && int(n.Raft.Term()) >= c.MaxTerm {
					continue // the bound: no election beyond MaxTerm
				}
				out = append(out, t.String())
			}
			return out
		},
		Fire: func(n *Node, name string) []actor.Envelope[raft.Message] {
			for _, t := range n.Raft.Timers() {
				if t.String() == name {
					rd, err := n.Raft.Timeout(t)
					if err != nil {
						panic(err)
					}
					return n.handle(rd)
				}
			}
			panic("raftmodel: timer " + name + " not armed")
		},
		Inputs: func(n *Node) []string {
			if n.Raft.Role() != raft.Leader || len(n.Raft.Log()) >= c.MaxLogLen {
				return nil
			}
			out := make([]string, c.Values)
			for v := range out {
				out[v] = fmt.Sprintf("Propose(v%d)", v+1)
			}
			return out
		},
		Input: func(n *Node, in string) []actor.Envelope[raft.Message] {
			data := strings.TrimSuffix(strings.TrimPrefix(in, "Propose("), ")")
			rd, err := n.Raft.Propose(data)
			if err != nil {
				panic(err)
			}
			return n.handle(rd)
		},
		Recover: func(n *Node) *Node { return newNode(int(n.Raft.ID()), n.Storage) },
		Encode:  encodeNode,
		Key:     func(m raft.Message) string { return m.String() },
		Format:  formatNode,
		// Servers are interchangeable: Raft.tla's symmetry, and the
		// abstraction maps a renamed system to the renamed spec state.
		// Values are not permuted (each proposal names its own).
		PermuteNode: func(n *Node, p []int) *Node {
			f := renaming(p)
			return &Node{Raft: n.Raft.Renamed(f), Storage: n.Storage.Renamed(f), Applied: n.Applied, cfg: n.cfg}
		},
		PermuteMsg: func(m raft.Message, p []int) raft.Message { return m.Renamed(renaming(p)) },
		// encodeNode writes everything a node's future depends on (its cfg
		// is fixed by its position, its step function by its role), so
		// states may share nodes in the frontier; TestPropPackRoundTrip.
		ShareNodes: true,
	}
}

// renaming is the permutation p of servers as a renaming of node ids.
func renaming(p []int) func(raft.NodeID) raft.NodeID {
	return func(id raft.NodeID) raft.NodeID { return raft.NodeID(p[id]) }
}

func encodeNode(n *Node, e *checker.Encoder) {
	r := n.Raft
	e.Uint(r.Term())
	e.Int(int(r.Vote()))
	e.Int(int(r.Role()))
	e.Int(int(r.Leader()))
	e.Uint(r.Commit())
	e.Uint(r.Applied())
	encodeEntries(e, r.Log())
	for _, p := range r.Members() {
		e.Bool(r.Voted(p))
		next, match := r.Progress(p)
		e.Uint(next)
		e.Uint(match)
	}
	e.Uint(n.Storage.Term)
	e.Int(int(n.Storage.Vote))
	encodeEntries(e, n.Storage.Log)
	encodeEntries(e, n.Applied)
}

func encodeEntries(e *checker.Encoder, es []raft.Entry) {
	e.Len(len(es))
	for _, x := range es {
		e.Uint(x.Term)
		e.String(x.Data)
	}
}

func formatNode(n *Node) string {
	r := n.Raft
	var b strings.Builder
	fmt.Fprintf(&b, "%v term=%d vote=%s log=%s commit=%d applied=%d", r.Role(), r.Term(), nodeName(r.Vote()), entries(r.Log()), r.Commit(), len(n.Applied))
	if r.Role() == raft.Leader {
		var ps []string
		for _, p := range r.Members() {
			if p != r.ID() {
				next, match := r.Progress(p)
				ps = append(ps, fmt.Sprintf("%s:next=%d,match=%d", nodeName(p), next, match))
			}
		}
		b.WriteString(" progress=[" + strings.Join(ps, " ") + "]")
	}
	if n.Storage.Vote != r.Vote() || n.Storage.Term != r.Term() {
		fmt.Fprintf(&b, " stored{term=%d vote=%s}", n.Storage.Term, nodeName(n.Storage.Vote))
	}
	return b.String()
}

func nodeName(id raft.NodeID) string {
	if id == raft.None {
		return "none"
	}
	return actor.Name(int(id))
}

func entries(es []raft.Entry) string {
	parts := make([]string, len(es))
	for k, e := range es {
		parts[k] = fmt.Sprintf("%d:%s", e.Term, e.Data)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// value maps "vK" to K, as the spec numbers values.
func value(data string) uint8 {
	k, err := strconv.Atoi(strings.TrimPrefix(data, "v"))
	if err != nil || k < 1 || k > 255 {
		panic("raftmodel: value " + strconv.Quote(data) + " is not of the form vK")
	}
	return uint8(k)
}
