package paxos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRenamedPermutesAcceptorsOnly: a proposer's promises and votes are
// renamed and kept sorted; a renaming that moves a proposer is refused.
func TestRenamedPermutesAcceptorsOnly(t *testing.T) {
	cfg := func(id int) Config { return Config{ID: id, Proposers: 1, Acceptors: 3} }
	p := NewProposer(cfg(0), "v1", Fresh())
	_, out := p.Phase1a()
	for _, o := range out[:2] { // acceptors n2 and n3 promise
		_, r := NewAcceptor(cfg(o.To), Fresh()).Step(o.Msg)
		require.Len(t, r, 1)
		p.Step(r[0].Msg)
	}
	_, promised, _ := p.Round()
	require.Equal(t, []int{1, 2}, promised)
	swap := func(id int) int { return []int{0, 3, 2, 1}[id] } // n2 <-> n4
	_, renamed, _ := p.Renamed(swap).Round()
	assert.Equal(t, []int{2, 3}, renamed, "renamed and sorted")
	_, promised, _ = p.Round()
	assert.Equal(t, []int{1, 2}, promised, "the original is untouched")
	assert.Equal(t, 3, NewAcceptor(cfg(1), Fresh()).Renamed(swap).ID())
	assert.Panics(t, func() { p.Renamed(func(id int) int { return 1 - min(id, 1) }) })
}
