// Package bench measures how fast the checker explores a model, so every
// system's benchmark reports the same figure (generated states per second,
// TLC's "states generated" rate, and distinct states per second) the same way.
package bench

import (
	"fmt"
	"testing"

	"github.com/distcheck/distcheck/checker"
)

// Check explores m with opt on every iteration (completely, unless opt
// simulates) and reports generated and distinct states per second.
func Check[S any](b *testing.B, m *checker.Model[S], opt checker.Options) {
	b.Helper()
	b.ReportAllocs()
	var generated, distinct uint64
	var heapPerState float64
	for b.Loop() {
		res, err := checker.Check(m, opt)
		if err != nil {
			b.Fatal(err)
		}
		if !res.Complete && opt.Strategy != checker.Simulate {
			b.Fatalf("the search stopped early (%s): a benchmark measures a complete exploration", res.Stopped)
		}
		generated += res.Stats.Generated
		distinct += res.Stats.Distinct
		if res.Stats.Distinct > 0 {
			heapPerState = max(heapPerState, float64(res.Stats.PeakHeap)/float64(res.Stats.Distinct))
		}
	}
	b.ReportMetric(float64(generated)/b.Elapsed().Seconds(), "generated/s")
	b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "distinct/s")
	if heapPerState > 0 {
		// Sampled a few times a second: meaningful on runs of seconds.
		b.ReportMetric(heapPerState, "peakheapB/state")
	}
}

// Workers runs Check as sub-benchmarks with 1 and 2 workers (named
// workers=1, workers=2), so the speed-up is read from one run.
func Workers[S any](b *testing.B, m *checker.Model[S], opt checker.Options) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			o := opt
			o.Workers = w
			Check(b, m, o)
		})
	}
}

// Frontier runs Check as sub-benchmarks with the frontier holding packed
// states (m's Pack and Unpack; named frontier=packed) and whole states
// (named frontier=whole), so the memory a packed frontier saves, and what
// packing costs in speed, are read from one run (peakheapB/state,
// distinct/s).
func Frontier[S any](b *testing.B, m *checker.Model[S], opt checker.Options) {
	if m.Pack == nil {
		b.Fatalf("model %s does not pack its states", m.Name)
	}
	whole := *m
	whole.Pack, whole.Unpack = nil, nil
	b.Run("frontier=packed", func(b *testing.B) { Check(b, m, opt) })
	b.Run("frontier=whole", func(b *testing.B) { Check(b, &whole, opt) })
}
