package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/link/linkmodel"
)

func init() {
	cli.Register(cli.Def[linkmodel.Generals]{
		Name:   "generals",
		Doc:    "claim C12, the part that is true: two generals cannot agree with certainty over a lossy link with bounded messages",
		Params: []cli.Param{{Name: "messages", Default: 4, Min: 1, Max: 64, Doc: "K: the handshake's message bound"}},
		Variants: []cli.Variant{{Name: "handshake", Doc: "alternate messages and acknowledgements; attack when every message addressed to you arrived",
			Violates: []string{"Agreement"}}},
		Build: func(_ string, p map[string]int) (*checker.Model[linkmodel.Generals], error) {
			return linkmodel.GeneralsModel(p["messages"])
		},
	})
}
