package checker

import "fmt"

// Model is a state machine for the checker to explore. Every function must be
// deterministic: the same state yields the same successors with the same
// labels in the same order. Next must not modify s.
type Model[S any] struct {
	// Name identifies the model in reports.
	Name string
	// Init yields the initial states, each with a label (usually "Init").
	// It stops early when yield returns false.
	Init func(yield func(label string, s S) bool)
	// Next yields the successors of s, each with an action label that is
	// unique among the successors of s ("Deliver n1->n2 Vote{term:2}").
	// It stops early when yield returns false.
	Next func(s S, yield func(action string, next S) bool)
	// Encode writes the canonical encoding of s; equal encodings mean equal states.
	Encode func(s S, e *Encoder)
	// Within, when set, bounds the model: states for which it is false are
	// neither counted nor checked nor expanded (like Stateright's boundary).
	Within func(s S) bool
	// Format renders a state for reports; fmt's %+v when nil.
	Format func(s S) string
	// Properties are checked by every strategy.
	Properties []Property[S]
	// Fairness lists the fairness conditions under which Eventually
	// properties are judged. Without any, only behaviours that stop
	// (stutter forever) or cycle are considered, all of them allowed.
	Fairness []Fairness
	// Symmetry, when set, declares the model's interchangeable identities
	// (servers, acceptors, values...): it yields the image of s under every
	// permutation of them (the identity may be left out; Permutations
	// enumerates the permutations of n elements). With Options.Symmetry the
	// checker identifies a state with its orbit, represented by the smallest
	// fingerprint among the images, as TLC's SYMMETRY does, so distinct
	// counts equal TLC's with SYMMETRY Permutations(...).
	//
	// It is sound only when the model is symmetric: Init, Next, Within and
	// every property commute with the permutations (a permuted successor
	// of s is a successor of the permuted s, and properties give the same
	// verdict on every image). Counterexamples are rebuilt by re-running
	// Next from the real initial state and matching orbit fingerprints, so
	// they are real, unpermuted behaviours that Replay accepts. Eventually
	// properties are refused under symmetry (see Options.Symmetry).
	Symmetry func(s S, yield func(image S) bool)
	// Representatives, when set with Symmetry, spares most of the images
	// their fingerprints: it yields the images of s (s itself included if
	// it qualifies) that may represent s's orbit, and the checker takes the
	// smallest fingerprint among these alone. It must yield at least one,
	// and the same set for every state of the orbit: the images that are
	// least by a cheap key computed on the image itself (for Raft, the
	// servers' variables without the messages) qualify, since every state
	// of an orbit has the same images. proptest.Symmetric checks this.
	Representatives func(s S, yield func(image S) bool)
	// Pack and Unpack, when both are set, give states a compact byte form
	// that exhaustive search keeps in its frontier instead of whole states:
	// Pack appends s's bytes to buf, Unpack rebuilds a state from them. The
	// frontier is most of a breadth-first search's memory, and bytes in a
	// few large buffers cost the collector nothing to scan, so a model
	// whose states hold slices, maps or pointers gains the most. Unpack
	// only ever sees bytes Pack wrote in the same run, so Pack may refer to
	// tables the model keeps (interned nodes or messages, see
	// checker/actor). The rebuilt state must behave exactly like s (same
	// encoding, successors and properties); Check verifies the encoding on
	// the initial states and their successors before it searches.
	Pack   func(s S, buf []byte) []byte
	Unpack func(b []byte) S
}

// NoPanic is the built-in property that every run checks: a panic inside
// Init, Next, Encode, Within or a property function is reported as its
// violation, with the path to the state whose expansion panicked and the
// panic value in the detail, instead of crashing the run. It is listed in a
// Result only when violated. Replay and Judge accept it by name.
const NoPanic = "NoPanic"

// Kind says how a property is judged.
type Kind uint8

const (
	// Always: Holds must be true in every reachable state (an invariant).
	Always Kind = iota
	// Step: Check must accept every reachable transition (conformance,
	// monotonicity and other action properties).
	Step
	// Sometimes: Holds must be true in some reachable state. A Sometimes
	// property that is never satisfied shows a vacuous model.
	Sometimes
	// Eventually: on every fair behaviour, Holds becomes true at some point.
	Eventually
)

func (k Kind) String() string {
	switch k {
	case Always:
		return "always"
	case Step:
		return "step"
	case Sometimes:
		return "sometimes"
	case Eventually:
		return "eventually"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Property is a named claim about a model.
type Property[S any] struct {
	Name string
	Kind Kind
	// Holds judges a state (Always, Sometimes, Eventually).
	Holds func(s S) bool
	// Check judges a transition (Step); a non-nil error is the violation,
	// and its text is reported.
	Check func(from S, action string, to S) error
}

// Fairness is a weak or strong fairness condition over a family of actions.
// Instance maps an action label to the fairness instance it belongs to, so
// one Fairness value can mean WF of a whole action (return the same key for
// all its labels) or WF of each instance (return the label itself).
// An instance is enabled in a state when one of its actions leads to a
// different state, as in TLA+'s WF_vars(A) = WF of <<A>>_vars.
type Fairness struct {
	Name     string
	Strong   bool
	Instance func(action string) (key string, ok bool)
}

// WeakFairness is weak fairness of every action whose label starts with one
// of the prefixes, each prefix one instance.
func WeakFairness(name string, prefixes ...string) Fairness {
	return Fairness{Name: name, Instance: prefixInstance(prefixes)}
}

// StrongFairness is like WeakFairness but strong.
func StrongFairness(name string, prefixes ...string) Fairness {
	return Fairness{Name: name, Strong: true, Instance: prefixInstance(prefixes)}
}

func prefixInstance(prefixes []string) func(string) (string, bool) {
	return func(action string) (string, bool) {
		for _, p := range prefixes {
			if len(action) >= len(p) && action[:len(p)] == p {
				return p, true
			}
		}
		return "", false
	}
}

func (m *Model[S]) format(s S) string {
	if m.Format != nil {
		return m.Format(s)
	}
	return fmt.Sprintf("%+v", s)
}

// checkPack verifies that Pack and Unpack keep the encoding of the initial
// states and of their successors, so a broken codec is an error before the
// search rather than a wrong count after it.
func (m *Model[S]) checkPack() error {
	if (m.Pack == nil) != (m.Unpack == nil) {
		return fmt.Errorf("checker: model %s sets only one of Pack and Unpack", m.Name)
	}
	if m.Pack == nil {
		return nil
	}
	var err error
	var a, b Encoder
	same := func(where string, s S) bool {
		a.Reset()
		m.Encode(s, &a)
		if bad, why := protect(func() {
			b.Reset()
			m.Encode(m.Unpack(m.Pack(s, nil)), &b)
		}); bad {
			err = fmt.Errorf("checker: model %s: Pack or Unpack of %s: %s", m.Name, where, why)
			return false
		}
		if string(a.buf) != string(b.buf) {
			err = fmt.Errorf("checker: model %s: Unpack(Pack(s)) encodes differently from s, for s = %s", m.Name, where)
			return false
		}
		return true
	}
	// A panic in Init, Next or Encode is left to the search to report
	// (NoPanic); only the codec's failures are errors here.
	protect(func() {
		m.Init(func(label string, s S) bool {
			if m.within(s) && !same("the initial state "+label, s) {
				return false
			}
			m.Next(s, func(action string, t S) bool { return !m.within(t) || same(label+" then "+action, t) })
			return err == nil
		})
	})
	return err
}

func (m *Model[S]) within(s S) bool { return m.Within == nil || m.Within(s) }

// fingerprinter hashes states through a reusable encoder.
type fingerprinter[S any] struct {
	enc    Encoder
	encode func(S, *Encoder)
}

func (f *fingerprinter[S]) fp(s S) uint64 {
	f.enc.Reset()
	f.encode(s, &f.enc)
	return Fingerprint(f.enc.buf)
}

// hasher gives a search's state identities: the fingerprint, or under
// symmetry the smallest fingerprint of the state's orbit. Each goroutine
// has its own, for its encoder buffer.
type hasher[S any] struct {
	f    fingerprinter[S]
	sym  func(S, func(S) bool) // Model.Symmetry, when reps is nil
	reps func(S, func(S) bool) // Model.Representatives
	// seen caches the fingerprints whose state properties this goroutine
	// has judged (direct-mapped, lossy: a miss only costs a re-judgement).
	seen []uint64
}

const seenSize = 1 << 14

// judged reports whether fp was judged before, and records it.
func (h *hasher[S]) judged(fp uint64) bool {
	if h.seen == nil {
		h.seen = make([]uint64, seenSize)
	}
	slot := &h.seen[fp&(seenSize-1)]
	if *slot == fp && fp != 0 {
		return true
	}
	*slot = fp
	return false
}

// forget empties the cache of judged fingerprints.
func (h *hasher[S]) forget() { clear(h.seen) }

func (r *run[S]) newHasher() *hasher[S] {
	h := &hasher[S]{f: fingerprinter[S]{encode: r.m.Encode}}
	if r.opt.Symmetry {
		h.sym, h.reps = r.m.Symmetry, r.m.Representatives
	}
	return h
}

func (h *hasher[S]) fp(s S) uint64 {
	if h.reps != nil {
		least, any := uint64(0), false
		h.reps(s, func(t S) bool {
			if x := h.f.fp(t); !any || x < least {
				least, any = x, true
			}
			return true
		})
		if !any {
			panic("checker: Model.Representatives yielded no image of a state")
		}
		return least
	}
	least := h.f.fp(s)
	if h.sym != nil {
		h.sym(s, func(t S) bool {
			if x := h.f.fp(t); x < least {
				least = x
			}
			return true
		})
	}
	return least
}

// Permutations returns every permutation of 0..n-1 in lexicographic order,
// the identity first: the building block of a Model's Symmetry.
func Permutations(n int) [][]int {
	cur := make([]int, n)
	for i := range cur {
		cur[i] = i
	}
	var out [][]int
	for {
		out = append(out, append([]int(nil), cur...))
		i := n - 2
		for i >= 0 && cur[i] >= cur[i+1] {
			i--
		}
		if i < 0 {
			return out
		}
		j := n - 1
		for cur[j] <= cur[i] {
			j--
		}
		cur[i], cur[j] = cur[j], cur[i]
		for a, b := i+1, n-1; a < b; a, b = a+1, b-1 {
			cur[a], cur[b] = cur[b], cur[a]
		}
	}
}

// StateFingerprint returns the fingerprint of s under m's encoding.
func (m *Model[S]) StateFingerprint(s S) uint64 {
	f := fingerprinter[S]{encode: m.Encode}
	return f.fp(s)
}

// property returns the named property, or false.
func (m *Model[S]) property(name string) (Property[S], bool) {
	for _, p := range m.Properties {
		if p.Name == name {
			return p, true
		}
	}
	if name == NoPanic {
		return Property[S]{Name: NoPanic, Kind: Always, Holds: func(s S) bool { return m.panicIn(s) == "" }}, true
	}
	return Property[S]{}, false
}

// panicIn expands s as a search does and returns the panic it raises, or "".
// NoPanic holds in a state whose expansion (every property on it, then
// Next, with Within, Encode and the Step properties of each transition)
// does not panic.
func (m *Model[S]) panicIn(s S) string {
	_, detail := protect(func() {
		for _, p := range m.Properties {
			if p.Kind != Step {
				p.Holds(s)
			}
		}
		var enc Encoder
		m.Next(s, func(a string, t S) bool {
			if m.within(t) {
				enc.Reset()
				m.Encode(t, &enc)
				for _, p := range m.Properties {
					if p.Kind == Step {
						p.Check(s, a, t)
					}
				}
			}
			return true
		})
	})
	return detail
}
