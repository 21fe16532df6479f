package checker_test

import (
	"fmt"
	"slices"

	"github.com/distcheck/distcheck/checker"
)

// inbox is a toy state: the notes two processes have posted, as a set.
type inbox struct{ notes []string }

// inboxModel lets each of two processes post "hello" and "bye" once each.
func inboxModel() *checker.Model[inbox] {
	return &checker.Model[inbox]{
		Name: "inbox",
		Init: func(yield func(string, inbox) bool) { yield("Init", inbox{}) },
		Next: func(s inbox, yield func(string, inbox) bool) {
			for _, p := range []string{"p1", "p2"} {
				for _, w := range []string{"hello", "bye"} {
					note := p + ":" + w
					if slices.Contains(s.notes, note) {
						continue
					}
					next := slices.Insert(slices.Clone(s.notes), len(s.notes), note)
					slices.Sort(next)
					if !yield("Post "+note, inbox{next}) {
						return
					}
				}
			}
		},
		Encode: func(s inbox, e *checker.Encoder) {
			e.Len(len(s.notes))
			for _, n := range s.notes {
				e.String(n)
			}
		},
		Properties: []checker.Property[inbox]{{
			Name: "AtMostThree", Kind: checker.Always,
			Holds: func(s inbox) bool { return len(s.notes) <= 3 },
		}},
	}
}

// Check explores every state breadth-first and reports each property with
// a shortest counterexample.
func Example() {
	res, err := checker.Check(inboxModel(), checker.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Stats.Distinct, "states")
	p := res.Properties[0]
	fmt.Println(p.Name, p.Status, len(p.Path.Steps)-1, "steps")
	// Output:
	// 16 states
	// AtMostThree violated 4 steps
}

// A model whose states hold slices can keep its frontier as a few bytes a
// state: Pack writes each note as its number in a Table, Unpack reads
// them back. The counts and verdicts do not change.
func ExampleModel_pack() {
	m := inboxModel()
	var notes checker.Table[string]
	m.Pack = func(s inbox, buf []byte) []byte { return notes.AppendIDs(buf, s.notes) }
	m.Unpack = func(b []byte) inbox {
		s, rest := notes.ReadIDs(b)
		if len(rest) != 0 {
			panic("inbox: bytes left over")
		}
		return inbox{s}
	}
	res, err := checker.Check(m, checker.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Stats.Distinct, "states,", notes.Len(), "distinct notes")
	fmt.Println(res.Properties[0].Name, res.Properties[0].Status)
	// Output:
	// 16 states, 4 distinct notes
	// AtMostThree violated
}

// swap renames p1 to p2 and back in every note: the inbox's processes are
// interchangeable.
func swap(s inbox) inbox {
	out := make([]string, len(s.notes))
	for i, n := range s.notes {
		switch {
		case n[:3] == "p1:":
			out[i] = "p2:" + n[3:]
		default:
			out[i] = "p1:" + n[3:]
		}
	}
	slices.Sort(out)
	return inbox{out}
}

// With Symmetry and Options.Symmetry the checker counts orbits: states
// that differ only by swapping p1 and p2 count once. Representatives
// narrows the images fingerprinted to those least by a cheap key (here,
// p1's number of notes), which must be the same set for every state of the
// orbit; the count does not change.
func ExampleModel_symmetry() {
	m := inboxModel()
	m.Symmetry = func(s inbox, yield func(inbox) bool) { yield(swap(s)) }
	p1 := func(s inbox) int {
		k := 0
		for _, n := range s.notes {
			if n[:3] == "p1:" {
				k++
			}
		}
		return k
	}
	m.Representatives = func(s inbox, yield func(inbox) bool) {
		t := swap(s)
		switch a, b := p1(s), p1(t); {
		case a < b:
			yield(s)
		case b < a:
			yield(t)
		default:
			if yield(s) {
				yield(t)
			}
		}
	}
	res, err := checker.Check(m, checker.Options{Symmetry: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Stats.Distinct, "orbits of 16 states")
	// Output:
	// 10 orbits of 16 states
}
