package cap

import "math/bits"

// A configuration is a state of the sequential register partway through a
// linearization of the history (Cap.tla's lin): the register's value and,
// per client, the value its pending operation read or wrote if it has
// taken effect already (seen, None if not). Configurations are numbered
// val + (Values+1) * sum_c code(seen[c]) * (Values+2)^c, with code(None)
// = 0 and code(x) = x+1, and Lin is the set of them as a bit set.
const linBits = (MaxValues + 1) * (MaxValues + 2) * (MaxValues + 2) * (MaxValues + 2)

// Lin is a set of configurations.
type Lin [(linBits + 63) / 64]uint64

func (l *Lin) set(i int) { l[i/64] |= 1 << (i % 64) }

// Empty reports whether no linearization explains the history.
func (l *Lin) Empty() bool { return *l == Lin{} }

type config struct {
	val  uint8
	seen [MaxClients]uint8
}

func (c Config) index(k config) int {
	i, w := int(k.val), c.Values+1
	for cl := 0; cl < c.Clients; cl++ {
		code := 0
		if k.seen[cl] != None {
			code = int(k.seen[cl]) + 1
		}
		i += w * code
		w *= c.Values + 2
	}
	return i
}

func (c Config) config(i int) config {
	k := config{val: uint8(i % (c.Values + 1))}
	i /= c.Values + 1
	for cl := range k.seen {
		k.seen[cl] = None
		if cl < c.Clients {
			if code := i % (c.Values + 2); code > 0 {
				k.seen[cl] = uint8(code - 1)
			}
			i /= c.Values + 2
		}
	}
	return k
}

// each calls f for every configuration in l.
func (l *Lin) each(f func(int)) {
	for w, word := range l {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			f(w*64 + b)
			word &^= 1 << b
		}
	}
}

// initLin is Init's lin: the register holds V0 and nothing has taken effect.
func (c Config) initLin() Lin {
	k := config{val: 0}
	for cl := range k.seen {
		k.seen[cl] = None
	}
	var l Lin
	l.set(c.index(k))
	return l
}

// takeEffect is TakeEffect(k, c).
func takeEffect(s *State, k config, cl int) config {
	if p := s.Pend[cl]; p.Op == OpWrite {
		k.val = p.Arg
		k.seen[cl] = p.Arg
	} else {
		k.seen[cl] = k.val
	}
	return k
}

// closure is Closure(lin): every order in which pending operations may take effect.
func (c Config) closure(s *State) Lin {
	l := s.Lin
	for {
		next := l
		l.each(func(i int) {
			k := c.config(i)
			for cl := 0; cl < c.Clients; cl++ {
				if s.Pend[cl] != Idle && k.seen[cl] == None {
					next.set(c.index(takeEffect(s, k, cl)))
				}
			}
		})
		if next == l {
			return l
		}
		l = next
	}
}

// respond is lin' of Answer(c, x): the configurations where client cl's
// operation has taken effect and, for a read, saw x; cl's entry cleared.
func (c Config) respond(s *State, cl int, x uint8) Lin {
	cls := c.closure(s)
	write := s.Pend[cl].Op == OpWrite
	var out Lin
	cls.each(func(i int) {
		k := c.config(i)
		if k.seen[cl] != None && (write || k.seen[cl] == x) {
			k.seen[cl] = None
			out.set(c.index(k))
		}
	})
	return out
}
