package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/paxos/paxosmodel"
)

func init() {
	Register(Def[paxosmodel.System]{
		Name: "paxos",
		Doc:  "impl/paxos single-decree Paxos: learners never learn different values (claim C7)",
		Params: []Param{
			{"proposers", 2, "proposers (and learners); proposer k proposes v(k+1)"},
			{"acceptors", 2, "acceptors"},
			{"maxBallot", 2, "no proposer starts a round above this ballot (proposer k uses k, k+P, ...)"},
			{"crashes", 1, "crash-and-restart faults (only durable state survives)"},
			{"partitions", 0, "network partitions"},
			{"persistent", 1, "1: the network keeps every message; 0: messages are consumed on delivery"},
			{"drops", 0, "explicit message drops (persistent=0 only)"},
			{"dups", 0, "explicit message duplications (persistent=0 only)"},
			{"inFlight", 6, "most messages in flight at once (persistent=0 only)"},
		},
		Variants: []Variant{
			{Name: "correct", Doc: "Paxos as in Paxos Made Simple"},
			{Name: "acceptor-hides-value", Bug: true, Doc: "a promise does not report the acceptor's accepted proposal",
				Violates: []string{"Conformance", "PromiseInv", "Agreement", "LearnersAgree"}},
			{Name: "proposer-ignores-reports", Bug: true, Doc: "a proposer proposes its own value despite reported ones",
				Violates: []string{"Conformance", "ProposalInv", "Agreement", "LearnersAgree"}},
			{Name: "accept-lower-ballot", Bug: true, Doc: "an acceptor accepts a ballot lower than it promised",
				Violates: []string{"Conformance", "PromiseInv", "AcceptorInv", "VoteInv", "Agreement", "LearnersAgree"}},
			{Name: "volatile-acceptor", Bug: true, Doc: "an acceptor's promise and accepted proposal do not survive a restart",
				Violates: []string{"Conformance", "PromiseInv", "AcceptorInv", "VoteInv", "Agreement", "LearnersAgree"}, Params: map[string]int{"acceptors": 3, "maxBallot": 1}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[paxosmodel.System], error) {
			c := paxosmodel.Config{Proposers: p["proposers"], Acceptors: p["acceptors"], MaxBallot: p["maxBallot"],
				Env: actor.Env{Persistent: p["persistent"] != 0, MaxCrashes: p["crashes"], MaxPartitions: p["partitions"],
					MaxDrops: p["drops"], MaxDuplicates: p["dups"]},
				Bugs: paxos.Bugs{
					AcceptorHidesValue:     variant == "acceptor-hides-value",
					ProposerIgnoresReports: variant == "proposer-ignores-reports",
					AcceptLowerBallot:      variant == "accept-lower-ballot",
					VolatileAcceptor:       variant == "volatile-acceptor",
				}}
			if !c.Env.Persistent {
				c.Env.MaxInFlight = p["inFlight"]
			}
			return c.Model()
		},
	})
}
