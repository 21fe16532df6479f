package checker

import "slices"

// store is the visited set: an open-addressing table from fingerprint to a
// dense state id, plus per-id arrays (fingerprint, parent, depth). Keeping
// parents as ids instead of states is what lets a counterexample be rebuilt
// by re-running Next along the chain, as TLC does, at 16 bytes per state.
type store struct {
	slots  []uint32 // id+1, 0 = empty
	mask   uint64
	fps    []uint64
	parent []uint32
	depth  []uint32
}

const noParent = ^uint32(0)

func newStore() *store {
	s := &store{}
	s.slots = make([]uint32, 1<<12)
	s.mask = uint64(len(s.slots) - 1)
	return s
}

func (s *store) len() int { return len(s.fps) }

// insert adds fp if absent and reports its id and whether it was new.
func (s *store) insert(fp uint64, parent uint32, depth uint32) (uint32, bool) {
	i := fp & s.mask
	for {
		v := s.slots[i]
		if v == 0 {
			break
		}
		if s.fps[v-1] == fp {
			return v - 1, false
		}
		i = (i + 1) & s.mask
	}
	id := uint32(len(s.fps))
	s.fps = append(s.fps, fp)
	s.parent = append(s.parent, parent)
	s.depth = append(s.depth, depth)
	s.slots[i] = id + 1
	if uint64(len(s.fps))*2 > uint64(len(s.slots)) {
		s.grow()
	}
	return id, true
}

func (s *store) grow() {
	slots := make([]uint32, len(s.slots)*2)
	mask := uint64(len(slots) - 1)
	for id, fp := range s.fps {
		i := fp & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = uint32(id) + 1
	}
	s.slots, s.mask = slots, mask
}

// sortedFingerprints returns a sorted copy of the visited fingerprints.
func (s *store) sortedFingerprints() []uint64 {
	out := slices.Clone(s.fps)
	slices.Sort(out)
	return out
}
