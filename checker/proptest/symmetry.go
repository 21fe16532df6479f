package proptest

import (
	"fmt"
	"slices"

	"pgregory.net/rapid"

	"github.com/distcheck/distcheck/checker"
)

// Symmetric walks m for up to steps random actions and checks, in every
// state s it reaches and for the permutations p of perms (the model's
// symmetry group, identity first; permute(s, p) is the image of s under p),
// what makes symmetry reduction sound:
//   - permuting by p, then by p's inverse, gives back s (equal encodings);
//   - the successors of permute(s, p) are exactly the images of s's
//     successors, compared as sets of fingerprints (for one permutation
//     per state, drawn by rapid: the costly check);
//   - every Always and Sometimes property judges s and its image alike, and
//     (for the drawn permutation) every Step property each transition and
//     its image alike;
//   - m.Symmetry yields the same images as permute over perms;
//   - m.Representatives, if set, yields at least one image of s, only
//     images, and the same ones for s and each of its images.
//
// It fails t naming the permutation, the schedule's length and what differs.
func Symmetric[S any](t *rapid.T, m *checker.Model[S], perms [][]int, permute func(S, []int) S, steps int) {
	if m.Symmetry == nil {
		t.Fatalf("model %s declares no symmetry", m.Name)
	}
	var cur S
	n := 0
	m.Init(func(_ string, s S) bool { cur, n = s, n+1; return false })
	if n == 0 {
		t.Fatalf("model %s has no initial state", m.Name)
	}
	fp := m.StateFingerprint
	type succ struct {
		action string
		state  S
	}
	successors := func(s S) []succ {
		var out []succ
		m.Next(s, func(a string, x S) bool {
			if m.Within == nil || m.Within(x) {
				out = append(out, succ{a, x})
			}
			return true
		})
		return out
	}
	fps := func(ss []succ, p []int) []uint64 {
		out := make([]uint64, len(ss))
		for k, x := range ss {
			if p == nil {
				out[k] = fp(x.state)
			} else {
				out[k] = fp(permute(x.state, p))
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	reps := func(s S) []uint64 {
		var out []uint64
		m.Representatives(s, func(img S) bool { out = append(out, fp(img)); return true })
		slices.Sort(out)
		return slices.Compact(out)
	}
	for k := 0; ; k++ {
		s := cur
		next := successors(s)
		var sReps []uint64
		if m.Representatives != nil {
			sReps = reps(s)
			if len(sReps) == 0 {
				t.Fatalf("step %d: Representatives yields no image\n%s", k, format(m, s))
			}
		}
		var want, got []uint64
		// Every image is checked cheaply; one drawn permutation also has
		// its successors compared, the costly part.
		full := 1
		if len(perms) > 2 {
			full = rapid.IntRange(1, len(perms)-1).Draw(t, fmt.Sprintf("perm%d", k))
		}
		for j, p := range perms[1:] {
			img := permute(s, p)
			inv := make([]int, len(p))
			for i, x := range p {
				inv[x] = i
			}
			if fp(permute(img, inv)) != fp(s) {
				t.Fatalf("step %d, permutation %v: permuting back does not give the state\n%s", k, p, format(m, s))
			}
			for _, q := range m.Properties {
				if q.Kind == checker.Always || q.Kind == checker.Sometimes {
					if a, b := q.Holds(s), q.Holds(img); a != b {
						t.Fatalf("step %d, permutation %v: %s is %v on the state and %v on its image\n%s", k, p, q.Name, a, b, format(m, s))
					}
				}
			}
			want = append(want, fp(img))
			if sReps != nil && !slices.Equal(reps(img), sReps) {
				t.Fatalf("step %d, permutation %v: Representatives yields other states for the image than for the state\n%s", k, p, format(m, s))
			}
			if j+1 != full {
				continue
			}
			imgNext := successors(img)
			if a, b := fps(next, p), fps(imgNext, nil); !slices.Equal(a, b) {
				t.Fatalf("step %d, permutation %v: the images of the successors (%d) are not the successors of the image (%d)\n%s", k, p, len(a), len(b), format(m, s))
			}
			byFP := map[uint64]succ{} // lookups only
			for _, x := range imgNext {
				byFP[fp(x.state)] = x
			}
			for _, x := range next {
				y := byFP[fp(permute(x.state, p))]
				for _, q := range m.Properties {
					if q.Kind != checker.Step {
						continue
					}
					if a, b := q.Check(s, x.action, x.state), q.Check(img, y.action, y.state); (a == nil) != (b == nil) {
						t.Fatalf("step %d, permutation %v: %s judges %q (%v) and its image %q (%v) apart", k, p, q.Name, x.action, a, y.action, b)
					}
				}
			}
		}
		m.Symmetry(s, func(img S) bool { got = append(got, fp(img)); return true })
		// The identity may be left out of either.
		want, got = append(want, fp(s)), append(got, fp(s))
		slices.Sort(want)
		slices.Sort(got)
		want, got = slices.Compact(want), slices.Compact(got)
		if !slices.Equal(want, got) {
			t.Fatalf("step %d: the model's Symmetry yields other images than the permutations", k)
		}
		for _, r := range sReps {
			if _, ok := slices.BinarySearch(want, r); !ok {
				t.Fatalf("step %d: Representatives yields a state that is no image of the state\n%s", k, format(m, s))
			}
		}
		if k == steps || len(next) == 0 {
			return
		}
		cur = next[rapid.IntRange(0, len(next)-1).Draw(t, fmt.Sprintf("action%d", k))].state
	}
}

func format[S any](m *checker.Model[S], s S) string {
	if m.Format != nil {
		return m.Format(s)
	}
	return fmt.Sprintf("%+v", s)
}

// Orbits explores m by brute force, without the checker, and counts its
// reachable states and their orbits under perms (a state's orbit is named
// by the least fingerprint of its images). A checker run with symmetry
// must count exactly the orbits: an independent check of the reduction.
func Orbits[S any](m *checker.Model[S], perms [][]int, permute func(S, []int) S) (states, orbits int) {
	seen := map[uint64]bool{}  // lookups and a count only
	named := map[uint64]bool{} // a count only
	var frontier []S
	add := func(s S) {
		f := m.StateFingerprint(s)
		if seen[f] {
			return
		}
		seen[f] = true
		least := f
		for _, p := range perms {
			least = min(least, m.StateFingerprint(permute(s, p)))
		}
		named[least] = true
		frontier = append(frontier, s)
	}
	m.Init(func(_ string, s S) bool { add(s); return true })
	for len(frontier) > 0 {
		s := frontier[0]
		frontier = frontier[1:]
		m.Next(s, func(_ string, t S) bool { add(t); return true })
	}
	return len(seen), len(named)
}
