package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/detector/detectormodel"
)

func init() {
	cli.Register(cli.Def[detectormodel.System]{
		Name: "detector",
		Doc:  "claim C10: a heartbeat detector in the asynchronous model is not perfect (a slow, correct process is suspected)",
		Params: []cli.Param{
			{Name: "timeout", Default: 1, Min: 1, Max: 16, Doc: "initial timeout, in ticks of the monitor's clock"},
			{Name: "beats", Default: 2, Min: 0, Max: 16, Doc: "heartbeats the process sends at most"},
			{Name: "ticks", Default: 4, Min: 0, Max: 32, Doc: "ticks of the monitor's clock at most"},
			{Name: "crashes", Default: 1, Min: 0, Max: 1, Doc: "the process (or monitor) may crash"},
			{Name: "inFlight", Default: 2, Min: 0, Max: 16, Doc: "most heartbeats in flight (any may be delayed indefinitely)"},
		},
		Variants: []cli.Variant{
			{Name: "backoff", Doc: "suspect on timeout, declare failed after a further miss, revise on a late heartbeat and double the timeout",
				Violates: []string{"StrongAccuracy"}},
			{Name: "seed", Doc: "the seed's detector: a declared failure is never revised", Violates: []string{"StrongAccuracy"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[detectormodel.System], error) {
			return detectormodel.Config{Timeout: p["timeout"], Beats: p["beats"], Ticks: p["ticks"], NeverRevise: variant == "seed",
				Env: actor.Env{MaxCrashes: p["crashes"], MaxInFlight: p["inFlight"]}}.Model()
		},
	})
}
