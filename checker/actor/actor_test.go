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

func TestBadEnv(t *testing.T) {
	_, err := Model("toy", toy(), Env{Persistent: true, Ordered: true})
	assert.ErrorContains(t, err, "cannot also be ordered")
	_, err = Model("toy", toy(), Env{MaxDrops: -1})
	assert.ErrorContains(t, err, "negative bound")
}
