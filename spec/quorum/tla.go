package quorum

import (
	_ "embed" // Quorum.tla, written beside exported traces
	"fmt"
	"strconv"

	"github.com/distcheck/distcheck/tlatrace"
)

// Source is the text of Quorum.tla.
//
//go:embed Quorum.tla
var Source string

func node(n int) string { return fmt.Sprintf("n%d", n+1) }

// TLASpec describes Quorum.tla with c's constants, for trace validation.
func (c Config) TLASpec() tlatrace.Spec {
	var nodes, cands []tlatrace.Value
	var names []string
	for n := 0; n < c.Nodes; n++ {
		nodes = append(nodes, tlatrace.Model(node(n)))
		names = append(names, node(n))
	}
	for v := 1; v <= c.Candidates; v++ {
		cands = append(cands, tlatrace.Model(cand(uint8(v))))
		names = append(names, cand(uint8(v)))
	}
	return tlatrace.Spec{
		Module: "Quorum",
		Source: Source,
		Vars:   []string{"vote", "crashed"},
		Constants: []tlatrace.Constant{
			{Name: "Node", Value: tlatrace.Set(nodes...).String()},
			{Name: "Candidate", Value: tlatrace.Set(cands...).String()},
			{Name: "Q", Value: strconv.Itoa(c.Q)},
			{Name: "F", Value: strconv.Itoa(c.F)},
			{Name: "None", Value: "None"},
		},
		ModelValues: names,
	}
}

// TLAState renders s as the values of Quorum.tla's variables.
func (c Config) TLAState(s State) map[string]tlatrace.Value {
	keys := make([]tlatrace.Value, c.Nodes)
	vals := make([]tlatrace.Value, c.Nodes)
	var crashed []tlatrace.Value
	for n := range keys {
		keys[n] = tlatrace.Model(node(n))
		if s.Vote[n] == None {
			vals[n] = tlatrace.Model("None")
		} else {
			vals[n] = tlatrace.Model(cand(s.Vote[n]))
		}
		if s.Crashed&(1<<n) != 0 {
			crashed = append(crashed, tlatrace.Model(node(n)))
		}
	}
	return map[string]tlatrace.Value{"vote": tlatrace.Fn(keys, vals), "crashed": tlatrace.Set(crashed...)}
}
