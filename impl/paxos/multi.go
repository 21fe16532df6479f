package paxos

import (
	"errors"
	"fmt"
	"slices"
)

// Multi-Paxos: a replicated log. Every replica is an acceptor and a
// learner; a replica whose election timer fires runs phase 1 once for all
// slots from its first unchosen one, and while it leads runs only phase 2,
// one round per slot. A new leader re-proposes the values that promises
// report for slots it has not seen chosen and fills gaps with no-ops, so a
// value chosen under an old leader is never replaced (Paxos Made Simple §3).

// Noop fills a log slot that no command reached.
const Noop = "<noop>"

// MultiMsgType is a Multi-Paxos message type.
type MultiMsgType uint8

const (
	MPrepare  MultiMsgType = iota // phase 1a for all slots >= From
	MPromise                      // phase 1b with the accepted proposals of those slots
	MAccept                       // phase 2a for one slot
	MAccepted                     // phase 2b, to every learner
	MNack                         // a higher ballot was promised
)

func (t MultiMsgType) String() string {
	return [...]string{"Prepare", "Promise", "Accept", "Accepted", "Nack"}[t]
}

// Slotted is an accepted proposal for a slot.
type Slotted struct {
	Slot int
	Bal  int
	Val  string
}

// MultiMessage is a Multi-Paxos message.
type MultiMessage struct {
	Type     MultiMsgType
	From, To int
	Bal      int
	Slot     int       // Prepare: first slot; Accept, Accepted: the slot
	Val      string    // Accept, Accepted
	Accepted []Slotted // Promise: proposals accepted at slots >= the prepare's slot
}

func (m MultiMessage) String() string {
	switch m.Type {
	case MPrepare:
		return fmt.Sprintf("Prepare{bal:%d from:%d}", m.Bal, m.Slot)
	case MPromise:
		return fmt.Sprintf("Promise{bal:%d from:%d accepted:%v}", m.Bal, m.Slot, m.Accepted)
	case MAccept, MAccepted:
		return fmt.Sprintf("%v{bal:%d slot:%d val:%s}", m.Type, m.Bal, m.Slot, m.Val)
	default:
		return fmt.Sprintf("Nack{bal:%d}", m.Bal)
	}
}

// MultiDurable is what a replica keeps across a crash.
type MultiDurable struct {
	Promised int       // highest ballot promised
	Accepted []Slotted // the last proposal accepted per slot, sorted by slot
	Ballot   int       // highest ballot this replica started as leader
}

// MultiReady is the output of a step.
type MultiReady struct {
	Persist  *MultiDurable // to write before sending
	Messages []MultiMessage
	Applied  []string // commands newly chosen, in slot order, to apply
}

// ErrNotLeading is returned by Propose on a replica that is not leading.
var ErrNotLeading = errors.New("paxos: not the leader")

// MultiBugs are seeded mistakes in Multi-Paxos; the zero value is correct.
type MultiBugs struct {
	// LeaderIgnoresReports: a new leader fills every slot it has not seen
	// chosen with a no-op instead of re-proposing reported values.
	LeaderIgnoresReports bool
}

// Replica is a Multi-Paxos replica.
type Replica struct {
	id, n int
	bugs  MultiBugs
	d     MultiDurable
	// Leader state (volatile): leading once a quorum promised d.Ballot.
	preparing bool
	leading   bool
	promises  []MultiMessage // for d.Ballot, by sender
	next      int            // next free slot while leading
	// Learner state (volatile): Accepted messages seen and values chosen.
	votes  []MultiMessage // sorted by (slot, bal, from)
	chosen []string       // chosen[s] for s < len, "" if unknown
	// conflict records that two values were chosen for one slot (safety
	// broken); chosen then shows both, joined by "|".
	conflict bool
	applied  int // commands applied: a prefix of chosen
}

// NewReplica starts (or restarts) replica id of n from durable state.
func NewReplica(id, n int, d MultiDurable, bugs MultiBugs) *Replica {
	d.Accepted = slices.Clone(d.Accepted)
	return &Replica{id: id, n: n, d: d, bugs: bugs}
}

// FreshMulti is the durable state of a replica that never ran.
func FreshMulti() MultiDurable { return MultiDurable{Promised: NoBallot, Ballot: NoBallot} }

// Clone copies the replica.
func (r *Replica) Clone() *Replica {
	c := *r
	c.d.Accepted = slices.Clone(r.d.Accepted)
	c.promises = slices.Clone(r.promises)
	c.votes = slices.Clone(r.votes)
	c.chosen = slices.Clone(r.chosen)
	return &c
}

// Accessors.
func (r *Replica) ID() int                  { return r.id }
func (r *Replica) Leading() bool            { return r.leading }
func (r *Replica) Preparing() bool          { return r.preparing }
func (r *Replica) Durable() MultiDurable    { d := r.d; d.Accepted = slices.Clone(d.Accepted); return d }
func (r *Replica) Chosen() []string         { return r.chosen }
func (r *Replica) AppliedCount() int        { return r.applied }
func (r *Replica) Votes() []MultiMessage    { return r.votes }
func (r *Replica) Promises() []MultiMessage { return r.promises }
func (r *Replica) NextSlot() int            { return r.next }

func (r *Replica) quorum() int { return r.n/2 + 1 }

// firstUnchosen is the lowest slot this replica has not seen chosen.
func (r *Replica) firstUnchosen() int {
	for s, v := range r.chosen {
		if v == "" {
			return s
		}
	}
	return len(r.chosen)
}

func (r *Replica) broadcast(rd *MultiReady, m MultiMessage) {
	m.From = r.id
	for to := 0; to < r.n; to++ {
		m.To = to
		rd.Messages = append(rd.Messages, m)
	}
}

func (r *Replica) send(rd *MultiReady, to int, m MultiMessage) {
	m.From, m.To = r.id, to
	rd.Messages = append(rd.Messages, m)
}

func (r *Replica) finish(rd *MultiReady, before MultiDurable) MultiReady {
	if before.Promised != r.d.Promised || before.Ballot != r.d.Ballot || !slices.Equal(before.Accepted, r.d.Accepted) {
		d := r.Durable()
		rd.Persist = &d
	}
	for r.applied < len(r.chosen) && r.chosen[r.applied] != "" {
		rd.Applied = append(rd.Applied, r.chosen[r.applied])
		r.applied++
	}
	return *rd
}

// Campaign starts phase 1 in this replica's next ballot (ballots are
// round*n+id, so no two replicas share one).
func (r *Replica) Campaign() MultiReady {
	before := r.Durable()
	var rd MultiReady
	if r.d.Ballot == NoBallot {
		r.d.Ballot = r.id
	} else {
		r.d.Ballot += r.n
	}
	r.preparing, r.leading, r.promises = true, false, nil
	r.broadcast(&rd, MultiMessage{Type: MPrepare, Bal: r.d.Ballot, Slot: r.firstUnchosen()})
	return r.finish(&rd, before)
}

// NextBallot is the ballot Campaign would use.
func (r *Replica) NextBallot() int {
	if r.d.Ballot == NoBallot {
		return r.id
	}
	return r.d.Ballot + r.n
}

// Propose appends a command at the next free slot (leader only).
func (r *Replica) Propose(cmd string) (MultiReady, error) {
	if !r.leading {
		return MultiReady{}, ErrNotLeading
	}
	before := r.Durable()
	var rd MultiReady
	r.broadcast(&rd, MultiMessage{Type: MAccept, Bal: r.d.Ballot, Slot: r.next, Val: cmd})
	r.next++
	return r.finish(&rd, before), nil
}

// Step handles a message.
func (r *Replica) Step(m MultiMessage) MultiReady {
	before := r.Durable()
	var rd MultiReady
	switch m.Type {
	case MPrepare:
		if m.Bal <= r.d.Promised {
			r.send(&rd, m.From, MultiMessage{Type: MNack, Bal: r.d.Promised})
			break
		}
		r.d.Promised = m.Bal
		r.stepDownBelow(m.Bal)
		var acc []Slotted
		for _, a := range r.d.Accepted {
			if a.Slot >= m.Slot {
				acc = append(acc, a)
			}
		}
		r.send(&rd, m.From, MultiMessage{Type: MPromise, Bal: m.Bal, Slot: m.Slot, Accepted: acc})
	case MPromise:
		r.onPromise(&rd, m)
	case MAccept:
		if m.Bal < r.d.Promised {
			r.send(&rd, m.From, MultiMessage{Type: MNack, Bal: r.d.Promised})
			break
		}
		r.d.Promised = m.Bal
		r.stepDownBelow(m.Bal)
		i, found := slices.BinarySearchFunc(r.d.Accepted, m.Slot, func(a Slotted, s int) int { return a.Slot - s })
		p := Slotted{Slot: m.Slot, Bal: m.Bal, Val: m.Val}
		if found {
			r.d.Accepted[i] = p
		} else {
			r.d.Accepted = slices.Insert(r.d.Accepted, i, p)
		}
		r.broadcast(&rd, MultiMessage{Type: MAccepted, Bal: m.Bal, Slot: m.Slot, Val: m.Val})
	case MAccepted:
		r.learn(m)
	case MNack:
		if m.Bal > r.d.Ballot {
			r.preparing, r.leading = false, false
		}
	}
	return r.finish(&rd, before)
}

// stepDownBelow ends this replica's leadership when it promises a higher ballot.
func (r *Replica) stepDownBelow(b int) {
	if b > r.d.Ballot {
		r.preparing, r.leading = false, false
	}
}

func (r *Replica) onPromise(rd *MultiReady, m MultiMessage) {
	if !r.preparing || m.Bal != r.d.Ballot {
		return
	}
	for _, p := range r.promises {
		if p.From == m.From {
			return
		}
	}
	r.promises = append(r.promises, m)
	slices.SortFunc(r.promises, func(a, b MultiMessage) int { return a.From - b.From })
	if len(r.promises) < r.quorum() {
		return
	}
	// Phase 2 for every slot a promise reports: the highest-ballot value
	// reported for it, and no-ops for the gaps below the highest slot.
	r.preparing, r.leading = false, true
	from := r.promises[0].Slot
	best := map[int]Slotted{} // lookups only; slots are visited in order below
	top := from - 1
	for _, p := range r.promises {
		from = min(from, p.Slot)
		for _, a := range p.Accepted {
			if b, ok := best[a.Slot]; !ok || a.Bal > b.Bal {
				best[a.Slot] = a
			}
			top = max(top, a.Slot)
		}
	}
	for s := from; s <= top; s++ {
		v := Noop
		if a, ok := best[s]; ok && !r.bugs.LeaderIgnoresReports {
			v = a.Val
		}
		r.broadcast(rd, MultiMessage{Type: MAccept, Bal: r.d.Ballot, Slot: s, Val: v})
	}
	r.next = max(top+1, r.firstUnchosen())
}

// learn records an Accepted; a quorum of one ballot at a slot chooses its value.
func (r *Replica) learn(m MultiMessage) {
	m.To = 0 // a vote is identified by slot, ballot and sender
	i, found := slices.BinarySearchFunc(r.votes, m, cmpMultiVote)
	if found {
		return
	}
	r.votes = slices.Insert(r.votes, i, m)
	n := 0
	for _, v := range r.votes {
		if v.Slot == m.Slot && v.Bal == m.Bal {
			n++
		}
	}
	if n < r.quorum() {
		return
	}
	for len(r.chosen) <= m.Slot {
		r.chosen = append(r.chosen, "")
	}
	if r.chosen[m.Slot] == "" {
		r.chosen[m.Slot] = m.Val
	} else if r.chosen[m.Slot] != m.Val {
		// Two values chosen for one slot: safety is broken. Record the
		// later one visibly rather than hide it; the checker reports it.
		r.chosen[m.Slot] = r.chosen[m.Slot] + "|" + m.Val
		r.conflict = true
	}
}

// ChosenAgree reports whether the replicas' learners agree: none saw two
// values chosen for a slot, and no two learned different values for one.
func ChosenAgree(rs []*Replica) bool {
	for i, a := range rs {
		if a.conflict {
			return false
		}
		for _, b := range rs[i+1:] {
			ca, cb := a.chosen, b.chosen
			for k := 0; k < min(len(ca), len(cb)); k++ {
				if ca[k] != "" && cb[k] != "" && ca[k] != cb[k] {
					return false
				}
			}
		}
	}
	return true
}

func cmpMultiVote(a, b MultiMessage) int {
	if a.Slot != b.Slot {
		return a.Slot - b.Slot
	}
	if a.Bal != b.Bal {
		return a.Bal - b.Bal
	}
	return a.From - b.From
}
