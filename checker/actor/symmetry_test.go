package actor

import (
	"fmt"
	"math/bits"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/proptest"
)

// voter is a symmetric toy: each node may once call an election, voting
// for itself unless it has voted and sending every other node a ballot
// that names it; a node votes for the first
// candidate whose ballot it receives and tells the candidate. Messages
// carry node ids, so PermuteMsg has work to do.
type voter struct {
	id, vote int
	votes    int // the set of nodes that acked, a bit each
	called   bool
}

type ballot struct {
	Cand int
	Ack  bool
}

func voters(n int) Protocol[*voter, ballot] {
	return Protocol[*voter, ballot]{
		Nodes: n,
		Init:  func(id int) *voter { return &voter{id: id, vote: -1} },
		Clone: func(v *voter) *voter { c := *v; return &c },
		Deliver: func(v *voter, from int, m ballot) []Envelope[ballot] {
			if m.Ack {
				v.votes |= 1 << from
				return nil
			}
			if v.vote < 0 {
				v.vote = m.Cand
				return []Envelope[ballot]{{v.id, from, ballot{Cand: m.Cand, Ack: true}}}
			}
			return nil
		},
		Timers: func(v *voter) []string {
			if v.called {
				return nil
			}
			return []string{"call"}
		},
		Fire: func(v *voter, _ string) []Envelope[ballot] {
			v.called = true
			if v.vote < 0 {
				v.vote = v.id
			}
			var out []Envelope[ballot]
			for j := 0; j < n; j++ {
				if j != v.id {
					out = append(out, Envelope[ballot]{v.id, j, ballot{Cand: v.id}})
				}
			}
			return out
		},
		Recover: func(v *voter) *voter { return &voter{id: v.id, vote: v.vote, called: v.called} },
		Encode: func(v *voter, e *checker.Encoder) {
			e.Int(v.vote)
			e.Int(v.votes)
			e.Bool(v.called)
		},
		Key: func(m ballot) string { return fmt.Sprintf("%+v", m) },
		PermuteNode: func(v *voter, p []int) *voter {
			c := *v
			c.id, c.votes = p[v.id], 0
			if v.vote >= 0 {
				c.vote = p[v.vote]
			}
			for j := range p {
				if v.votes&(1<<j) != 0 {
					c.votes |= 1 << p[j]
				}
			}
			return &c
		},
		PermuteMsg: func(m ballot, p []int) ballot { m.Cand = p[m.Cand]; return m },
	}
}

type vsys = System[*voter, ballot]

// oneWinner is symmetric: no two nodes that voted for themselves both
// hold a majority.
func oneWinner(s vsys) bool {
	w := 0
	for _, v := range s.Nodes {
		if v.vote == v.id && 2*(bits.OnesCount(uint(v.votes))+1) > len(s.Nodes) {
			w++
		}
	}
	return w <= 1
}

var symEnvs = map[string]Env{
	"persistent":         {Persistent: true, MaxCrashes: 1},
	"consuming":          {MaxDrops: 1, MaxDuplicates: 1, MaxInFlight: 3, TrackSent: true},
	"ordered":            {Ordered: true, MaxInFlight: 4},
	"partition":          {Persistent: true, MaxPartitions: 1},
	"crashable n1 or n2": {Persistent: true, MaxCrashes: 1, Crashable: func(i int) bool { return i < 2 }},
}

func TestSymmetryGroup(t *testing.T) {
	perms, _, err := Permuter(voters(3), Env{})
	require.NoError(t, err)
	assert.Equal(t, checker.Permutations(3), perms)

	p := voters(4)
	p.Class = func(i int) int { return min(i, 1) } // n1 apart
	perms, _, err = Permuter(p, Env{})
	require.NoError(t, err)
	assert.Len(t, perms, 6)
	for _, q := range perms {
		assert.Equal(t, 0, q[0], "n1 stays n1")
	}
	perms, _, err = Permuter(voters(3), symEnvs["crashable n1 or n2"])
	require.NoError(t, err)
	assert.Equal(t, [][]int{{0, 1, 2}, {1, 0, 2}}, perms, "crashable nodes are permuted among themselves")

	_, _, err = Permuter(voters(9), Env{})
	assert.ErrorContains(t, err, "more than 40320 permutations")
	p = voters(3)
	p.Clone = nil
	_, err = Model("voters", p, Env{})
	assert.ErrorContains(t, err, "PermuteNode needs Protocol.Clone")
	p = voters(3)
	p.PermuteNode = nil
	_, err = Model("voters", p, Env{})
	assert.ErrorContains(t, err, "PermuteMsg is set but Protocol.PermuteNode is nil")
	p.PermuteMsg = nil
	m, err := Model("voters", p, Env{})
	require.NoError(t, err)
	assert.Nil(t, m.Symmetry, "no PermuteNode, no symmetry")
	_, _, err = Permuter(p, Env{})
	assert.ErrorContains(t, err, "declares no symmetry")
}

// TestSymmetryCountsOrbits: under every environment, the checker's count
// with symmetry equals the number of orbits of the states a plain search
// reaches (each mapped to its least image fingerprint), and verdicts agree.
func TestSymmetryCountsOrbits(t *testing.T) {
	for name, env := range symEnvs {
		t.Run(name, func(t *testing.T) {
			m, err := Model("voters", voters(3), env)
			require.NoError(t, err)
			m.Properties = []checker.Property[vsys]{{Name: "OneWinner", Kind: checker.Always, Holds: oneWinner}}
			perms, permute, err := Permuter(voters(3), env)
			require.NoError(t, err)
			states, orbits := proptest.Orbits(m, perms, permute)
			plain, err := checker.Check(m, checker.Options{})
			require.NoError(t, err)
			sym, err := checker.Check(m, checker.Options{Symmetry: true})
			require.NoError(t, err)
			assert.Equal(t, uint64(states), plain.Stats.Distinct)
			assert.Equal(t, uint64(orbits), sym.Stats.Distinct)
			assert.Less(t, sym.Stats.Distinct, plain.Stats.Distinct)
			assert.Equal(t, checker.Holds, plain.Properties[0].Status)
			assert.Equal(t, checker.Holds, sym.Properties[0].Status)
			t.Logf("%d states, %d orbits", states, orbits)
		})
	}
}

func TestPropSymmetryIsSound(t *testing.T) {
	for name, env := range symEnvs {
		t.Run(name, func(t *testing.T) {
			m, err := Model("voters", voters(3), env)
			require.NoError(t, err)
			m.Properties = []checker.Property[vsys]{{Name: "OneWinner", Kind: checker.Always, Holds: oneWinner}}
			perms, permute, err := Permuter(voters(3), env)
			require.NoError(t, err)
			rapid.Check(t, func(t *rapid.T) { proptest.Symmetric(t, m, perms, permute, 12) })
		})
	}
}

// TestPropSymmetryNeedsCrashableClasses: permuting a node that may crash
// with one that may not is no symmetry (the images' successors differ),
// which is why the group keeps Env.Crashable's classes apart; the
// soundness check catches the full group.
func TestPropSymmetryNeedsCrashableClasses(t *testing.T) {
	env := symEnvs["crashable n1 or n2"]
	m, err := Model("voters", voters(3), env)
	require.NoError(t, err)
	all, permute, err := Permuter(voters(3), Env{Persistent: true, MaxCrashes: 1})
	require.NoError(t, err)
	require.Len(t, all, 6)
	// The model claims the full group too, so only the steps can tell
	// (its Representatives, over the model's own group, would tell first).
	m.Representatives = nil
	m.Symmetry = func(s vsys, yield func(vsys) bool) {
		for _, p := range all[1:] {
			if !yield(permute(s, p)) {
				return
			}
		}
	}
	defer proptest.ExpectFailures()()
	var rec proptest.Recorder
	rapid.Check(&rec, func(t *rapid.T) { proptest.Symmetric(t, m, all, permute, 12) })
	require.True(t, rec.Failed(), "permuting a crashable node with one that is not passed")
	assert.Contains(t, strings.Join(rec.Failures, "\n"), "are not the successors of the image")
}

// TestSymmetryPanicNamesTheNode: a PermuteNode that panics is reported as a
// *Panic of the action "Symmetry" naming the node being renamed, from
// Representatives (which renames nodes first) and from Symmetry alike.
func TestSymmetryPanicNamesTheNode(t *testing.T) {
	p := voters(3)
	permute := p.PermuteNode
	p.PermuteNode = func(v *voter, perm []int) *voter {
		if v.id == 1 && v.called {
			panic("cannot rename a caller")
		}
		return permute(v, perm)
	}
	m, err := Model("voters", p, Env{Persistent: true})
	require.NoError(t, err)
	// n2 fires its timer: its node is now one PermuteNode refuses.
	var s vsys
	m.Init(func(_ string, i vsys) bool { s = i; return false })
	m.Next(s, func(a string, t vsys) bool { s = t; return a != "Timer n2 call" })
	require.True(t, s.Nodes[1].called, "n2 fired")
	for name, images := range map[string]func(vsys, func(vsys) bool){"Representatives": m.Representatives, "Symmetry": m.Symmetry} {
		func() {
			defer func() {
				pe, ok := recover().(*Panic)
				require.True(t, ok, "%s panics with *Panic", name)
				assert.Equal(t, "Symmetry", pe.Action, name)
				assert.Equal(t, "n2", pe.Node, name)
				assert.Equal(t, "cannot rename a caller", pe.Value, name)
				assert.NotEmpty(t, pe.Stack, name)
			}()
			images(s, func(vsys) bool { return true })
		}()
	}
}
