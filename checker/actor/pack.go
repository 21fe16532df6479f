package actor

import (
	"encoding/binary"
	"fmt"

	"github.com/distcheck/distcheck/checker"
)

// The actor layer packs a System for the checker's frontier (see
// checker.Model.Pack) by reference: a node is the index of its encoding in
// a table of the distinct nodes met so far, a message the index of its
// interned Message. A packed system of three Raft servers and a few
// messages in flight takes a few dozen bytes, where the System itself
// holds several slices. The tables only grow; a node in them is shared by
// every state that holds it, which the Protocol's rule (a node a state
// holds is never changed) makes safe.
//
// Packing is opt-in (Protocol.ShareNodes): it relies on a node's encoding
// determining its future. Nodes kept with their event lineage
// (Protocol.Clone nil) are never packed: their identity is their history,
// not their encoding.

// nodeTable interns nodes by their position and canonical encoding: a
// protocol's Encode may leave out the node's own id, which its position
// in the system already says.
type nodeTable[N any] struct {
	byEnc map[string]uint32 // lookups only, never iterated
	nodes []N
}

// nodeID returns the index of node i in the table, adding it if new.
func (b *builder[N, M]) nodeID(i int, n N, e *checker.Encoder) uint32 {
	e.Reset()
	e.Int(i)
	b.p.Encode(n, e)
	b.mu.RLock()
	id, ok := b.tab.byEnc[string(e.Bytes())]
	b.mu.RUnlock()
	if ok {
		return id
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if id, ok := b.tab.byEnc[string(e.Bytes())]; ok {
		return id
	}
	id = uint32(len(b.tab.nodes))
	b.tab.byEnc[string(e.Bytes())] = id
	b.tab.nodes = append(b.tab.nodes, n)
	return id
}

func (b *builder[N, M]) pack(s System[N, M], buf []byte) []byte {
	var e checker.Encoder
	for i, n := range s.Nodes {
		buf = binary.AppendUvarint(buf, uint64(b.nodeID(i, n, &e)))
	}
	buf = binary.AppendUvarint(buf, bitset(s.Down))
	buf = packNet(buf, s.Net)
	if b.env.TrackSent {
		buf = packNet(buf, s.Sent)
	}
	for _, v := range [...]int{s.Crashes, s.Drops, s.Dups, s.Partitions, s.Inputs} {
		buf = binary.AppendUvarint(buf, uint64(v))
	}
	if s.Side == nil {
		return append(buf, 0)
	}
	return binary.AppendUvarint(append(buf, 1), bitset(s.Side))
}

func packNet[M any](buf []byte, net []Flight[M]) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(net)))
	for _, f := range net {
		buf = binary.AppendUvarint(buf, uint64(f.id))
		buf = binary.AppendUvarint(buf, uint64(f.Count))
	}
	return buf
}

func bitset(bs []bool) uint64 {
	var x uint64
	for i, v := range bs {
		if v {
			x |= 1 << i
		}
	}
	return x
}

// unpacker reads what pack wrote; bytes from anywhere else are a bug in
// the checker, reported by a panic.
type unpacker struct{ b []byte }

func (u *unpacker) next() uint64 {
	v, n := binary.Uvarint(u.b)
	if n <= 0 {
		panic(fmt.Sprintf("actor: unpacking a system: bad varint (%d bytes left)", len(u.b)))
	}
	u.b = u.b[n:]
	return v
}

func (b *builder[N, M]) unpack(data []byte) System[N, M] {
	u := unpacker{data}
	k := b.p.Nodes
	s := System[N, M]{Nodes: make([]N, k), Down: make([]bool, k)}
	b.mu.RLock()
	defer b.mu.RUnlock()
	for i := range s.Nodes {
		s.Nodes[i] = b.tab.nodes[u.next()]
	}
	unbits(s.Down, u.next())
	s.Net = b.unpackNet(&u)
	if b.env.TrackSent {
		s.Sent = b.unpackNet(&u)
	}
	for _, v := range [...]*int{&s.Crashes, &s.Drops, &s.Dups, &s.Partitions, &s.Inputs} {
		*v = int(u.next())
	}
	if u.next() == 1 {
		s.Side = make([]bool, k)
		unbits(s.Side, u.next())
	}
	if len(u.b) != 0 {
		panic(fmt.Sprintf("actor: unpacking a system: %d bytes left over", len(u.b)))
	}
	return s
}

func (b *builder[N, M]) unpackNet(u *unpacker) []Flight[M] {
	n := int(u.next())
	if n == 0 {
		return nil
	}
	net := make([]Flight[M], n)
	for i := range net {
		net[i] = Flight[M]{Message: b.msgs[u.next()], Count: int(u.next())}
	}
	return net
}

func unbits(bs []bool, x uint64) {
	for i := range bs {
		bs[i] = x&(1<<i) != 0
	}
}
