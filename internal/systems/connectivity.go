package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/graph/graphmodel"
)

func init() {
	cli.Register(cli.Def[graphmodel.State]{
		Name: "connectivity",
		Doc:  "claim C2: a connected system stays connected when at most f nodes fail; every labelled graph on n nodes, every failure set",
		Params: []cli.Param{
			{Name: "nodes", Default: 4, Min: 1, Max: 7, Doc: "n: every labelled graph on n nodes is an initial state (at most 7)"},
			{Name: "f", Default: 1, Min: 0, Max: 6, Doc: "failures: nodes fail one at a time, up to f"},
		},
		Variants: []cli.Variant{
			{Name: "vertex-connected", Doc: "the corrected claim: (f+1)-vertex-connected graphs stay connected (Whitney, Menger)"},
			{Name: "seed-theorem", Doc: "Theorem 1.1 as the seed states it: any connected graph (refuted: a path loses its middle node)",
				Violates: []string{"StaysConnected"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[graphmodel.State], error) {
			h := graphmodel.VertexConnected
			if variant == "seed-theorem" {
				h = graphmodel.Connected
			}
			return graphmodel.Model(p["nodes"], p["f"], h)
		},
	})
}
