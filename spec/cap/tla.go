package cap

import (
	_ "embed" // Cap.tla, written beside exported traces
	"fmt"
	"strconv"

	"github.com/distcheck/distcheck/tlatrace"
)

// Source is the text of Cap.tla.
//
//go:embed Cap.tla
var Source string

func client(cl int) string { return fmt.Sprintf("c%d", cl+1) }

// tlaVal renders a value: 0 is V0 (the model value v0), None is None.
func tlaVal(v uint8) tlatrace.Value {
	if v == None {
		return tlatrace.Model("None")
	}
	return tlatrace.Model("v" + strconv.Itoa(int(v)))
}

// TLASpec describes Cap.tla with c's constants, for trace validation.
func (c Config) TLASpec() tlatrace.Spec {
	var clients, values []tlatrace.Value
	var names []string
	for cl := 0; cl < c.Clients; cl++ {
		clients = append(clients, tlatrace.Model(client(cl)))
		names = append(names, client(cl))
	}
	for v := 1; v <= c.Values; v++ {
		values = append(values, tlaVal(uint8(v)))
		names = append(names, "v"+strconv.Itoa(v))
	}
	names = append(names, "v0")
	return tlatrace.Spec{
		Module: "Cap",
		Source: Source,
		Vars:   []string{"store", "net", "partitioned", "partitions", "pend", "ops", "lin"},
		Constants: []tlatrace.Constant{
			{Name: "Design", Value: strconv.Quote(c.Design.String())},
			{Name: "Client", Value: tlatrace.Set(clients...).String()},
			{Name: "Value", Value: tlatrace.Set(values...).String()},
			{Name: "V0", Value: "v0"},
			{Name: "None", Value: "None"},
			{Name: "MaxOps", Value: strconv.Itoa(c.MaxOps)},
			{Name: "MaxPartitions", Value: strconv.Itoa(c.MaxPartitions)},
		},
		ModelValues: names,
	}
}

// TLAState renders s as the values of Cap.tla's variables.
func (c Config) TLAState(s State) map[string]tlatrace.Value {
	f := func(name string, v tlatrace.Value) tlatrace.Field { return tlatrace.Field{Name: name, Value: v} }
	version := func(v Version) tlatrace.Value {
		return tlatrace.Rec(f("ts", tlatrace.Seq(tlatrace.Int(int(v.N)), tlatrace.Int(int(v.R)))), f("val", tlaVal(v.Val)))
	}
	perClient := func(g func(cl int) tlatrace.Value) tlatrace.Value {
		keys := make([]tlatrace.Value, c.Clients)
		vals := make([]tlatrace.Value, c.Clients)
		for cl := range keys {
			keys[cl], vals[cl] = tlatrace.Model(client(cl)), g(cl)
		}
		return tlatrace.Fn(keys, vals)
	}
	var net []tlatrace.Value
	for _, m := range s.net() {
		cl := tlatrace.Model("None")
		if m.Client != None {
			cl = tlatrace.Model(client(int(m.Client)))
		}
		typ := map[uint8]string{Update: "update", SyncReq: "syncreq", SyncReply: "syncreply"}[m.Type]
		net = append(net, tlatrace.Rec(f("type", tlatrace.Str(typ)), f("client", cl), f("to", tlatrace.Int(int(m.To))), f("ver", version(m.Ver))))
	}
	var lin []tlatrace.Value
	s.Lin.each(func(i int) {
		k := c.config(i)
		lin = append(lin, tlatrace.Rec(f("val", tlaVal(k.val)), f("seen", perClient(func(cl int) tlatrace.Value { return tlaVal(k.seen[cl]) }))))
	})
	ops := map[uint8]string{OpNone: "none", OpRead: "read", OpWrite: "write"}
	return map[string]tlatrace.Value{
		"store":       tlatrace.Seq(version(s.Store[0]), version(s.Store[1])),
		"net":         tlatrace.Set(net...),
		"partitioned": tlatrace.Bool(s.Partitioned),
		"partitions":  tlatrace.Int(int(s.Partitions)),
		"pend": perClient(func(cl int) tlatrace.Value {
			p := s.Pend[cl]
			return tlatrace.Rec(f("op", tlatrace.Str(ops[p.Op])), f("arg", tlaVal(p.Arg)), f("rep", tlatrace.Int(int(p.Rep))))
		}),
		"ops": perClient(func(cl int) tlatrace.Value { return tlatrace.Int(int(s.Ops[cl])) }),
		"lin": tlatrace.Set(lin...),
	}
}
