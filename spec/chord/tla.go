package chord

import (
	_ "embed" // Chord.tla, written beside exported traces
	"strconv"

	"github.com/distcheck/distcheck/tlatrace"
)

// Source is the text of Chord.tla.
//
//go:embed Chord.tla
var Source string

// TLASpec describes Chord.tla with c's constants, for trace validation.
// Nodes are the numbers 1..N, so no model values are needed.
func (c Config) TLASpec() tlatrace.Spec {
	base := make([]tlatrace.Value, len(c.Base))
	for k, b := range c.Base {
		base[k] = tlatrace.Int(b)
	}
	return tlatrace.Spec{
		Module: "Chord",
		Source: Source,
		Vars:   []string{"succ", "prdc", "stab", "notify", "joins", "fails"},
		Constants: []tlatrace.Constant{
			{Name: "N", Value: strconv.Itoa(c.N)},
			{Name: "R", Value: strconv.Itoa(c.R)},
			{Name: "Base", Value: tlatrace.Set(base...).String()},
			{Name: "Corrected", Value: tlatrace.Bool(c.Corrected).String()},
			{Name: "MaxJoins", Value: strconv.Itoa(c.MaxJoins)},
			{Name: "MaxFails", Value: strconv.Itoa(c.MaxFails)},
		},
	}
}

// TLAState renders s as the values of Chord.tla's variables.
func (c Config) TLAState(s State) map[string]tlatrace.Value {
	perNode := func(f func(n int) tlatrace.Value) tlatrace.Value {
		out := make([]tlatrace.Value, c.N)
		for n := range out {
			out[n] = f(n)
		}
		return tlatrace.Seq(out...)
	}
	return map[string]tlatrace.Value{
		"succ": perNode(func(n int) tlatrace.Value {
			l := make([]tlatrace.Value, c.R)
			for i := range l {
				l[i] = tlatrace.Int(int(s.Succ[n][i]))
			}
			return tlatrace.Seq(l...)
		}),
		"prdc":   perNode(func(n int) tlatrace.Value { return tlatrace.Int(int(s.Prdc[n])) }),
		"stab":   perNode(func(n int) tlatrace.Value { return tlatrace.Int(int(s.Stab[n])) }),
		"notify": perNode(func(n int) tlatrace.Value { return tlatrace.Int(int(s.Notify[n])) }),
		"joins":  tlatrace.Int(int(s.Joins)),
		"fails":  tlatrace.Int(int(s.Fails)),
	}
}
