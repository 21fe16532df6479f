package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	pspec "github.com/distcheck/distcheck/spec/paxos"
)

func init() {
	var variants []cli.Variant
	for _, name := range pspec.ModelNames {
		c := pspec.Models[name]
		v := cli.Variant{Name: name, Doc: "the constants and specification of spec/paxos/" + name + ".cfg",
			Params: map[string]int{"acceptors": c.Acceptors, "values": c.Values, "proposers": c.Proposers,
				"maxBallot": c.MaxBallot, "live": boolInt(c.Live)}}
		if name == "MCPaxosDuel" {
			v.Doc += " (two proposers duel: claim C8 refuted)"
			v.Violates = []string{"EventuallyChosen"}
		}
		variants = append(variants, v)
	}
	cli.Register(cli.Def[pspec.State]{
		Name: "paxos-spec",
		Doc:  "spec/paxos: Paxos.tla transliterated to Go; state counts equal TLC's (claims C7, C8)",
		Params: []cli.Param{
			{Name: "acceptors", Default: 3, Min: 1, Max: 5, Doc: "Acceptor = {a1..aN}"},
			{Name: "values", Default: 2, Min: 1, Max: 3, Doc: "Value = {v1..vN}"},
			{Name: "proposers", Default: 2, Min: 1, Max: 3, Doc: "NumProposers (proposer p owns the ballots b with b % NumProposers = p)"},
			{Name: "maxBallot", Default: 1, Min: 0, Max: 8, Doc: "MaxBallot (ballots are 0..MaxBallot)"},
			{Name: "live", Default: 0, Min: 0, Max: 1, Doc: "1: SPECIFICATION LiveSpec with PROPERTY EventuallyChosen; 0: Spec with the invariants only"},
		},
		Variants: variants,
		Build: func(_ string, p map[string]int) (*checker.Model[pspec.State], error) {
			c, err := paxosSpecConfig(p)
			if err != nil {
				return nil, err
			}
			return c.Model(), nil
		},
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// paxosSpecConfig is paxos-spec's constants from resolved parameters.
func paxosSpecConfig(p map[string]int) (pspec.Config, error) {
	c := pspec.Config{Acceptors: p["acceptors"], Values: p["values"], Proposers: p["proposers"],
		MaxBallot: p["maxBallot"], Live: p["live"] != 0}
	return c, c.Validate()
}
