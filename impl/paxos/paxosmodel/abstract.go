package paxosmodel

import (
	"strconv"
	"strings"

	"github.com/distcheck/distcheck/impl/paxos"
	pspec "github.com/distcheck/distcheck/spec/paxos"
)

// Spec returns the constants of the spec the model is checked against:
// one value per proposer, the same ballots, no liveness.
func (c Config) Spec() pspec.Config {
	return pspec.Config{Acceptors: c.Acceptors, Values: c.Proposers, Proposers: c.Proposers, MaxBallot: c.MaxBallot}
}

// Abstract maps a system state to Paxos.tla's variables: acceptors' maxBal,
// maxVBal, maxVal; proposers' current ballot (pBal); and the messages ever
// sent, without their addresses (the spec's messages are broadcast). What
// the spec does not have (promises collected, learners' votes, the round
// flags) is dropped.
func (c Config) Abstract(s System) pspec.State {
	var out pspec.State
	for i, n := range s.Nodes {
		if n.A != nil {
			a := i - c.Proposers
			b, v := n.A.Accepted()
			out.MaxBal[a], out.MaxVBal[a], out.MaxVal[a] = int8(n.A.Promised()), int8(b), value(v)
			continue
		}
		out.PBal[i] = int8(n.P.Ballot())
	}
	net := s.Messages(!c.Env.Persistent)
	ms := make([]pspec.Msg, 0, len(net))
	for _, f := range net {
		m := f.Msg
		x := pspec.Msg{Bal: int8(m.Bal)}
		switch m.Type {
		case paxos.Msg1a:
			x.Type = pspec.M1a
		case paxos.Msg1b:
			x.Type, x.Acc, x.MBal, x.Val = pspec.M1b, uint8(m.From-c.Proposers), int8(m.MaxVBal), value(m.MaxVal)
		case paxos.Msg2a:
			x.Type, x.Val = pspec.M2a, value(m.Val)
		case paxos.Msg2b:
			x.Type, x.Acc, x.Val = pspec.M2b, uint8(m.From-c.Proposers), value(m.Val)
		}
		ms = append(ms, x)
	}
	out.Msgs = pspec.NewMsgs(ms)
	return out
}

// value maps "vK" to K and "" to the spec's None.
func value(v string) uint8 {
	if v == "" {
		return pspec.None
	}
	k, err := strconv.Atoi(strings.TrimPrefix(v, "v"))
	if err != nil {
		panic("paxosmodel: value " + strconv.Quote(v) + " is not of the form vK")
	}
	return uint8(k)
}
