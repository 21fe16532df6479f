package linearizability

import (
	"fmt"
	"math/rand/v2"
)

// simulate records a history of a linearizable key-value store: each
// client issues n/clients-ish operations one at a time, and each operation
// takes effect atomically at a random moment between its call and its
// return, so intervals of different clients overlap, yet every history is
// linearizable by construction. With probability crash a client gives up on
// an operation, before or after it took effect: it is recorded as pending.
func simulate(rng *rand.Rand, clients, keys, n int, crash float64) KVHistory {
	store := map[string]string{}
	const (
		idle = iota
		called
		applied
	)
	type client struct{ op, phase int }
	cs := make([]client, clients)
	h := make(KVHistory, 0, n)
	for t, done := int64(0), 0; done < n; t++ {
		id := rng.IntN(clients)
		c := &cs[id]
		switch c.phase {
		case idle:
			if len(h) == n {
				continue
			}
			h = append(h, randomOp(rng, id, keys, store, len(h)))
			h[len(h)-1].Call = t
			c.op, c.phase = len(h)-1, called
		case called:
			if rng.Float64() < crash { // gave up; never took effect
				h[c.op].Return, c.phase = Pending, idle
				done++
				continue
			}
			apply(store, &h[c.op])
			c.phase = applied
		case applied:
			h[c.op].Return, c.phase = t, idle
			if rng.Float64() < crash { // gave up after it took effect
				h[c.op].Return, h[c.op].Output = Pending, KVOutput{}
			}
			done++
		}
	}
	return h
}

// randomOp draws an operation; values are unique per operation, so a read
// names the write it saw.
func randomOp(rng *rand.Rand, client, keys int, store map[string]string, i int) kvOp {
	in := KVInput{Key: fmt.Sprintf("k%d", rng.IntN(keys))}
	switch r := rng.IntN(10); {
	case r < 4:
		in.Op = Get
	case r < 7:
		in.Op, in.Value = Put, fmt.Sprintf("v%d", i)
	case r < 8:
		in.Op, in.Value = Append, fmt.Sprintf("+%d", i)
	default:
		// Half the time the value the key holds now (it may change before
		// the cas takes effect), else a value it may once have held.
		in.Op, in.Value, in.Expect = CAS, fmt.Sprintf("c%d", i), store[in.Key]
		if rng.IntN(2) == 0 {
			in.Expect = fmt.Sprintf("v%d", rng.IntN(i+1))
		}
	}
	return kvOp{Client: client, Input: in}
}

// apply performs op on the store atomically and records its output.
func apply(store map[string]string, op *kvOp) {
	in, s := op.Input, store[op.Input.Key]
	switch in.Op {
	case Get:
		op.Output.Value = s
	case Put:
		store[in.Key] = in.Value
	case Append:
		store[in.Key] = s + in.Value
	case CAS:
		op.Output.OK = s == in.Expect
		if op.Output.OK {
			store[in.Key] = in.Value
		}
	}
}
