// Package link is reliable, exactly-once delivery over a link that loses,
// duplicates and reorders messages (claim C12): the sender numbers its
// messages and retransmits every unacknowledged one when its timer fires;
// the receiver delivers each number once and acknowledges every copy.
// Both ends are deterministic state machines driven by their caller.
package link

import (
	"fmt"
	"slices"
)

// Msg is a data message or an acknowledgement.
type Msg struct {
	Ack     bool
	Seq     int
	Payload string // data only
}

func (m Msg) String() string {
	if m.Ack {
		return fmt.Sprintf("Ack{%d}", m.Seq)
	}
	return fmt.Sprintf("Data{%d %s}", m.Seq, m.Payload)
}

// Sender numbers and retransmits.
type Sender struct {
	next    int
	unacked []Msg // sorted by Seq
}

// Clone copies the sender.
func (s *Sender) Clone() *Sender { c := *s; c.unacked = slices.Clone(s.unacked); return &c }

// Send queues payload and returns its first transmission.
func (s *Sender) Send(payload string) Msg {
	m := Msg{Seq: s.next, Payload: payload}
	s.next++
	s.unacked = append(s.unacked, m)
	return m
}

// Retransmit returns every message not yet acknowledged (the timer fired).
func (s *Sender) Retransmit() []Msg { return slices.Clone(s.unacked) }

// Unacked is the number of messages awaiting acknowledgement.
func (s *Sender) Unacked() []Msg { return s.unacked }

// Sent is how many messages were sent.
func (s *Sender) Sent() int { return s.next }

// Handle processes an acknowledgement.
func (s *Sender) Handle(m Msg) {
	s.unacked = slices.DeleteFunc(s.unacked, func(u Msg) bool { return u.Seq == m.Seq })
}

// Receiver delivers each sequence number once.
type Receiver struct {
	seen    []int // sequence numbers delivered, sorted
	NoDedup bool  // seeded bug: deliver every copy
}

// Clone copies the receiver.
func (r *Receiver) Clone() *Receiver { c := *r; c.seen = slices.Clone(r.seen); return &c }

// Handle processes a data message: it returns the payload to deliver (ok
// false for a duplicate) and the acknowledgement to send back.
func (r *Receiver) Handle(m Msg) (payload string, ok bool, ack Msg) {
	ack = Msg{Ack: true, Seq: m.Seq}
	i, dup := slices.BinarySearch(r.seen, m.Seq)
	if dup && !r.NoDedup {
		return "", false, ack
	}
	if !dup {
		r.seen = slices.Insert(r.seen, i, m.Seq)
	}
	return m.Payload, true, ack
}
