package ringstore

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

var five = []string{"n1", "n2", "n3", "n4", "n5"}

func newRing(t *testing.T, d Design, r int) *Ring {
	t.Helper()
	rg, err := NewRing(Config{Nodes: five, Bits: 8, Replicas: r, Design: d})
	require.NoError(t, err)
	return rg
}

func all(n int) Set { return Set(1)<<n - 1 }

// cluster runs nodes to quiescence, delivering messages in send order,
// and collects the acknowledged files. Messages to nodes outside up are lost.
type cluster struct {
	nodes []*Node
	up    Set
	acked []string
}

func (c *cluster) run(out Output) {
	queue := out.Msgs
	c.acked = append(c.acked, out.Acked...)
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		if !c.up.Has(m.To) {
			continue
		}
		o := c.nodes[m.To].Step(m)
		queue = append(queue, o.Msgs...)
		c.acked = append(c.acked, o.Acked...)
	}
}

func (c *cluster) has(i int, k string) bool { return c.up.Has(i) && c.nodes[i].Has(k) }

func (c *cluster) holding(k string) (out []int) {
	for i, n := range c.nodes {
		if c.up.Has(i) && n.Has(k) {
			out = append(out, i)
		}
	}
	return out
}

func newCluster(r *Ring, up Set) *cluster {
	c := &cluster{up: up}
	for i := range r.Config().Nodes {
		c.nodes = append(c.nodes, NewNode(r, i, up))
	}
	return c
}

func TestNewRingNamesTheProblem(t *testing.T) {
	cases := []struct {
		cfg  Config
		want string
	}{
		{Config{Bits: 8, Replicas: 1}, "0 nodes"},
		{Config{Nodes: five, Bits: 0, Replicas: 1}, "id space of 0 bits"},
		{Config{Nodes: five, Bits: 65, Replicas: 1}, "id space of 65 bits"},
		{Config{Nodes: five, Bits: 8}, "replication factor 0"},
		{Config{Nodes: five, Bits: 8, Replicas: 1, Design: 7}, "unknown design"},
		// Three nodes in a two-position space: two must collide.
		{Config{Nodes: five[:3], Bits: 1, Replicas: 1}, "both hash to"},
	}
	for _, c := range cases {
		_, err := NewRing(c.cfg)
		require.ErrorContains(t, err, c.want)
	}
}

// TestSuccessorListPlacesOnDistinctNodes: r copies on r distinct members,
// the first the key's successor, for every view with at least r members.
func TestSuccessorListPlacesOnDistinctNodes(t *testing.T) {
	rg := newRing(t, SuccessorList, 3)
	for view := Set(1); view < all(5); view++ {
		for _, f := range []string{"f0", "f1", "f2", "f3"} {
			p := rg.Placement(f, view)
			require.Len(t, p, min(3, view.Len()))
			var nodes []int
			for _, c := range p {
				require.Equal(t, f, c.Key)
				require.True(t, view.Has(c.Node))
				nodes = append(nodes, c.Node)
			}
			slices.Sort(nodes)
			require.Len(t, slices.Compact(nodes), len(p))
			require.Contains(t, nodes, rg.Successors(rg.KeyPos(f), view, 1)[0])
		}
	}
}

// TestSeedReplicaKeysCollide is the seed's bug in its placement: with
// these five nodes two of f0's three keys (f0 and f0_replica_1) have the
// same successor, so its three copies are on two nodes.
func TestSeedReplicaKeysCollide(t *testing.T) {
	rg := newRing(t, ReplicaKeys, 3)
	require.Equal(t, []string{"f0", "f0_replica_1", "f0_replica_2"}, rg.StorageKeys("f0"))
	p := rg.Placement("f0", all(5))
	require.Len(t, p, 3)
	nodes := map[int]bool{}
	for _, c := range p {
		nodes[c.Node] = true
	}
	t.Logf("placement of f0: %v", p)
	require.Len(t, nodes, 2, "three copies, two nodes")
}

// TestWriteAcknowledgedWhenAllCopiesStored: W = r.
func TestWriteAcknowledgedWhenAllCopiesStored(t *testing.T) {
	rg := newRing(t, SuccessorList, 3)
	c := newCluster(rg, all(5))
	owner := rg.Successors(rg.KeyPos("f0"), all(5), 1)[0]
	out, err := c.nodes[owner].Put("f0")
	require.NoError(t, err)
	require.Empty(t, out.Acked, "two copies are not confirmed yet")
	require.Len(t, out.Msgs, 2)
	_, err = c.nodes[owner].Put("f0")
	require.ErrorContains(t, err, `already writing "f0"`)
	c.run(out)
	require.Equal(t, []string{"f0"}, c.acked)
	require.Len(t, c.holding("f0"), 3)
	require.Empty(t, c.nodes[owner].Writes())
}

// TestShortViewWaitsForRepair: a coordinator that knows fewer than r
// nodes makes fewer copies, so it must not acknowledge until a repair
// shows it enough members; the AckShort bug acknowledges at once.
func TestShortViewWaitsForRepair(t *testing.T) {
	for _, bug := range []bool{false, true} {
		rg, err := NewRing(Config{Nodes: five, Bits: 8, Replicas: 3, AckShort: bug})
		require.NoError(t, err)
		c := newCluster(rg, all(5))
		owner := rg.Successors(rg.KeyPos("f0"), all(5), 1)[0]
		c.nodes[owner].View = Set(0).With(owner) // it believes it is alone
		out, err := c.nodes[owner].Put("f0")
		require.NoError(t, err)
		c.run(out)
		require.Equal(t, []int{owner}, c.holding("f0"))
		if bug {
			require.Equal(t, []string{"f0"}, c.acked, "AckShort acknowledges one copy")
			continue
		}
		require.Empty(t, c.acked)
		require.Equal(t, 2, c.nodes[owner].Writes()[0].Short)
		c.run(c.nodes[owner].Repair(all(5), c.has))
		require.Equal(t, []string{"f0"}, c.acked)
		require.Len(t, c.holding("f0"), 3)
	}
}

// TestRepairRestoresCopiesAndHandsOff: after a holder fails, a survivor's
// repair pushes the copy to the new third holder; after a node joins
// between holders, repair hands it the copy too.
func TestRepairRestoresCopiesAndHandsOff(t *testing.T) {
	rg := newRing(t, SuccessorList, 3)
	four := all(5).Without(4) // n5 starts outside the ring
	c := newCluster(rg, four)
	for _, f := range []string{"f0", "f1"} {
		owner := rg.Successors(rg.KeyPos(f), four, 1)[0]
		out, err := c.nodes[owner].Put(f)
		require.NoError(t, err)
		c.run(out)
	}
	require.ElementsMatch(t, []string{"f0", "f1"}, c.acked)

	// n5 joins: every file it should hold reaches it by the holders' repair.
	c.up = c.up.With(4)
	c.nodes[4] = NewNode(rg, 4, c.up)
	for i := range 4 {
		c.run(c.nodes[i].Repair(c.up, c.has))
	}
	for _, f := range []string{"f0", "f1"} {
		// Former holders keep their copies (no garbage collection).
		require.Subset(t, c.holding(f), rg.Holders(f, c.up), "after the join, %s is on its holders", f)
	}

	// The first holder of f0 fails; the survivors' repair makes a new third copy.
	gone := rg.Holders("f0", c.up)[0]
	c.up = c.up.Without(gone)
	require.Len(t, c.holding("f0"), 2)
	for i := range 5 {
		if c.up.Has(i) {
			c.run(c.nodes[i].Repair(c.up, c.has))
		}
	}
	require.Subset(t, c.holding("f0"), rg.Holders("f0", c.up))
}

func ExampleRing_Placement() {
	for _, d := range []Design{SuccessorList, ReplicaKeys} {
		r, _ := NewRing(Config{Nodes: []string{"n1", "n2", "n3", "n4", "n5"}, Bits: 8, Replicas: 3, Design: d})
		fmt.Print(d, ":")
		for _, c := range r.Placement("f0", 0b11111) {
			fmt.Printf(" %s on %s", c.Key, r.Config().Nodes[c.Node])
		}
		fmt.Println()
	}
	// Output:
	// successor-list: f0 on n2 f0 on n3 f0 on n4
	// replica-keys: f0 on n3 f0_replica_1 on n3 f0_replica_2 on n2
}
