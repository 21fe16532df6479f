package paxos

import (
	_ "embed" // Paxos.tla, written beside exported traces
	"fmt"
	"strconv"

	"github.com/distcheck/distcheck/tlatrace"
)

// Source is the text of Paxos.tla.
//
//go:embed Paxos.tla
var Source string

// TLASpec describes Paxos.tla with c's constants, for trace validation.
func (c Config) TLASpec() tlatrace.Spec {
	var accs, vals []tlatrace.Value
	var names []string
	for a := 0; a < c.Acceptors; a++ {
		accs = append(accs, tlatrace.Model(acceptor(a)))
		names = append(names, acceptor(a))
	}
	for v := 1; v <= c.Values; v++ {
		vals = append(vals, tlatrace.Model(valueName(uint8(v))))
		names = append(names, valueName(uint8(v)))
	}
	return tlatrace.Spec{
		Module: "Paxos",
		Source: Source,
		Vars:   []string{"maxBal", "maxVBal", "maxVal", "msgs", "pBal"},
		Constants: []tlatrace.Constant{
			{Name: "Acceptor", Value: tlatrace.Set(accs...).String()},
			{Name: "Value", Value: tlatrace.Set(vals...).String()},
			{Name: "NumProposers", Value: strconv.Itoa(c.Proposers)},
			{Name: "MaxBallot", Value: strconv.Itoa(c.MaxBallot)},
			{Name: "None", Value: "None"},
		},
		ModelValues: names,
	}
}

func acceptor(a int) string { return fmt.Sprintf("a%d", a+1) }

// TLAState renders s as the values of Paxos.tla's variables.
func (c Config) TLAState(s State) map[string]tlatrace.Value {
	perAcc := func(f func(a int) tlatrace.Value) tlatrace.Value {
		keys := make([]tlatrace.Value, c.Acceptors)
		vals := make([]tlatrace.Value, c.Acceptors)
		for a := range keys {
			keys[a], vals[a] = tlatrace.Model(acceptor(a)), f(a)
		}
		return tlatrace.Fn(keys, vals)
	}
	keys := make([]tlatrace.Value, c.Proposers)
	vals := make([]tlatrace.Value, c.Proposers)
	for p := range keys {
		keys[p], vals[p] = tlatrace.Int(p), tlatrace.Int(int(s.PBal[p]))
	}
	msgs := make([]tlatrace.Value, len(s.Msgs))
	for k, m := range s.Msgs {
		msgs[k] = tlaMsg(m)
	}
	return map[string]tlatrace.Value{
		"maxBal":  perAcc(func(a int) tlatrace.Value { return tlatrace.Int(int(s.MaxBal[a])) }),
		"maxVBal": perAcc(func(a int) tlatrace.Value { return tlatrace.Int(int(s.MaxVBal[a])) }),
		"maxVal":  perAcc(func(a int) tlatrace.Value { return tlatrace.Model(valueName(s.MaxVal[a])) }),
		"msgs":    tlatrace.Set(msgs...),
		"pBal":    tlatrace.Fn(keys, vals),
	}
}

func tlaMsg(m Msg) tlatrace.Value {
	f := func(name string, v tlatrace.Value) tlatrace.Field { return tlatrace.Field{Name: name, Value: v} }
	typ := f("type", tlatrace.Str(m.Type.String()))
	bal := f("bal", tlatrace.Int(int(m.Bal)))
	acc := f("acc", tlatrace.Model(acceptor(int(m.Acc))))
	val := tlatrace.Model(valueName(m.Val))
	switch m.Type {
	case M1a:
		return tlatrace.Rec(typ, bal)
	case M1b:
		return tlatrace.Rec(typ, acc, bal, f("mbal", tlatrace.Int(int(m.MBal))), f("mval", val))
	case M2a:
		return tlatrace.Rec(typ, bal, f("val", val))
	default:
		return tlatrace.Rec(typ, acc, bal, f("val", val))
	}
}
