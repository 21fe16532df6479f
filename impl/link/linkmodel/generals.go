package linkmodel

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
)

// Generals is the two generals' problem (the other half of claim C12): A
// and B must both attack or both hold, over a link that may lose any
// message, using at most K messages. The protocol is the natural
// handshake: m1 from A, each later message acknowledging the one before,
// alternating, and a general attacks when it has received every message
// addressed to it. Whatever K, losing the last message leaves its sender
// attacking and its receiver holding: agreement with certainty is
// impossible with bounded messages (and the last-message argument applies
// to any protocol).
type Generals struct {
	Delivered int  // messages delivered, in order
	Lost      bool // the next message was lost: the exchange is over
}

// GeneralsModel explores every loss pattern of the K-message handshake.
func GeneralsModel(k int) (*checker.Model[Generals], error) {
	if k < 1 || k > 64 {
		return nil, fmt.Errorf("generals: messages = %d, want 1..64", k)
	}
	sender := func(i int) string { // who sends message i (1-based)
		if i%2 == 1 {
			return "A"
		}
		return "B"
	}
	over := func(s Generals) bool { return s.Lost || s.Delivered == k }
	// attacks reports whether g received every message addressed to it.
	attacks := func(s Generals, g string) bool {
		for i := s.Delivered + 1; i <= k; i++ {
			if sender(i) != g {
				return false // a message to g never arrived
			}
		}
		return true
	}
	return &checker.Model[Generals]{
		Name: "generals",
		Init: func(yield func(string, Generals) bool) { yield("Init", Generals{}) },
		Next: func(s Generals, yield func(string, Generals) bool) {
			if over(s) {
				return
			}
			i := s.Delivered + 1
			if !yield(fmt.Sprintf("Deliver m%d from %s", i, sender(i)), Generals{Delivered: i}) {
				return
			}
			yield(fmt.Sprintf("Lose m%d from %s", i, sender(i)), Generals{Delivered: s.Delivered, Lost: true})
		},
		Encode: func(s Generals, e *checker.Encoder) { e.Int(s.Delivered); e.Bool(s.Lost) },
		Format: func(s Generals) string {
			if !over(s) {
				return fmt.Sprintf("%d of %d delivered", s.Delivered, k)
			}
			return fmt.Sprintf("%d of %d delivered, lost=%v: A attacks=%v, B attacks=%v", s.Delivered, k, s.Lost, attacks(s, "A"), attacks(s, "B"))
		},
		Properties: []checker.Property[Generals]{
			{Name: "Agreement", Kind: checker.Always, Holds: func(s Generals) bool {
				return !over(s) || attacks(s, "A") == attacks(s, "B")
			}},
			{Name: "AttackWhenNothingIsLost", Kind: checker.Always, Holds: func(s Generals) bool {
				return !(s.Delivered == k) || (attacks(s, "A") && attacks(s, "B"))
			}},
		},
	}, nil
}
