package systems

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"

	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/paxos/paxosmodel"
)

func init() {
	cli.Register(cli.Def[paxosmodel.MultiSystem]{
		Name: "multipaxos",
		Doc:  "impl/paxos Multi-Paxos: a replicated log; one value per slot, logs applied in one order (claim C7)",
		Params: append([]cli.Param{
			{Name: "replicas", Default: 2, Min: 1, Max: 5, Doc: "number of replicas (each an acceptor, a learner and a would-be leader)"},
			{Name: "maxBallot", Default: 1, Min: 0, Max: 8, Doc: "no replica campaigns with a higher ballot (ballots are round*replicas+id)"},
			{Name: "maxSlots", Default: 1, Min: 0, Max: 6, Doc: "leaders propose no command at this slot or beyond"},
		}, envParams(0, 6)...),
		Variants: []cli.Variant{
			{Name: "correct", Doc: "Multi-Paxos with leader recovery of accepted values"},
			{Name: "leader-ignores-reports", Bug: true, Doc: "a new leader fills unchosen slots with no-ops instead of re-proposing reported values",
				Violates: []string{"OneValuePerSlot", "AppliedAgree"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[paxosmodel.MultiSystem], error) {
			env, err := envFrom(p)
			if err != nil {
				return nil, fmt.Errorf("multipaxos: %w", err)
			}
			c := paxosmodel.MultiConfig{Replicas: p["replicas"], MaxBallot: p["maxBallot"], MaxSlots: p["maxSlots"], Env: env,
				Bugs: paxos.MultiBugs{LeaderIgnoresReports: variant == "leader-ignores-reports"}}
			return c.Model()
		},
	})
}
