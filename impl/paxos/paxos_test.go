package paxos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cluster: proposers 0 and 1, acceptors 2, 3, 4.
type cluster struct {
	props []*Proposer
	accs  []*Acceptor
}

func newCluster(b Bugs) *cluster {
	c := &cluster{}
	for id := 0; id < 2; id++ {
		c.props = append(c.props, NewProposer(Config{ID: id, Proposers: 2, Acceptors: 3, Bugs: b}, []string{"x", "y"}[id], Fresh()))
	}
	for id := 2; id < 5; id++ {
		c.accs = append(c.accs, NewAcceptor(Config{ID: id, Proposers: 2, Acceptors: 3, Bugs: b}, Fresh()))
	}
	return c
}

// run delivers out to quiescence, only to the nodes in reach.
func (c *cluster) run(out []Out, reach func(to int) bool) {
	for len(out) > 0 {
		o := out[0]
		out = out[1:]
		if !reach(o.To) {
			continue
		}
		if o.To < 2 {
			out = append(out, c.props[o.To].Step(o.Msg)...)
		} else {
			_, more := c.accs[o.To-2].Step(o.Msg)
			out = append(out, more...)
		}
	}
}

func all(int) bool { return true }

func TestSingleProposerChoosesItsValue(t *testing.T) {
	c := newCluster(Bugs{})
	d, out := c.props[0].Phase1a()
	require.Equal(t, 0, d.Ballot, "the ballot is persisted before the 1a is sent")
	c.run(out, all)
	assert.Equal(t, "x", c.props[0].Learned())
	assert.Equal(t, "x", c.props[1].Learned())
}

// TestLaterBallotKeepsChosenValue: once x is chosen by a quorum (2, 3),
// proposer 1's later ballot learns x from a promise and proposes x.
func TestLaterBallotKeepsChosenValue(t *testing.T) {
	for _, b := range []Bugs{{}, {ProposerIgnoresReports: true}, {AcceptorHidesValue: true}} {
		c := newCluster(b)
		_, out := c.props[0].Phase1a()
		c.run(out, func(to int) bool { return to != 4 })
		require.Equal(t, "x", c.props[0].Learned())
		_, out = c.props[1].Phase1a()
		// Proposer 1 hears only from acceptors 3 and 4: 3 accepted x.
		c.run(out, func(to int) bool { return to != 2 })
		_, v := c.accs[2].Accepted()
		if b == (Bugs{}) {
			assert.Equal(t, "x", v, "the correct protocol keeps x")
		} else {
			assert.Equal(t, "y", v, "with %+v a second value is accepted by a quorum", b)
		}
	}
}

func TestAcceptorRefusesLowerBallot(t *testing.T) {
	a := NewAcceptor(Config{ID: 2, Proposers: 2, Acceptors: 3}, Fresh())
	a.Step(Message{Type: Msg1a, From: 1, Bal: 5})
	d, out := a.Step(Message{Type: Msg2a, From: 0, Bal: 2, Val: "x"})
	assert.Nil(t, d)
	assert.Empty(t, out)
	buggy := NewAcceptor(Config{ID: 2, Proposers: 2, Acceptors: 3, Bugs: Bugs{AcceptLowerBallot: true}}, Fresh())
	buggy.Step(Message{Type: Msg1a, From: 1, Bal: 5})
	_, out = buggy.Step(Message{Type: Msg2a, From: 0, Bal: 2, Val: "x"})
	assert.NotEmpty(t, out)
}

func TestRestartedProposerDoesNotResumeItsRound(t *testing.T) {
	p := NewProposer(Config{ID: 0, Proposers: 2, Acceptors: 3}, "x", Durable{Ballot: 4, MaxBal: NoBallot, MaxVBal: NoBallot})
	assert.Empty(t, p.Step(Message{Type: Msg1b, From: 2, Bal: 4, MaxVBal: NoBallot}))
	assert.Equal(t, 6, p.NextBallot())
}

func TestVolatileAcceptorForgets(t *testing.T) {
	d := Durable{MaxBal: 3, MaxVBal: 3, MaxVal: "x", Ballot: NoBallot}
	a := NewAcceptor(Config{ID: 2, Proposers: 2, Acceptors: 3, Bugs: Bugs{VolatileAcceptor: true}}, d)
	assert.Equal(t, NoBallot, a.Promised())
	a = NewAcceptor(Config{ID: 2, Proposers: 2, Acceptors: 3}, d)
	assert.Equal(t, 3, a.Promised())
}
