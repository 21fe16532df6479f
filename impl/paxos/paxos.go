package paxos

import (
	"fmt"
	"slices"
)

// NoBallot is "no ballot yet" (promises and accepted ballots start here).
const NoBallot = -1

// MsgType is a Paxos message type.
type MsgType uint8

const (
	Msg1a MsgType = iota // prepare
	Msg1b                // promise, reporting the last accepted proposal
	Msg2a                // accept request
	Msg2b                // accepted
)

func (t MsgType) String() string { return [...]string{"1a", "1b", "2a", "2b"}[t] }

// Message is a Paxos message; fields a type does not use are zero.
type Message struct {
	Type    MsgType
	From    int // node index of the sender
	Bal     int
	MaxVBal int    // 1b: ballot of the last accepted proposal, or NoBallot
	MaxVal  string // 1b: its value; 2a, 2b: the value
	Val     string
}

func (m Message) String() string {
	switch m.Type {
	case Msg1a:
		return fmt.Sprintf("1a{bal:%d}", m.Bal)
	case Msg1b:
		if m.MaxVBal == NoBallot {
			return fmt.Sprintf("1b{bal:%d none}", m.Bal)
		}
		return fmt.Sprintf("1b{bal:%d accepted:%d/%s}", m.Bal, m.MaxVBal, m.MaxVal)
	case Msg2a:
		return fmt.Sprintf("2a{bal:%d val:%s}", m.Bal, m.Val)
	default:
		return fmt.Sprintf("2b{bal:%d val:%s}", m.Bal, m.Val)
	}
}

// Out is a message to one node.
type Out struct {
	To  int
	Msg Message
}

// Bugs are seeded mistakes; the zero value is correct Paxos.
type Bugs struct {
	// AcceptorHidesValue: a promise does not report the acceptor's
	// accepted proposal, so a new ballot can choose a different value.
	AcceptorHidesValue bool
	// ProposerIgnoresReports: a proposer proposes its own value even when
	// a promise reports an accepted one.
	ProposerIgnoresReports bool
	// AcceptLowerBallot: an acceptor accepts a ballot lower than it promised.
	AcceptLowerBallot bool
	// VolatileAcceptor: an acceptor's promise and accepted proposal are
	// not durable, so a restart forgets them.
	VolatileAcceptor bool
	// HalfQuorum: a quorum is half the acceptors (n/2) instead of a
	// majority, so with an even n two quorums need not intersect (claim C3
	// at n = 2f with Q = f).
	HalfQuorum bool
}

// Config places a node in a cluster. Nodes 0..Proposers-1 are proposers
// (and learners); the next Acceptors nodes are acceptors.
type Config struct {
	ID        int
	Proposers int
	Acceptors int
	Bugs      Bugs
}

func (c Config) acceptors() []int {
	out := make([]int, c.Acceptors)
	for k := range out {
		out[k] = c.Proposers + k
	}
	return out
}

func (c Config) proposers() []int {
	out := make([]int, c.Proposers)
	for k := range out {
		out[k] = k
	}
	return out
}

func (c Config) quorum() int {
	if c.Bugs.HalfQuorum {
		return max(c.Acceptors/2, 1)
	}
	return c.Acceptors/2 + 1
}

// IsAcceptor reports whether the node is an acceptor.
func (c Config) IsAcceptor() bool { return c.ID >= c.Proposers }

// Durable is what a node keeps across a crash.
type Durable struct {
	// Acceptor.
	MaxBal  int    // highest ballot promised
	MaxVBal int    // ballot of the last accepted proposal
	MaxVal  string // its value
	// Proposer.
	Ballot int // highest ballot this proposer has started
}

// Fresh is the durable state of a node that never ran.
func Fresh() Durable { return Durable{MaxBal: NoBallot, MaxVBal: NoBallot, Ballot: NoBallot} }

// Acceptor is an acceptor; all its state is durable.
type Acceptor struct {
	cfg Config
	d   Durable
}

// Proposer is a proposer and learner.
type Proposer struct {
	cfg   Config
	value string // the value this proposer wants chosen
	bal   int    // highest ballot started (durable), NoBallot before the first
	// Volatile. active: a round in ballot bal is under way in this
	// incarnation (a restarted proposer never resumes a round, since it
	// cannot know whether it already sent a 2a for it).
	active   bool
	promises []Message // 1b messages for bal, one per acceptor, by sender
	sent2a   bool
	// Learner: the 2b messages seen (deduplicated, sorted) and the value learned.
	votes   []Message
	learned string
}

// NewAcceptor starts (or restarts) an acceptor from durable state.
func NewAcceptor(cfg Config, d Durable) *Acceptor {
	if cfg.Bugs.VolatileAcceptor {
		d.MaxBal, d.MaxVBal, d.MaxVal = NoBallot, NoBallot, "" // the seeded bug: nothing was on disk
	}
	return &Acceptor{cfg: cfg, d: d}
}

// NewProposer starts (or restarts) a proposer that wants value chosen.
func NewProposer(cfg Config, value string, d Durable) *Proposer {
	return &Proposer{cfg: cfg, value: value, bal: d.Ballot}
}

// Durable returns the acceptor's durable state.
func (a *Acceptor) Durable() Durable { return a.d }

// Clone copies the acceptor.
func (a *Acceptor) Clone() *Acceptor { c := *a; return &c }

// Promised, Accepted report the acceptor's state.
func (a *Acceptor) Promised() int           { return a.d.MaxBal }
func (a *Acceptor) Accepted() (int, string) { return a.d.MaxVBal, a.d.MaxVal }

// Step handles a 1a or 2a message. It returns the durable state to persist
// (nil if unchanged) before sending out.
func (a *Acceptor) Step(m Message) (*Durable, []Out) {
	before := a.d
	var out []Out
	switch m.Type {
	case Msg1a:
		out = a.Phase1b(m)
	case Msg2a:
		out = a.Phase2b(m)
	}
	if a.d == before {
		return nil, out
	}
	d := a.d
	return &d, out
}

// Phase1b is Paxos.tla's Phase1b: promise a ballot higher than any promised,
// reporting the last accepted proposal.
func (a *Acceptor) Phase1b(m Message) []Out {
	if m.Bal <= a.d.MaxBal {
		return nil
	}
	a.d.MaxBal = m.Bal
	r := Message{Type: Msg1b, From: a.cfg.ID, Bal: m.Bal, MaxVBal: a.d.MaxVBal, MaxVal: a.d.MaxVal}
	if a.cfg.Bugs.AcceptorHidesValue {
		r.MaxVBal, r.MaxVal = NoBallot, ""
	}
	return []Out{{To: m.From, Msg: r}}
}

// Phase2b is Paxos.tla's Phase2b: accept a proposal unless a higher ballot
// was promised, and tell the learners.
func (a *Acceptor) Phase2b(m Message) []Out {
	if m.Bal < a.d.MaxBal && !a.cfg.Bugs.AcceptLowerBallot {
		return nil
	}
	a.d.MaxBal = max(a.d.MaxBal, m.Bal)
	a.d.MaxVBal, a.d.MaxVal = m.Bal, m.Val
	var out []Out
	for _, p := range a.cfg.proposers() {
		out = append(out, Out{To: p, Msg: Message{Type: Msg2b, From: a.cfg.ID, Bal: m.Bal, Val: m.Val}})
	}
	return out
}

// Clone copies the proposer.
func (p *Proposer) Clone() *Proposer {
	c := *p
	c.promises = slices.Clone(p.promises)
	c.votes = slices.Clone(p.votes)
	return &c
}

// Durable returns the proposer's durable state.
func (p *Proposer) Durable() Durable { d := Fresh(); d.Ballot = p.bal; return d }

// Ballot is the highest ballot started; NextBallot the one a new round would use.
func (p *Proposer) Ballot() int { return p.bal }
func (p *Proposer) NextBallot() int {
	if p.bal == NoBallot {
		return p.cfg.ID
	}
	return p.bal + p.cfg.Proposers
}

// Learned is the value this learner knows chosen, or "".
func (p *Proposer) Learned() string { return p.learned }

// Value is the value this proposer wants chosen.
func (p *Proposer) Value() string { return p.value }

// Round reports the state of the current round: whether one is under way,
// the acceptors that promised, and whether the 2a was sent.
func (p *Proposer) Round() (active bool, promised []int, sent2a bool) {
	for _, m := range p.promises {
		promised = append(promised, m.From)
	}
	return p.active, promised, p.sent2a
}

// Promises lists the 1b messages of the current round, one per acceptor,
// by sender: what the acceptors reported decides the value of the 2a.
func (p *Proposer) Promises() []Message { return p.promises }

// Votes lists the 2b messages this learner has seen, sorted.
func (p *Proposer) Votes() []Message { return p.votes }

// Phase1a is Paxos.tla's Phase1a: start a round in the next ballot (on a
// timeout: the previous round made no progress). The new ballot must be
// persisted before the 1a messages are sent.
func (p *Proposer) Phase1a() (*Durable, []Out) {
	p.bal = p.NextBallot()
	p.active, p.promises, p.sent2a = true, nil, false
	var out []Out
	for _, a := range p.cfg.acceptors() {
		out = append(out, Out{To: a, Msg: Message{Type: Msg1a, From: p.cfg.ID, Bal: p.bal}})
	}
	d := p.Durable()
	return &d, out
}

// Step handles a 1b (as proposer) or a 2b (as learner).
func (p *Proposer) Step(m Message) []Out {
	switch m.Type {
	case Msg1b:
		if !p.active || m.Bal != p.bal || p.sent2a {
			return nil
		}
		for _, q := range p.promises {
			if q.From == m.From {
				return nil
			}
		}
		p.promises = append(p.promises, m)
		slices.SortFunc(p.promises, func(a, b Message) int { return a.From - b.From })
		if len(p.promises) >= p.cfg.quorum() {
			return p.Phase2a()
		}
	case Msg2b:
		p.learn(m)
	}
	return nil
}

// Phase2a is Paxos.tla's Phase2a: with promises from a quorum, propose the
// value of the highest-ballot proposal they report, or this proposer's own
// value if they report none.
func (p *Proposer) Phase2a() []Out {
	v, best := p.value, NoBallot
	if !p.cfg.Bugs.ProposerIgnoresReports {
		for _, m := range p.promises {
			if m.MaxVBal > best {
				v, best = m.MaxVal, m.MaxVBal
			}
		}
	}
	p.sent2a = true
	var out []Out
	for _, a := range p.cfg.acceptors() {
		out = append(out, Out{To: a, Msg: Message{Type: Msg2a, From: p.cfg.ID, Bal: p.bal, Val: v}})
	}
	return out
}

// learn records a 2b; a quorum of acceptors accepting one ballot decides.
func (p *Proposer) learn(m Message) {
	i, found := slices.BinarySearchFunc(p.votes, m, cmpVote)
	if found {
		return
	}
	p.votes = slices.Insert(p.votes, i, m)
	n := 0
	for _, v := range p.votes {
		if v.Bal == m.Bal {
			n++
		}
	}
	if n >= p.cfg.quorum() && p.learned == "" {
		p.learned = m.Val
	}
}

func cmpVote(a, b Message) int {
	if a.Bal != b.Bal {
		return a.Bal - b.Bal
	}
	return a.From - b.From
}

// ID is the node's index.
func (p *Proposer) ID() int { return p.cfg.ID }

// ID is the node's index.
func (a *Acceptor) ID() int { return a.cfg.ID }

// Quorum is the number of acceptors that make a quorum.
func (p *Proposer) Quorum() int { return p.cfg.quorum() }
