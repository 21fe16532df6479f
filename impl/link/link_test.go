package link

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRetransmitUntilAckedDeliverOnce(t *testing.T) {
	var s Sender
	var r Receiver
	m1, m2 := s.Send("a"), s.Send("b")
	assert.Equal(t, []Msg{m1, m2}, s.Retransmit())
	p, ok, ack := r.Handle(m2)
	assert.True(t, ok)
	assert.Equal(t, "b", p)
	_, ok, ack2 := r.Handle(m2) // a duplicate or a retransmission
	assert.False(t, ok, "delivered once")
	assert.Equal(t, ack, ack2, "but acknowledged every time")
	s.Handle(ack)
	assert.Equal(t, []Msg{m1}, s.Retransmit(), "only the unacknowledged one is resent")
	buggy := Receiver{NoDedup: true}
	buggy.Handle(m1)
	_, ok, _ = buggy.Handle(m1)
	assert.True(t, ok, "the seeded bug delivers twice")
}
