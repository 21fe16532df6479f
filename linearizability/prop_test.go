package linearizability

import (
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// neverWritten is a value no generated operation writes: generated values
// are v<i>, c<i> and concatenations of +<i>.
const neverWritten = "never-written"

// TestPropSequentialLinearizable: operations run one after the other
// against a map give a linearizable history; making one read return a
// value that was never written makes it illegal, on that read's key.
func TestPropSequentialLinearizable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "ops")
		keys := rapid.IntRange(1, 3).Draw(t, "keys")
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		store := map[string]string{}
		var h KVHistory
		for i := range n {
			op := randomOp(rng, rapid.IntRange(0, 2).Draw(t, "client"), keys, store, i)
			apply(store, &op)
			op.Call, op.Return = int64(2*i), int64(2*i+1)
			h = append(h, op)
		}
		if res := Check(KVModel(), h, 0); res.Verdict != Ok {
			t.Fatalf("sequential history judged %v (err %v)", res.Verdict, res.Err)
		}
		var gets []int
		for i, op := range h {
			if op.Input.Op == Get {
				gets = append(gets, i)
			}
		}
		if len(gets) == 0 {
			h = append(h, get(0, "k0", "", int64(2*n), int64(2*n+1)))
			gets = []int{n}
		}
		i := rapid.SampledFrom(gets).Draw(t, "read")
		h[i].Output.Value = neverWritten
		res := Check(KVModel(), h, 0)
		if res.Verdict != Illegal {
			t.Fatalf("read of a never-written value judged %v", res.Verdict)
		}
		if bad := res.IllegalParts(); len(bad) != 1 || bad[0] != h[i].Input.Key {
			t.Fatalf("illegal parts %v, want [%s]", bad, h[i].Input.Key)
		}
	})
}

// TestPropConcurrentLinearizable: a simulated linearizable store gives
// linearizable histories even with overlapping operations and clients that
// give up; making more operations pending keeps them linearizable (an
// unknown outcome only relaxes); a read of a never-written value does not.
func TestPropConcurrentLinearizable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		clients := rapid.IntRange(1, 5).Draw(t, "clients")
		keys := rapid.IntRange(1, 3).Draw(t, "keys")
		n := rapid.IntRange(1, 60).Draw(t, "ops")
		crash := rapid.SampledFrom([]float64{0, 0.05, 0.2}).Draw(t, "crash")
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 2))
		h := simulate(rng, clients, keys, n, crash)
		for _, m := range []Model[string, KVInput, KVOutput]{KVModel(), RegisterModel()} {
			if m.Name == "register" && keys > 1 {
				continue
			}
			if res := Check(m, h, 0); res.Verdict != Ok {
				t.Fatalf("%s: simulated history judged %v (err %v)", m.Name, res.Verdict, res.Err)
			}
		}
		i := rapid.IntRange(0, n-1).Draw(t, "op")
		pend := append(KVHistory(nil), h...)
		pend[i].Return = Pending
		if res := Check(KVModel(), pend, 0); res.Verdict != Ok {
			t.Fatalf("making op %d pending judged %v", i, res.Verdict)
		}
		pending := 0
		for _, op := range h {
			if op.Return < 0 {
				pending++
			}
		}
		// Refuting a history is exponential in the operations that may be
		// linearized in any order, which pending ones all can: keep few.
		if h[i].Input.Op == Get && h[i].Return >= 0 && pending <= 4 {
			h[i].Output.Value = neverWritten
			if res := Check(KVModel(), h, 0); res.Verdict != Illegal {
				t.Fatalf("read of a never-written value judged %v", res.Verdict)
			}
		}
	})
}
