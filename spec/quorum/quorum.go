package quorum

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/distcheck/distcheck/checker"
)

// MaxNodes bounds the fixed-size state.
const MaxNodes = 8

// None is "has not voted"; candidates are 1..C (A, B, ...).
const None = 0

// Config holds Quorum.tla's constants.
type Config struct {
	Nodes, Candidates, Q, F int
	Live                    bool // LiveSpec with EventuallyDecided (else Spec)
}

// Models are the .cfg files beside Quorum.tla.
var Models = map[string]Config{
	"MCQuorumSafe":    {Nodes: 3, Candidates: 2, Q: 2, F: 1},
	"MCQuorumSplit":   {Nodes: 4, Candidates: 2, Q: 2, F: 2},
	"MCQuorumBlocked": {Nodes: 4, Candidates: 1, Q: 3, F: 2, Live: true},
	"MCQuorumLive":    {Nodes: 5, Candidates: 1, Q: 3, F: 2, Live: true},
}

// ModelNames lists Models in a fixed order.
var ModelNames = []string{"MCQuorumSafe", "MCQuorumSplit", "MCQuorumBlocked", "MCQuorumLive"}

// Validate rejects constants the state cannot hold.
func (c Config) Validate() error {
	if c.Nodes < 1 || c.Nodes > MaxNodes || c.Candidates < 1 || c.Candidates > 9 || c.Q < 0 || c.F < 0 || c.F > c.Nodes {
		return fmt.Errorf("quorum spec: constants %+v out of range (nodes 1..%d, candidates 1..9, 0 <= F <= nodes)", c, MaxNodes)
	}
	return nil
}

// State is Quorum.tla's variables.
type State struct {
	Vote    [MaxNodes]uint8
	Crashed uint8 // bit set
}

func cand(c uint8) string { return string(rune('A' + c - 1)) }

// Next is Quorum.tla's Next: Vote(n, c) and Crash(n).
func (c Config) Next(s State, yield func(string, State) bool) {
	for n := 0; n < c.Nodes; n++ {
		for v := uint8(1); int(v) <= c.Candidates; v++ {
			if s.Crashed&(1<<n) == 0 && s.Vote[n] == None {
				t := s
				t.Vote[n] = v
				if !yield(fmt.Sprintf("Vote(n%d,%s)", n+1, cand(v)), t) {
					return
				}
			}
		}
		if s.Crashed&(1<<n) == 0 && bits.OnesCount8(s.Crashed) < c.F {
			t := s
			t.Crashed |= 1 << n
			if !yield(fmt.Sprintf("Crash(n%d)", n+1), t) {
				return
			}
		}
	}
}

func (c Config) wins(s *State, v uint8) bool {
	k := 0
	for n := 0; n < c.Nodes; n++ {
		if s.Vote[n] == v {
			k++
		}
	}
	return k >= c.Q
}

// AtMostOneWinner is Quorum.tla's AtMostOneWinner.
func (c Config) AtMostOneWinner(s *State) bool {
	w := 0
	for v := uint8(1); int(v) <= c.Candidates; v++ {
		if c.wins(s, v) {
			w++
		}
	}
	return w <= 1
}

// Decided: some candidate wins (the body of EventuallyDecided).
func (c Config) Decided(s *State) bool {
	for v := uint8(1); int(v) <= c.Candidates; v++ {
		if c.wins(s, v) {
			return true
		}
	}
	return false
}

// Model is the spec as a checker model.
func (c Config) Model() *checker.Model[State] {
	m := &checker.Model[State]{
		Name: "quorum-spec",
		Init: func(yield func(string, State) bool) { yield("Init", State{}) },
		Next: c.Next,
		Encode: func(s State, e *checker.Encoder) {
			for n := 0; n < c.Nodes; n++ {
				e.Uint(uint64(s.Vote[n]))
			}
			e.Uint(uint64(s.Crashed))
		},
		// Used only when a run asks for symmetry reduction.
		Symmetry: c.Symmetry,
		Format: func(s State) string {
			var parts []string
			for n := 0; n < c.Nodes; n++ {
				v := "-"
				if s.Vote[n] != None {
					v = cand(s.Vote[n])
				}
				if s.Crashed&(1<<n) != 0 {
					v += "(crashed)"
				}
				parts = append(parts, fmt.Sprintf("n%d:%s", n+1, v))
			}
			return strings.Join(parts, " ")
		},
		Properties: []checker.Property[State]{
			{Name: "TypeOK", Kind: checker.Always, Holds: func(s State) bool { return bits.OnesCount8(s.Crashed) <= c.F }},
			{Name: "AtMostOneWinner", Kind: checker.Always, Holds: func(s State) bool { return c.AtMostOneWinner(&s) }},
		},
	}
	if c.Live {
		m.Properties = append(m.Properties, checker.Property[State]{Name: "EventuallyDecided", Kind: checker.Eventually,
			Holds: func(s State) bool { return c.Decided(&s) }})
		// WF_vars(\E c : Vote(n, c)) for each node n: one instance per node.
		m.Fairness = []checker.Fairness{{Name: "WF_Vote", Instance: func(a string) (string, bool) {
			if !strings.HasPrefix(a, "Vote(") {
				return "", false
			}
			return a[:strings.IndexByte(a, ',')], true
		}}}
	}
	return m
}
