package systems

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/raft/raftmodel"
	rspec "github.com/distcheck/distcheck/spec/raft"
)

func init() {
	cli.Register(cli.Def[raftmodel.System]{
		Name: "raft",
		Doc:  "impl/raft under faults, checked against spec/raft step by step (Conformance) and against Raft's safety properties (claim C9)",
		Params: append([]cli.Param{
			{Name: "servers", Default: 2, Min: 1, Max: 5, Doc: "number of servers"},
			{Name: "values", Default: 1, Min: 1, Max: 3, Doc: "distinct values clients propose"},
			{Name: "maxTerm", Default: 2, Min: 0, Max: 8, Doc: "no election timer fires at this term"},
			{Name: "maxLogLen", Default: 1, Min: 0, Max: 6, Doc: "leaders accept no proposal once their log is this long"},
		}, envParams(1, 3)...),
		Variants: []cli.Variant{
			{Name: "correct", Doc: "Raft as in the paper"},
			{Name: "vote-not-persisted", Bug: true, Doc: "the vote is not written to stable storage, so a restarted node can vote twice in a term",
				Violates: []string{"ElectionSafety", "Conformance"}, Params: map[string]int{"servers": 3, "maxTerm": 1, "maxLogLen": 0}},
			{Name: "commit-previous-term", Bug: true, Doc: "a leader commits an entry of an earlier term by counting replicas (Raft paper, Figure 8)",
				Violates: []string{"Conformance"}},
			{Name: "skip-up-to-date-check", Bug: true, Doc: "a voter grants its vote without the log up-to-date check (§5.4.1)",
				Violates: []string{"Conformance"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[raftmodel.System], error) {
			c, err := raftConfig(variant, p)
			if err != nil {
				return nil, err
			}
			return c.Model()
		},
		Abstract: func(variant string, p map[string]int, s raftmodel.System) string {
			c, err := raftConfig(variant, p)
			if err != nil {
				return "" // Build has already refused these parameters
			}
			a := c.Abstract(s)
			return a.Format(c.Servers)
		},
	})

	var variants []cli.Variant
	for _, name := range []string{"MCRaft", "MCRaftElection"} {
		c := rspec.Models[name]
		variants = append(variants, cli.Variant{Name: name, Doc: "the constants of spec/raft/" + name + ".cfg",
			Params: map[string]int{"servers": c.Servers, "values": c.Values, "maxTerm": c.MaxTerm, "maxLogLen": c.MaxLogLen}})
	}
	cli.Register(cli.Def[rspec.State]{
		Name: "raft-spec",
		Doc:  "spec/raft: Raft.tla transliterated to Go; state counts equal TLC's",
		Params: []cli.Param{
			{Name: "servers", Default: 2, Min: 1, Max: 5, Doc: "Server = {s1..sN}"},
			{Name: "values", Default: 1, Min: 1, Max: 3, Doc: "Value = {v1..vN}"},
			{Name: "maxTerm", Default: 2, Min: 0, Max: 8, Doc: "MaxTerm"},
			{Name: "maxLogLen", Default: 1, Min: 0, Max: 6, Doc: "MaxLogLen"},
		},
		Variants: variants,
		Build: func(_ string, p map[string]int) (*checker.Model[rspec.State], error) {
			c, err := raftSpecConfig(p)
			if err != nil {
				return nil, err
			}
			return c.Model(), nil
		},
	})
}

// raftConfig is the raft system's model configuration for a variant and
// resolved parameters.
func raftConfig(variant string, p map[string]int) (*raftmodel.Config, error) {
	env, err := envFrom(p)
	if err != nil {
		return nil, fmt.Errorf("raft: %w", err)
	}
	c := &raftmodel.Config{Servers: p["servers"], Values: p["values"], MaxTerm: p["maxTerm"], MaxLogLen: p["maxLogLen"], Env: env}
	switch variant {
	case "vote-not-persisted":
		c.Bugs.VoteNotPersisted = true
	case "commit-previous-term":
		c.Bugs.CommitPreviousTerm = true
	case "skip-up-to-date-check":
		c.Bugs.SkipUpToDateCheck = true
	}
	return c, nil
}

// raftSpecConfig is raft-spec's constants from resolved parameters.
func raftSpecConfig(p map[string]int) (rspec.Config, error) {
	c := rspec.Config{Servers: p["servers"], Values: p["values"], MaxTerm: p["maxTerm"], MaxLogLen: p["maxLogLen"]}
	return c, c.Validate()
}
