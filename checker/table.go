package checker

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// Table numbers distinct values, for a model's Pack and Unpack: Pack writes
// a value's ID in place of the value, Unpack reads it back with At. Values
// recur across states (the same message in many networks), so a state
// packs to a few bytes per value. A Table only grows; it is safe for
// concurrent use, as a parallel search packs on several goroutines. The
// zero Table is ready to use.
type Table[T comparable] struct {
	mu   sync.RWMutex
	ids  map[T]uint32 // lookups only, never iterated
	vals []T
}

// ID returns v's number, numbering v if it is new.
func (t *Table[T]) ID(v T) uint32 {
	t.mu.RLock()
	id, ok := t.ids[v]
	t.mu.RUnlock()
	if ok {
		return id
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if id, ok := t.ids[v]; ok {
		return id
	}
	if t.ids == nil {
		t.ids = map[T]uint32{}
	}
	id = uint32(len(t.vals))
	t.ids[v] = id
	t.vals = append(t.vals, v)
	return id
}

// At returns the value numbered id. It panics for a number ID never gave.
func (t *Table[T]) At(id uint32) T {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.vals[id]
}

// Len is the number of distinct values numbered so far.
func (t *Table[T]) Len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.vals)
}

// AppendIDs appends vs to buf as their count and numbers (varints), for a
// Pack function; vs is numbered as needed.
func (t *Table[T]) AppendIDs(buf []byte, vs []T) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(vs)))
	for _, v := range vs {
		buf = binary.AppendUvarint(buf, uint64(t.ID(v)))
	}
	return buf
}

// ReadIDs reads what AppendIDs wrote at the start of b: the values (nil
// for none) and the rest of b. It panics on bytes AppendIDs did not write,
// which in an Unpack function means a bug in the checker or the codec.
func (t *Table[T]) ReadIDs(b []byte) ([]T, []byte) {
	next := func() uint64 {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			panic("checker: Table.ReadIDs: bad varint")
		}
		b = b[k:]
		return v
	}
	n := next()
	if n == 0 {
		return nil, b
	}
	if n > uint64(len(b)) {
		panic(fmt.Sprintf("checker: Table.ReadIDs: %d values in %d bytes", n, len(b)))
	}
	vs := make([]T, n)
	t.mu.RLock()
	defer t.mu.RUnlock()
	for i := range vs {
		vs[i] = t.vals[next()]
	}
	return vs, b
}
