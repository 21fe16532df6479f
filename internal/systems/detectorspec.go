package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	dspec "github.com/distcheck/distcheck/spec/detector"
)

func init() {
	var variants []cli.Variant
	for _, name := range dspec.ModelNames {
		c := dspec.Models[name]
		v := cli.Variant{Name: name, Doc: "the constants of spec/detector/" + name + ".cfg",
			Params: map[string]int{"maxTime": c.MaxTime, "timeout0": c.Timeout0, "maxTimeout": c.MaxTimeout,
				"gst": c.GST, "delta": c.Delta, "maxMistakes": c.MaxMistakes}}
		switch name {
		case "MCDetectorAsync":
			v.Doc += " (asynchronous: a live process is suspected, claim C10)"
			v.Violates = []string{"StrongAccuracy"}
		case "MCDetectorPartialSync":
			v.Doc += " (partially synchronous with backoff: at most 2 mistakes after GST, complete; claim C11)"
		case "MCDetectorNoBackoff":
			v.Doc += " (a fixed timeout below the delay bound: mistakes never stop)"
			v.Violates = []string{"EventualAccuracy"}
		}
		variants = append(variants, v)
	}
	cli.Register(cli.Def[dspec.State]{
		Name: "detector-spec",
		Doc:  "spec/detector: heartbeat failure detection under asynchrony and partial synchrony (claims C10, C11); state counts equal TLC's",
		Params: []cli.Param{
			{Name: "maxTime", Default: 4, Min: 0, Max: 32, Doc: "MaxTime"}, {Name: "timeout0", Default: 1, Min: 1, Max: 32, Doc: "Timeout0"}, {Name: "maxTimeout", Default: 4, Min: 1, Max: 32, Doc: "MaxTimeout"},
			{Name: "gst", Default: 100, Min: 0, Max: 1000, Doc: "GST"}, {Name: "delta", Default: 1, Min: 0, Max: 32, Doc: "Delta"}, {Name: "maxMistakes", Default: 0, Min: 0, Max: 32, Doc: "MaxMistakes"},
		},
		Variants: variants,
		Build: func(variant string, p map[string]int) (*checker.Model[dspec.State], error) {
			c := dspec.Config{MaxTime: p["maxTime"], Timeout0: p["timeout0"], MaxTimeout: p["maxTimeout"],
				GST: p["gst"], Delta: p["delta"], MaxMistakes: p["maxMistakes"]}
			if err := c.Validate(); err != nil {
				return nil, err
			}
			return c.Model(variant), nil
		},
	})
}
