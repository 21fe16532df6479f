package chord

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// net is a test environment: the live nodes by identifier.
type net map[ID]*Node

func (n net) Alive(id ID) bool { _, ok := n[id]; return ok }

func (n net) Query(id ID) (Peer, bool) {
	x, ok := n[id]
	if !ok {
		return Peer{}, false
	}
	return x.Peer(), true
}

func config(t *testing.T, bits uint, r int, p Protocol) Config {
	s, err := NewSpace(bits)
	require.NoError(t, err)
	return Config{Space: s, R: r, Protocol: p}
}

func ring(t *testing.T, cfg Config, ids ...ID) net {
	nodes, err := NewRing(cfg, ids)
	require.NoError(t, err)
	out := net{}
	for _, n := range nodes {
		out[n.ID()] = n
	}
	return out
}

func TestNewRingIsIdeal(t *testing.T) {
	cfg := config(t, 4, 2, Corrected)
	nw := ring(t, cfg, 9, 1, 5, 13)
	assert.Equal(t, []ID{13, 1}, nw[9].Successors())
	assert.Equal(t, []ID{1, 5}, nw[13].Successors(), "the list wraps past 0")
	p, ok := nw[1].Pred()
	assert.True(t, ok)
	assert.Equal(t, ID(13), p)
	for i, want := range []ID{5, 5, 5, 9} { // fingers of 1 start at 2, 3, 5, 9
		f, ok := nw[1].Finger(i)
		require.True(t, ok)
		assert.Equal(t, want, f, "finger %d", i)
	}
	lone := ring(t, cfg, 3)
	assert.Equal(t, []ID{3}, lone[3].Successors(), "a lone node is its own successor")
	_, ok = lone[3].Pred()
	assert.False(t, ok)

	_, err := NewRing(cfg, nil)
	assert.ErrorContains(t, err, "at least one node")
	_, err = NewRing(cfg, []ID{1, 16})
	assert.ErrorContains(t, err, "identifier 16 is not a 4-bit identifier")
	_, err = NewRing(cfg, []ID{1, 2, 1})
	assert.ErrorContains(t, err, "identifier 1 given twice")
	_, err = NewRing(Config{Space: cfg.Space, R: 0}, []ID{1})
	assert.ErrorContains(t, err, "successor-list length 0")
}

func TestJoinPlacesTheNode(t *testing.T) {
	for _, p := range []Protocol{Original, Corrected} {
		cfg := config(t, 4, 2, p)
		nw := ring(t, cfg, 1, 5, 9)
		_, err := Join(cfg, 7, nw[1].Peer())
		assert.ErrorContains(t, err, "7 does not lie between 1 and its successor 5", p)
		n, err := Join(cfg, 3, nw[1].Peer())
		require.NoError(t, err)
		pred, has := n.Pred()
		if p == Original {
			assert.Equal(t, []ID{5}, n.Successors(), "original: the first successor only")
			assert.False(t, has, "original: no predecessor")
		} else {
			assert.Equal(t, []ID{5, 9}, n.Successors(), "corrected: the whole list")
			assert.Equal(t, ID(1), pred)
		}
	}
}

// TestOriginalStabilizeAdoptsDeadNode is Zave's first bug: the original
// adopts its successor's predecessor without checking it is live.
func TestOriginalStabilizeAdoptsDeadNode(t *testing.T) {
	cfg := config(t, 4, 2, Original)
	nw := ring(t, cfg, 1, 9, 13)
	j, err := Join(cfg, 5, nw[1].Peer())
	require.NoError(t, err)
	nw[5] = j
	nw[9].Notified(5, nw) // 5 notifies 9: 5 ∈ (1, 9)
	p, _ := nw[9].Pred()
	require.Equal(t, ID(5), p)
	delete(nw, 5) // 5 fails
	out, ok := nw[1].Stabilize(nw)
	require.True(t, ok)
	assert.Equal(t, []ID{5, 13}, nw[1].Successors(), "dead 5 replaces 9, the rest of the list untouched")
	assert.Equal(t, []Notice{{To: 5, From: 1}}, out)

	changed, err := nw[1].Update(nw)
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, []ID{13}, nw[1].Successors(), "Update dropped the dead entry: live 9 is skipped")
	changed, err = nw[9].Flush(nw)
	require.NoError(t, err)
	assert.True(t, changed)
	_, has := nw[9].Pred()
	assert.False(t, has)
	changed, err = nw[1].Reconcile(nw)
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, []ID{13, 1}, nw[1].Successors(), "13's list after 13")
}

// TestCorrectedStabilizeQueriesBeforeAdopting: the better successor is
// adopted only in the second step, after it answered.
func TestCorrectedStabilizeQueriesBeforeAdopting(t *testing.T) {
	cfg := config(t, 4, 2, Corrected)
	nw := ring(t, cfg, 1, 9, 13)
	j, err := Join(cfg, 5, nw[1].Peer())
	require.NoError(t, err)
	nw[5] = j
	nw[9].Notified(5, nw)

	out, ok := nw[1].Stabilize(nw)
	require.True(t, ok)
	assert.Empty(t, out, "first step: nothing sent yet")
	st, mid := nw[1].Stabilizing()
	require.True(t, mid)
	assert.Equal(t, ID(5), st)
	out, ok = nw[1].Stabilize(nw)
	require.True(t, ok)
	assert.Equal(t, []Notice{{To: 5, From: 1}}, out)
	assert.Equal(t, []ID{5, 9}, nw[1].Successors())

	// The same with 5 dead between the two steps: 1 keeps 9.
	nw2 := ring(t, cfg, 1, 9, 13)
	j, err = Join(cfg, 5, nw2[1].Peer())
	require.NoError(t, err)
	nw2[5] = j
	nw2[9].Notified(5, nw2)
	_, ok = nw2[1].Stabilize(nw2)
	require.True(t, ok)
	delete(nw2, 5)
	out, ok = nw2[1].Stabilize(nw2)
	require.True(t, ok)
	assert.Equal(t, []Notice{{To: 9, From: 1}}, out)
	assert.Equal(t, []ID{9, 13}, nw2[1].Successors())

	// Rectify: a dead predecessor is replaced even by a farther node.
	assert.True(t, nw2[9].Notified(1, nw2), "9's predecessor 5 is dead: 1 replaces it")
	p, _ := nw2[9].Pred()
	assert.Equal(t, ID(1), p)

	_, err = nw2[1].Update(nw2)
	assert.ErrorContains(t, err, "Update is an operation of the original protocol")
	_, err = nw2[1].Reconcile(nw2)
	assert.ErrorContains(t, err, "Reconcile is an operation of the original protocol")
	_, err = nw2[1].Flush(nw2)
	assert.ErrorContains(t, err, "Flush is an operation of the original protocol")
}

func TestCorrectedStabilizeDropsDeadSuccessor(t *testing.T) {
	cfg := config(t, 4, 2, Corrected)
	nw := ring(t, cfg, 1, 5, 9)
	delete(nw, 5)
	out, ok := nw[1].Stabilize(nw)
	require.True(t, ok)
	assert.Equal(t, []ID{9}, nw[1].Successors())
	assert.Equal(t, []Notice{{To: 9, From: 1}}, out)
	delete(nw, 9)
	_, ok = nw[1].Stabilize(nw)
	assert.False(t, ok, "the last entry is never dropped")
}

func TestCloneIsIndependent(t *testing.T) {
	cfg := config(t, 4, 2, Original)
	nw := ring(t, cfg, 1, 9)
	j, err := Join(cfg, 5, nw[1].Peer())
	require.NoError(t, err)
	nw[5] = j
	nw[9].Notified(5, nw)
	before := nw[1].Clone()
	peer := nw[1].Peer()
	_, ok := nw[1].Stabilize(nw)
	require.True(t, ok)
	assert.Equal(t, []ID{9}, before.Successors(), "the clone kept its list")
	assert.Equal(t, []ID{9}, peer.Succ, "an earlier query's answer is unchanged")
	assert.Equal(t, []ID{5}, nw[1].Successors())
}

func TestFixFingersRoundRobin(t *testing.T) {
	cfg := config(t, 3, 1, Corrected)
	n, err := Join(cfg, 2, Peer{ID: 0, Succ: []ID{4}})
	require.NoError(t, err)
	for i, want := range []ID{3, 4, 6, 3} {
		f, start := n.NextFinger()
		assert.Equal(t, i%3, f)
		assert.Equal(t, want, start)
	}
	require.NoError(t, n.SetFinger(2, 6))
	f, ok := n.Finger(2)
	assert.True(t, ok)
	assert.Equal(t, ID(6), f)
	_, ok = n.Finger(1)
	assert.False(t, ok)
	assert.ErrorContains(t, n.SetFinger(3, 0), "finger 3 out of range 0..2")
}
