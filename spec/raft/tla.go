package raft

import (
	_ "embed" // Raft.tla, written beside exported traces
	"fmt"
	"strconv"

	"github.com/distcheck/distcheck/tlatrace"
)

// Source is the text of Raft.tla.
//
//go:embed Raft.tla
var Source string

// TLASpec describes Raft.tla with c's constants, for trace validation.
func (c Config) TLASpec() tlatrace.Spec {
	var mvs, servers, values []string
	for i := 0; i < c.Servers; i++ {
		servers = append(servers, server(uint8(i)))
	}
	for v := 1; v <= c.Values; v++ {
		values = append(values, "v"+strconv.Itoa(v))
	}
	mvs = append(append(mvs, servers...), values...)
	return tlatrace.Spec{
		Module: "Raft",
		Source: Source,
		Vars:   []string{"currentTerm", "role", "votedFor", "log", "commitIndex", "votesGranted", "matchIndex", "msgs"},
		Constants: []tlatrace.Constant{
			{Name: "Server", Value: tlatrace.Set(models(servers)...).String()},
			{Name: "Value", Value: tlatrace.Set(models(values)...).String()},
			{Name: "MaxTerm", Value: strconv.Itoa(c.MaxTerm)},
			{Name: "MaxLogLen", Value: strconv.Itoa(c.MaxLogLen)},
			{Name: "Nil", Value: "Nil"},
		},
		ModelValues: mvs,
	}
}

func models(names []string) []tlatrace.Value {
	out := make([]tlatrace.Value, len(names))
	for k, n := range names {
		out[k] = tlatrace.Model(n)
	}
	return out
}

func server(i uint8) string { return fmt.Sprintf("s%d", i+1) }

// TLAState renders s as the values of Raft.tla's variables.
func (c Config) TLAState(s State) map[string]tlatrace.Value {
	n := c.Servers
	perServer := func(f func(i int) tlatrace.Value) tlatrace.Value {
		keys := make([]tlatrace.Value, n)
		vals := make([]tlatrace.Value, n)
		for i := 0; i < n; i++ {
			keys[i], vals[i] = tlatrace.Model(server(uint8(i))), f(i)
		}
		return tlatrace.Fn(keys, vals)
	}
	srv := func(i uint8) tlatrace.Value { return tlatrace.Model(server(i)) }
	msgs := make([]tlatrace.Value, len(s.Msgs))
	for k, m := range s.Msgs {
		msgs[k] = tlaMsg(m)
	}
	return map[string]tlatrace.Value{
		"currentTerm": perServer(func(i int) tlatrace.Value { return tlatrace.Int(int(s.CurrentTerm[i])) }),
		"role":        perServer(func(i int) tlatrace.Value { return tlatrace.Str(s.Role[i].String()) }),
		"votedFor": perServer(func(i int) tlatrace.Value {
			if s.VotedFor[i] == Nil {
				return tlatrace.Model("Nil")
			}
			return srv(s.VotedFor[i])
		}),
		"log":         perServer(func(i int) tlatrace.Value { return tlaLog(s.Log[i]) }),
		"commitIndex": perServer(func(i int) tlatrace.Value { return tlatrace.Int(int(s.CommitIndex[i])) }),
		"votesGranted": perServer(func(i int) tlatrace.Value {
			var set []tlatrace.Value
			for j := 0; j < n; j++ {
				if s.VotesGranted[i]&(1<<j) != 0 {
					set = append(set, srv(uint8(j)))
				}
			}
			return tlatrace.Set(set...)
		}),
		"matchIndex": perServer(func(i int) tlatrace.Value {
			return perServer(func(j int) tlatrace.Value { return tlatrace.Int(int(s.MatchIndex[i][j])) })
		}),
		"msgs": tlatrace.Set(msgs...),
	}
}

func tlaLog(l Log) tlatrace.Value {
	es := make([]tlatrace.Value, l.Len())
	for k := range es {
		e := l.At(k + 1)
		es[k] = tlatrace.Rec(tlatrace.Field{Name: "term", Value: tlatrace.Int(int(e.Term))},
			tlatrace.Field{Name: "value", Value: tlatrace.Model("v" + strconv.Itoa(int(e.Value)))})
	}
	return tlatrace.Seq(es...)
}

func tlaMsg(m Msg) tlatrace.Value {
	i := func(n uint8) tlatrace.Value { return tlatrace.Int(int(n)) }
	f := []tlatrace.Field{
		{Name: "type", Value: tlatrace.Str(m.Type.String())},
		{Name: "term", Value: i(m.Term)},
		{Name: "src", Value: tlatrace.Model(server(m.Src))},
		{Name: "dst", Value: tlatrace.Model(server(m.Dst))},
	}
	switch m.Type {
	case RV:
		f = append(f, tlatrace.Field{Name: "lastLogTerm", Value: i(m.LastLogTerm)}, tlatrace.Field{Name: "lastLogIndex", Value: i(m.LastLogIndex)})
	case RVR:
		f = append(f, tlatrace.Field{Name: "granted", Value: tlatrace.Bool(m.Granted)})
	case AE:
		f = append(f, tlatrace.Field{Name: "prevIndex", Value: i(m.PrevIndex)}, tlatrace.Field{Name: "prevTerm", Value: i(m.PrevTerm)},
			tlatrace.Field{Name: "entries", Value: tlaLog(m.Entries)}, tlatrace.Field{Name: "commit", Value: i(m.Commit)})
	case AER:
		f = append(f, tlatrace.Field{Name: "success", Value: tlatrace.Bool(m.Success)}, tlatrace.Field{Name: "matchIndex", Value: i(m.MatchIndex)})
	}
	return tlatrace.Rec(f...)
}
