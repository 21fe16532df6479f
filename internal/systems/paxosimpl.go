package systems

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"

	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/paxos/paxosmodel"
)

func init() {
	cli.Register(cli.Def[paxosmodel.System]{
		Name: "paxos",
		Doc:  "impl/paxos single-decree Paxos: learners never learn different values (claim C7)",
		Params: append([]cli.Param{
			{Name: "proposers", Default: 2, Min: 1, Max: 4, Doc: "proposers (and learners); proposer k proposes v(k+1)"},
			{Name: "acceptors", Default: 2, Min: 1, Max: 5, Doc: "acceptors"},
			{Name: "maxBallot", Default: 2, Min: 0, Max: 8, Doc: "no proposer starts a round above this ballot (proposer k uses k, k+P, ...)"},
			{Name: "acceptorCrashesOnly", Default: 0, Min: 0, Max: 1, Doc: "1: only acceptors crash, and EventuallyLearned is judged (a crashed acceptor may never restart)"},
		}, envParams(1, 6)...),
		Variants: []cli.Variant{
			{Name: "correct", Doc: "Paxos as in Paxos Made Simple"},
			{Name: "acceptor-hides-value", Bug: true, Doc: "a promise does not report the acceptor's accepted proposal",
				Violates: []string{"Conformance", "PromiseInv", "Agreement", "LearnersAgree"}},
			{Name: "proposer-ignores-reports", Bug: true, Doc: "a proposer proposes its own value despite reported ones",
				Violates: []string{"Conformance", "ProposalInv", "Agreement", "LearnersAgree"}},
			{Name: "accept-lower-ballot", Bug: true, Doc: "an acceptor accepts a ballot lower than it promised",
				Violates: []string{"Conformance", "PromiseInv", "AcceptorInv", "VoteInv", "Agreement", "LearnersAgree"}},
			{Name: "half-quorum", Bug: true, Doc: "quorums of n/2 acceptors: with n = 2f, two quorums need not intersect (claim C3)",
				Violates: []string{"Conformance", "LearnersAgree", "Agreement", "ProposalInv", "PromiseInv", "VoteInv", "AcceptorInv"}},
			{Name: "volatile-acceptor", Bug: true, Doc: "an acceptor's promise and accepted proposal do not survive a restart",
				Violates: []string{"Conformance", "PromiseInv", "AcceptorInv", "VoteInv", "Agreement", "LearnersAgree"}, Params: map[string]int{"acceptors": 3, "maxBallot": 1}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[paxosmodel.System], error) {
			c, err := paxosConfig(variant, p)
			if err != nil {
				return nil, err
			}
			return c.Model()
		},
		Abstract: func(variant string, p map[string]int, s paxosmodel.System) string {
			c, err := paxosConfig(variant, p)
			if err != nil {
				return "" // Build has already refused these parameters
			}
			a := c.Abstract(s)
			return c.Spec().Format(&a)
		},
	})
}

// paxosConfig is the paxos system's model configuration for a variant and
// resolved parameters.
func paxosConfig(variant string, p map[string]int) (paxosmodel.Config, error) {
	env, err := envFrom(p)
	if err != nil {
		return paxosmodel.Config{}, fmt.Errorf("paxos: %w", err)
	}
	c := paxosmodel.Config{Proposers: p["proposers"], Acceptors: p["acceptors"], MaxBallot: p["maxBallot"], Env: env,
		AcceptorCrashesOnly: p["acceptorCrashesOnly"] != 0,
		Bugs: paxos.Bugs{
			AcceptorHidesValue:     variant == "acceptor-hides-value",
			ProposerIgnoresReports: variant == "proposer-ignores-reports",
			AcceptLowerBallot:      variant == "accept-lower-ballot",
			VolatileAcceptor:       variant == "volatile-acceptor",
			HalfQuorum:             variant == "half-quorum",
		}}
	return c, nil
}
