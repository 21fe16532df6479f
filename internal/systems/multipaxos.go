package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/paxos/paxosmodel"
)

func init() {
	Register(Def[paxosmodel.MultiSystem]{
		Name: "multipaxos",
		Doc:  "impl/paxos Multi-Paxos: a replicated log; one value per slot, logs applied in one order (claim C7)",
		Params: []Param{
			{"replicas", 2, "number of replicas (each an acceptor, a learner and a would-be leader)"},
			{"maxBallot", 1, "no replica campaigns with a higher ballot (ballots are round*replicas+id)"},
			{"maxSlots", 1, "leaders propose no command at this slot or beyond"},
			{"crashes", 0, "crash-and-restart faults"},
			{"partitions", 0, "network partitions"},
			{"persistent", 1, "1: the network keeps every message; 0: messages are consumed on delivery"},
			{"drops", 0, "explicit message drops (persistent=0 only)"},
			{"dups", 0, "explicit message duplications (persistent=0 only)"},
			{"inFlight", 6, "most messages in flight at once (persistent=0 only)"},
		},
		Variants: []Variant{
			{Name: "correct", Doc: "Multi-Paxos with leader recovery of accepted values"},
			{Name: "leader-ignores-reports", Bug: true, Doc: "a new leader fills unchosen slots with no-ops instead of re-proposing reported values",
				Violates: []string{"OneValuePerSlot", "AppliedAgree"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[paxosmodel.MultiSystem], error) {
			c := paxosmodel.MultiConfig{Replicas: p["replicas"], MaxBallot: p["maxBallot"], MaxSlots: p["maxSlots"],
				Env: actor.Env{Persistent: p["persistent"] != 0, MaxCrashes: p["crashes"], MaxPartitions: p["partitions"],
					MaxDrops: p["drops"], MaxDuplicates: p["dups"]},
				Bugs: paxos.MultiBugs{LeaderIgnoresReports: variant == "leader-ignores-reports"}}
			if !c.Env.Persistent {
				c.Env.MaxInFlight = p["inFlight"]
			}
			return c.Model()
		},
	})
}
