package detector

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSuspectFailRevise(t *testing.T) {
	m := &Monitor{Timeout: 2, MaxTimeout: 8, FailAfter: 2}
	m.Tick()
	m.Tick()
	assert.False(t, m.Suspected())
	m.Tick()
	assert.True(t, m.Suspected())
	for i := 0; i < 6; i++ {
		m.Tick()
	}
	assert.True(t, m.Failed())
	m.Heartbeat()
	assert.False(t, m.Suspected(), "a late heartbeat revises the verdict")
	assert.Equal(t, 4, m.Timeout, "and the timeout doubles")

	seed := &Monitor{Timeout: 1, MaxTimeout: 8, FailAfter: 1, NeverRevise: true}
	for i := 0; i < 4; i++ {
		seed.Tick()
	}
	seed.Heartbeat()
	assert.True(t, seed.Failed(), "the seed's detector never revises")
}
