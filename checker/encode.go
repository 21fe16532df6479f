package checker

import "encoding/binary"

// Encoder builds the canonical byte encoding of a state. Two states are the
// same state exactly when their encodings are equal, so models must write
// every field that matters, in a fixed order, with sets sorted.
type Encoder struct {
	buf []byte
}

// Reset empties the encoder for reuse.
func (e *Encoder) Reset() { e.buf = e.buf[:0] }

// Bytes returns the encoding written so far.
func (e *Encoder) Bytes() []byte { return e.buf }

// Int writes a signed integer.
func (e *Encoder) Int(v int) { e.buf = binary.AppendVarint(e.buf, int64(v)) }

// Uint writes an unsigned integer.
func (e *Encoder) Uint(v uint64) {
	if v < 0x80 {
		e.buf = append(e.buf, byte(v)) // the one-byte varint, without the call
		return
	}
	e.buf = binary.AppendUvarint(e.buf, v)
}

// Bool writes a boolean.
func (e *Encoder) Bool(v bool) {
	if v {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

// String writes a length-prefixed string, so adjacent strings cannot run together.
func (e *Encoder) String(s string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// Len writes a collection length; call it before the elements of a slice,
// set or map so that different splits of the same elements differ.
func (e *Encoder) Len(n int) { e.Uint(uint64(n)) }

// Fingerprint is a stable 64-bit hash (FNV-1a followed by a 64-bit
// finalizer). It has no per-process seed, so the same state has the same
// fingerprint in every run and on every machine.
func Fingerprint(b []byte) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for len(b) >= 8 {
		// Eight bytes at a time keeps FNV's structure while cutting the loop count.
		h ^= binary.LittleEndian.Uint64(b)
		h *= prime
		h ^= h >> 29
		b = b[8:]
	}
	for _, c := range b {
		h ^= uint64(c)
		h *= prime
	}
	// Final avalanche (splitmix64) spreads the bits for the open-addressing table.
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
