package paxos

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests pin the comparisons and assignments of paxos.go that a small
// change would break (tried by hand against 16 mutations: the older tests
// caught 8, these catch every one).

func acceptor() *Acceptor { return NewAcceptor(Config{ID: 2, Proposers: 2, Acceptors: 3}, Fresh()) }

// TestAcceptorBallotBoundaries: a 1a must exceed the promise (equal is
// refused); a 2a may equal it (lower is refused) and raises the promise;
// durable state is returned exactly when it changed.
func TestAcceptorBallotBoundaries(t *testing.T) {
	a := acceptor()
	d, out := a.Step(Message{Type: Msg1a, From: 0, Bal: 3})
	require.NotNil(t, d)
	assert.Equal(t, 3, d.MaxBal)
	require.Len(t, out, 1)
	assert.Equal(t, Out{To: 0, Msg: Message{Type: Msg1b, From: 2, Bal: 3, MaxVBal: NoBallot}}, out[0])

	d, out = a.Step(Message{Type: Msg1a, From: 1, Bal: 3})
	assert.Nil(t, d, "nothing changed")
	assert.Empty(t, out, "an equal ballot is not promised twice")

	d, out = a.Step(Message{Type: Msg2a, From: 1, Bal: 2, Val: "y"})
	assert.Nil(t, d)
	assert.Empty(t, out, "below the promise: refused")

	d, out = a.Step(Message{Type: Msg2a, From: 0, Bal: 3, Val: "x"})
	require.NotNil(t, d, "the accepted proposal is persisted")
	assert.Equal(t, Durable{MaxBal: 3, MaxVBal: 3, MaxVal: "x", Ballot: NoBallot}, *d)
	assert.Equal(t, []Out{{To: 0, Msg: Message{Type: Msg2b, From: 2, Bal: 3, Val: "x"}}, {To: 1, Msg: Message{Type: Msg2b, From: 2, Bal: 3, Val: "x"}}}, out,
		"every learner hears of it")

	// A 2a above the promise is accepted and raises the promise with it.
	d, _ = a.Step(Message{Type: Msg2a, From: 1, Bal: 5, Val: "y"})
	require.NotNil(t, d)
	assert.Equal(t, 5, a.Promised())
	_, out = a.Step(Message{Type: Msg1a, From: 0, Bal: 4})
	assert.Empty(t, out, "a 1a below the raised promise is refused")
	_, out = a.Step(Message{Type: Msg1a, From: 0, Bal: 6})
	require.Len(t, out, 1)
	assert.Equal(t, 5, out[0].Msg.MaxVBal, "the promise reports the last accepted proposal")
	assert.Equal(t, "y", out[0].Msg.MaxVal)
}

func promise(from, bal, vbal int, val string) Message {
	return Message{Type: Msg1b, From: from, Bal: bal, MaxVBal: vbal, MaxVal: val}
}

// TestProposerQuorumAndReports: the 2a goes out at exactly a majority of
// distinct promises for the current ballot, with the value of the highest
// reported proposal wherever it is among the promises.
func TestProposerQuorumAndReports(t *testing.T) {
	cfg := Config{ID: 0, Proposers: 2, Acceptors: 5}
	p := NewProposer(cfg, "mine", Fresh())
	assert.Equal(t, 0, p.NextBallot())
	_, out := p.Phase1a()
	require.Len(t, out, 5)
	assert.Equal(t, 0, p.Ballot())
	assert.Equal(t, 2, p.NextBallot(), "ballots of proposer k are k, k+P, k+2P")
	_, _ = p.Phase1a()
	require.Equal(t, 2, p.Ballot())

	assert.Empty(t, p.Step(promise(2, 0, NoBallot, "")), "a promise for an old ballot is ignored")
	assert.Empty(t, p.Step(promise(3, 2, 1, "b")))
	assert.Empty(t, p.Step(promise(3, 2, 1, "b")), "a duplicate promise does not count")
	_, promised, _ := p.Round()
	assert.Equal(t, []int{3}, promised)
	assert.Empty(t, p.Step(promise(4, 2, 0, "a")))
	out = p.Step(promise(2, 2, NoBallot, ""))
	require.Len(t, out, 5, "three of five promised: the 2a goes to every acceptor")
	for _, o := range out {
		assert.Equal(t, Message{Type: Msg2a, From: 0, Bal: 2, Val: "b"}, o.Msg, "the highest reported proposal's value (ballot 1), not the first nor the last promise's")
	}
	assert.Empty(t, p.Step(promise(5, 2, 1, "b")), "after the 2a, promises change nothing")

	// With no proposal reported, the proposer's own value.
	q := NewProposer(Config{ID: 1, Proposers: 2, Acceptors: 3}, "own", Fresh())
	_, _ = q.Phase1a()
	q.Step(promise(2, 1, NoBallot, ""))
	out = q.Step(promise(3, 1, NoBallot, ""))
	require.Len(t, out, 3)
	assert.Equal(t, "own", out[0].Msg.Val)
	// A restarted proposer continues above its durable ballot.
	r := NewProposer(Config{ID: 1, Proposers: 2, Acceptors: 3}, "own", q.Durable())
	assert.Equal(t, 3, r.NextBallot())
}

// TestLearnerCountsOneBallot: a value is learned from a majority of 2b for
// one ballot, duplicates not counted twice, and never changes after.
func TestLearnerCountsOneBallot(t *testing.T) {
	p := NewProposer(Config{ID: 0, Proposers: 1, Acceptors: 5}, "v", Fresh())
	vote := func(from, bal int, val string) { p.Step(Message{Type: Msg2b, From: from, Bal: bal, Val: val}) }
	vote(1, 0, "a")
	vote(1, 0, "a")
	vote(2, 0, "a")
	assert.Equal(t, "", p.Learned(), "two distinct acceptors of five")
	vote(3, 1, "b")
	vote(4, 1, "b")
	assert.Equal(t, "", p.Learned(), "votes of different ballots do not add up")
	assert.Len(t, p.Votes(), 4)
	vote(5, 0, "a")
	assert.Equal(t, "a", p.Learned())
	vote(1, 1, "b")
	assert.Equal(t, "a", p.Learned(), "once learned, kept (agreement makes b impossible in a real run)")
}

// TestLivenessUnderFairDelivery: one proposer, messages delivered in
// random order, none lost: every learner learns the proposer's value.
func TestLivenessUnderFairDelivery(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		c := newCluster(Bugs{})
		_, net := c.props[0].Phase1a()
		for steps := 0; len(net) > 0 && steps < 1000; steps++ {
			i := rng.IntN(len(net))
			o := net[i]
			net = slices.Delete(net, i, i+1)
			if o.To < 2 {
				net = append(net, c.props[o.To].Step(o.Msg)...)
			} else {
				_, more := c.accs[o.To-2].Step(o.Msg)
				net = append(net, more...)
			}
		}
		for _, p := range c.props {
			assert.Equal(t, "x", p.Learned(), "seed %d: learner %d", seed, p.ID())
		}
	}
}
