// Package detector is Detector.tla transliterated into Go (claims C10 and
// C11): a heartbeat failure detector with exponential backoff under global
// time, asynchronous or partially synchronous (delays bounded by Delta
// after GST). Its models show no perfect detector asynchronously, finitely
// many mistakes after GST with backoff, endless ones without, and strong
// completeness.
package detector

import (
	"fmt"
	"math/bits"

	"github.com/distcheck/distcheck/checker"
)

// Config holds Detector.tla's constants.
type Config struct {
	MaxTime, Timeout0, MaxTimeout, GST, Delta, MaxMistakes int
}

// Models are the .cfg files beside Detector.tla.
var Models = map[string]Config{
	"MCDetectorAsync":       {MaxTime: 4, Timeout0: 1, MaxTimeout: 4, GST: 100, Delta: 1, MaxMistakes: 0},
	"MCDetectorPartialSync": {MaxTime: 8, Timeout0: 1, MaxTimeout: 8, GST: 2, Delta: 3, MaxMistakes: 2},
	"MCDetectorNoBackoff":   {MaxTime: 8, Timeout0: 1, MaxTimeout: 1, GST: 2, Delta: 3, MaxMistakes: 2},
}

// ModelNames lists Models in a fixed order.
var ModelNames = []string{"MCDetectorAsync", "MCDetectorPartialSync", "MCDetectorNoBackoff"}

// invariants names each model's INVARIANTS, as in its .cfg.
var invariants = map[string][]string{
	"MCDetectorAsync":       {"TypeOK", "StrongAccuracy"},
	"MCDetectorPartialSync": {"TypeOK", "EventualAccuracy", "StrongCompleteness"},
	"MCDetectorNoBackoff":   {"TypeOK", "EventualAccuracy", "StrongCompleteness"},
}

// Validate rejects constants the state cannot hold.
func (c Config) Validate() error {
	if c.MaxTime < 0 || c.MaxTime > 62 || c.Timeout0 < 0 || c.MaxTimeout < c.Timeout0 || c.Delta < 1 || c.GST < 0 || c.MaxMistakes < 0 {
		return fmt.Errorf("detector spec: constants %+v out of range (MaxTime <= 62, Timeout0 <= MaxTimeout, Delta >= 1)", c)
	}
	return nil
}

// State is Detector.tla's variables; Inflight is a bit set of send times.
type State struct {
	Now, Elapsed, Timeout, Silent, Mistakes int
	Alive, Suspected                        bool
	Inflight                                uint64
}

// Init is Detector.tla's Init.
func (c Config) Init() State { return State{Alive: true, Timeout: c.Timeout0} }

// Tick is Detector.tla's Tick.
func (c Config) Tick(s State) (State, bool) {
	if s.Now >= c.MaxTime {
		return s, false
	}
	for in := s.Inflight; in != 0; in &= in - 1 {
		if t := bits.TrailingZeros64(in); max(t, c.GST)+c.Delta <= s.Now+1 {
			return s, false // a heartbeat would miss its deadline
		}
	}
	t := s
	t.Now = s.Now + 1
	if s.Alive {
		t.Inflight |= 1 << (s.Now + 1)
	}
	if s.Elapsed+1 > s.Timeout {
		t.Elapsed, t.Suspected = 0, true
		if s.Alive && !s.Suspected && s.Now+1 >= c.GST {
			t.Mistakes++
		}
	} else {
		t.Elapsed = s.Elapsed + 1
	}
	if !s.Alive && s.Inflight == 0 {
		t.Silent = s.Silent + 1
	} else {
		t.Silent = 0
	}
	return t, true
}

// Deliver is Detector.tla's Deliver(t).
func (c Config) Deliver(s State, t int) State {
	s.Inflight &^= 1 << t
	s.Elapsed = 0
	if s.Suspected {
		s.Suspected = false
		s.Timeout = min(2*s.Timeout, c.MaxTimeout)
	}
	return s
}

// Next is Detector.tla's Next.
func (c Config) Next(s State, yield func(string, State) bool) {
	if t, ok := c.Tick(s); ok && !yield("Tick", t) {
		return
	}
	for in := s.Inflight; in != 0; in &= in - 1 {
		t := bits.TrailingZeros64(in)
		if !yield(fmt.Sprintf("Deliver(%d)", t), c.Deliver(s, t)) {
			return
		}
	}
	if s.Alive {
		t := s
		t.Alive = false
		yield("Crash", t)
	}
}

// Model is the spec as a checker model with the named model's invariants
// (all of them when name is not a .cfg model).
func (c Config) Model(name string) *checker.Model[State] {
	all := map[string]func(State) bool{
		"TypeOK": func(s State) bool {
			return s.Now <= c.MaxTime && s.Timeout >= c.Timeout0 && s.Timeout <= c.MaxTimeout
		},
		"StrongAccuracy":     func(s State) bool { return !s.Alive || !s.Suspected },
		"EventualAccuracy":   func(s State) bool { return s.Mistakes <= c.MaxMistakes },
		"StrongCompleteness": func(s State) bool { return !(s.Silent > s.Timeout) || s.Suspected },
	}
	names, ok := invariants[name]
	if !ok {
		names = []string{"TypeOK", "StrongAccuracy", "EventualAccuracy", "StrongCompleteness"}
	}
	m := &checker.Model[State]{
		Name: "detector-spec",
		Init: func(yield func(string, State) bool) { yield("Init", c.Init()) },
		Next: c.Next,
		Encode: func(s State, e *checker.Encoder) {
			e.Int(s.Now)
			e.Bool(s.Alive)
			e.Uint(s.Inflight)
			e.Int(s.Elapsed)
			e.Int(s.Timeout)
			e.Bool(s.Suspected)
			e.Int(s.Silent)
			e.Int(s.Mistakes)
		},
		Format: func(s State) string {
			return fmt.Sprintf("now=%d alive=%v inflight=%b elapsed=%d timeout=%d suspected=%v silent=%d mistakes=%d",
				s.Now, s.Alive, s.Inflight, s.Elapsed, s.Timeout, s.Suspected, s.Silent, s.Mistakes)
		},
	}
	for _, n := range names {
		m.Properties = append(m.Properties, checker.Property[State]{Name: n, Kind: checker.Always, Holds: all[n]})
	}
	return m
}
