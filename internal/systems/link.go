package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/link/linkmodel"
)

func init() {
	cli.Register(cli.Def[linkmodel.System]{
		Name: "link",
		Doc:  "claim C12: retransmission and de-duplication give exactly-once delivery over a lossy, duplicating, reordering link",
		Params: []cli.Param{
			{Name: "messages", Default: 2, Min: 0, Max: 8, Doc: "payloads the sender's client submits"},
			{Name: "drops", Default: 2, Min: 0, Max: 8, Doc: "messages the network may lose"},
			{Name: "dups", Default: 1, Min: 0, Max: 8, Doc: "messages the network may duplicate"},
			{Name: "inFlight", Default: 3, Min: 1, Max: 16, Doc: "most messages in flight at once"},
		},
		Variants: []cli.Variant{
			{Name: "correct", Doc: "retransmit unacknowledged messages on a timer; deliver each sequence number once"},
			{Name: "send-once", Bug: true, Doc: "no retransmission: a lost message is lost forever", Violates: []string{"AllDelivered"}},
			{Name: "no-dedup", Bug: true, Doc: "no de-duplication: a retransmitted or duplicated message is delivered twice", Violates: []string{"AtMostOnce", "OnlySent"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[linkmodel.System], error) {
			return linkmodel.Config{Messages: p["messages"], Retransmit: variant != "send-once", NoDedup: variant == "no-dedup",
				Env: actor.Env{MaxDrops: p["drops"], MaxDuplicates: p["dups"], MaxInFlight: p["inFlight"]}}.Model()
		},
	})
}
