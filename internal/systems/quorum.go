package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	qspec "github.com/distcheck/distcheck/spec/quorum"
)

func init() {
	var variants []cli.Variant
	for _, name := range qspec.ModelNames {
		c := qspec.Models[name]
		v := cli.Variant{Name: name, Doc: "the constants of spec/quorum/" + name + ".cfg",
			Params: map[string]int{"nodes": c.Nodes, "candidates": c.Candidates, "q": c.Q, "f": c.F, "live": boolInt(c.Live)}}
		switch name {
		case "MCQuorumSplit":
			v.Doc += " (n = 2f, Q = f: two winners)"
			v.Violates = []string{"AtMostOneWinner"}
		case "MCQuorumBlocked":
			v.Doc += " (n = 2f, Q = f+1: f crashes block every decision)"
			v.Violates = []string{"EventuallyDecided"}
		}
		variants = append(variants, v)
	}
	cli.Register(cli.Def[qspec.State]{
		Name: "quorum-spec",
		Doc:  "spec/quorum: claim C3, tolerating f crashes needs n >= 2f+1; state counts equal TLC's",
		Params: []cli.Param{
			{Name: "nodes", Default: 3, Min: 1, Max: 7, Doc: "Node = {n1..nN}"},
			{Name: "candidates", Default: 2, Min: 1, Max: 4, Doc: "Candidate = {A, B, ...}"},
			{Name: "q", Default: 2, Min: 1, Max: 7, Doc: "Q, the quorum size"},
			{Name: "f", Default: 1, Min: 0, Max: 7, Doc: "F, the most nodes that crash"},
			{Name: "live", Default: 0, Min: 0, Max: 1, Doc: "1: LiveSpec with EventuallyDecided"},
		},
		Variants: variants,
		Build: func(_ string, p map[string]int) (*checker.Model[qspec.State], error) {
			c, err := quorumSpecConfig(p)
			if err != nil {
				return nil, err
			}
			return c.Model(), nil
		},
	})
}

// quorumSpecConfig is quorum-spec's constants from resolved parameters.
func quorumSpecConfig(p map[string]int) (qspec.Config, error) {
	c := qspec.Config{Nodes: p["nodes"], Candidates: p["candidates"], Q: p["q"], F: p["f"], Live: p["live"] != 0}
	return c, c.Validate()
}
