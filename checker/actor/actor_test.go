package actor

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
)

// node is a toy: node 0's "send" timer sends "a" then "b" to node 1 (once);
// node 1 appends what it receives. Durable state: node 1 keeps nothing.
type node struct {
	id   int
	sent bool
	got  string
}

func toy() Protocol[*node, string] {
	return Protocol[*node, string]{
		Nodes: 2,
		Init:  func(id int) *node { return &node{id: id} },
		Clone: func(n *node) *node { c := *n; return &c },
		Deliver: func(n *node, _ int, m string) []Envelope[string] {
			n.got += m
			return nil
		},
		Timers: func(n *node) []string {
			if n.id == 0 && !n.sent {
				return []string{"send"}
			}
			return nil
		},
		Fire: func(n *node, _ string) []Envelope[string] {
			n.sent = true
			return []Envelope[string]{{0, 1, "a"}, {0, 1, "b"}}
		},
		Recover: func(n *node) *node { return &node{id: n.id, sent: n.sent} },
		Encode: func(n *node, e *checker.Encoder) {
			e.Bool(n.sent)
			e.String(n.got)
		},
		Key: func(m string) string { return m },
	}
}

func got(s System[*node, string]) string { return s.Nodes[1].got }

func run(t *testing.T, env Env, props ...checker.Property[System[*node, string]]) *checker.Result[System[*node, string]] {
	m, err := Model("toy", toy(), env)
	require.NoError(t, err)
	m.Properties = props
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	require.True(t, res.Complete)
	return res
}

func reachable(t *testing.T, env Env) []string {
	var seen []string
	prop := checker.Property[System[*node, string]]{Name: "record", Kind: checker.Always, Holds: func(s System[*node, string]) bool {
		if !slices.Contains(seen, got(s)) {
			seen = append(seen, got(s))
		}
		return true
	}}
	run(t, env, prop)
	slices.Sort(seen)
	return seen
}

func TestNetworkSemantics(t *testing.T) {
	cases := []struct {
		name string
		env  Env
		want []string // every sequence node 1 can have received
	}{
		{"unordered, exactly once", Env{}, []string{"", "a", "ab", "b", "ba"}},
		{"ordered per pair", Env{Ordered: true}, []string{"", "a", "ab"}},
		{"ordered with one drop", Env{Ordered: true, MaxDrops: 1}, []string{"", "a", "ab", "b"}},
		{"unordered with one duplicate", Env{MaxDuplicates: 1}, []string{"", "a", "aa", "aab", "ab", "aba", "abb", "b", "ba", "baa", "bab", "bb", "bba"}},
		{"persistent: delivery does not consume", Env{Persistent: true}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.want == nil {
				// A persistent network never consumes, so node 1's history is
				// unbounded; the model must be bounded by the protocol. Check
				// instead that delivering does not remove the message.
				m, err := Model("toy", toy(), c.env)
				require.NoError(t, err)
				seen := map[string]bool{}
				m.Properties = []checker.Property[System[*node, string]]{{Name: "record", Kind: checker.Always,
					Holds: func(s System[*node, string]) bool { seen[got(s)] = true; return true }}}
				res, err := checker.Check(m, checker.Options{MaxDepth: 5})
				require.NoError(t, err)
				assert.False(t, res.Complete)
				for _, want := range []string{"aa", "ba", "bb", "aab"} {
					assert.True(t, seen[want], "%q reachable without an explicit duplicate", want)
				}
				return
			}
			assert.Equal(t, c.want, reachable(t, c.env))
		})
	}
}

func TestCrashRestartAndPartition(t *testing.T) {
	// With a crash, node 1 can lose what it received and receive again.
	seqs := reachable(t, Env{Ordered: true, MaxCrashes: 1})
	assert.Contains(t, seqs, "b", "after a crash node 1 remembers nothing, then receives b")

	// A partition blocks delivery until healed: no delivery happens while
	// partitioned, so "a" is never received in a partitioned state.
	prop := checker.Property[System[*node, string]]{Name: "NoDeliveryAcrossPartition", Kind: checker.Step,
		Check: func(from System[*node, string], action string, to System[*node, string]) error {
			if from.Side != nil && strings.HasPrefix(action, "Deliver") {
				return fmt.Errorf("delivered across a partition")
			}
			return nil
		}}
	res := run(t, Env{MaxPartitions: 1}, prop)
	assert.Equal(t, checker.Holds, res.Properties[0].Status)
}

func TestEnvValidate(t *testing.T) {
	cases := []struct {
		env   Env
		field string // named in the error; "" for a valid Env
	}{
		{Env{}, ""},
		{Env{Persistent: true, MaxCrashes: 2, MaxPartitions: 1, MaxInputs: 1}, ""},
		{Env{MaxDrops: 1, MaxDuplicates: 1, MaxInFlight: 3, Ordered: true}, ""},
		{Env{Persistent: true, Ordered: true}, "Env.Ordered"},
		{Env{Persistent: true, MaxInFlight: 3}, "Env.MaxInFlight"},
		{Env{Persistent: true, MaxDrops: 1}, "Env.MaxDrops"},
		{Env{Persistent: true, MaxDuplicates: 1}, "Env.MaxDuplicates"},
		{Env{MaxDrops: -1}, "Env.MaxDrops"},
		{Env{MaxDuplicates: -2}, "Env.MaxDuplicates"},
		{Env{MaxInFlight: -1}, "Env.MaxInFlight"},
		{Env{MaxCrashes: -1}, "Env.MaxCrashes"},
		{Env{MaxPartitions: -1}, "Env.MaxPartitions"},
		{Env{MaxInputs: -1}, "Env.MaxInputs"},
		{Env{Crashable: func(int) bool { return true }}, "Env.Crashable"},
	}
	for _, c := range cases {
		err := c.env.Validate()
		if c.field == "" {
			assert.NoError(t, err, "%+v", c.env)
			continue
		}
		assert.ErrorContains(t, err, c.field, "%+v", c.env)
		_, err = Model("toy", toy(), c.env)
		assert.ErrorContains(t, err, c.field, "Model validates the Env")
	}
}

func TestBadProtocol(t *testing.T) {
	p := toy()
	p.Key = nil
	_, err := Model("toy", p, Env{})
	assert.ErrorContains(t, err, "Protocol.Key")
	p = toy()
	p.Recover = nil
	_, err = Model("toy", p, Env{MaxCrashes: 1})
	assert.ErrorContains(t, err, "Protocol.Recover")
	p.Nodes = 0
	_, err = Model("toy", p, Env{})
	assert.ErrorContains(t, err, "Protocol.Nodes")
}

// counts returns the distinct states and the set of node-1 histories.
func counts(t *testing.T, p Protocol[*node, string], env Env) (int, []string) {
	m, err := Model("toy", p, env)
	require.NoError(t, err)
	var seen []string
	m.Properties = []checker.Property[System[*node, string]]{{Name: "record", Kind: checker.Always, Holds: func(s System[*node, string]) bool {
		if !slices.Contains(seen, got(s)) {
			seen = append(seen, got(s))
		}
		return true
	}}}
	res, err := checker.Check(m, checker.Options{})
	require.NoError(t, err)
	require.True(t, res.Complete)
	slices.Sort(seen)
	return int(res.Stats.Distinct), seen
}

func TestRebuildWithoutClone(t *testing.T) {
	// Without Clone the nodes are rebuilt from Init or Recover plus their
	// events: the reachable states are exactly those with Clone.
	for _, env := range []Env{{}, {MaxDuplicates: 1, MaxDrops: 1}, {Ordered: true, MaxCrashes: 2, MaxPartitions: 1}} {
		withClone, seen := counts(t, toy(), env)
		p := toy()
		p.Clone = nil
		rebuilt, seenRebuilt := counts(t, p, env)
		assert.Equal(t, withClone, rebuilt, "%+v", env)
		assert.Equal(t, seen, seenRebuilt, "%+v", env)
		assert.Greater(t, rebuilt, 3)
	}
}

func TestMaxInputs(t *testing.T) {
	// Node 1 may append "x" by a client input at any time; MaxInputs
	// bounds the inputs of the whole run.
	p := toy()
	p.Inputs = func(n *node) []string {
		if n.id == 1 {
			return []string{"x"}
		}
		return nil
	}
	p.Input = func(n *node, in string) []Envelope[string] { n.got += in; return nil }
	for _, c := range []struct {
		max  int
		most int // the most x's node 1 can hold
	}{{1, 1}, {2, 2}} {
		_, seen := counts(t, p, Env{MaxInputs: c.max})
		most := 0
		for _, g := range seen {
			most = max(most, strings.Count(g, "x"))
		}
		assert.Equal(t, c.most, most, "MaxInputs %d", c.max)
	}
}

func TestPanicNamesActionAndNode(t *testing.T) {
	p := toy()
	p.Deliver = func(n *node, _ int, m string) []Envelope[string] {
		if m == "b" {
			panic("cannot take b")
		}
		n.got += m
		return nil
	}
	for _, clone := range []bool{true, false} {
		if !clone {
			p.Clone = nil
		}
		m, err := Model("toy", p, Env{})
		require.NoError(t, err)
		func() {
			defer func() {
				r := recover()
				pe, ok := r.(*Panic)
				require.True(t, ok, "panics with *Panic, got %v", r)
				assert.Equal(t, "n2", pe.Node)
				assert.Equal(t, "Deliver n1->n2 b", pe.Action)
				assert.Equal(t, "cannot take b", pe.Value)
				assert.Contains(t, pe.Error(), "n2 panicked in Deliver n1->n2 b")
				assert.NotEmpty(t, pe.Stack)
			}()
			// Drive the model by hand (a checker may recover panics itself):
			// fire n1's timer, then take every action after it.
			var s System[*node, string]
			m.Init(func(_ string, i System[*node, string]) bool { s = i; return false })
			m.Next(s, func(a string, t System[*node, string]) bool { s = t; return a != "Timer n1 send" })
			m.Next(s, func(string, System[*node, string]) bool { return true })
		}()
	}
}
