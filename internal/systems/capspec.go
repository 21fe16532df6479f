package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	capspec "github.com/distcheck/distcheck/spec/cap"
)

func init() {
	var variants []cli.Variant
	for _, name := range capspec.ModelNames {
		c := capspec.Models[name]
		v := cli.Variant{Name: name, Doc: "the constants of spec/cap/" + name + ".cfg",
			Params: map[string]int{"cp": boolInt(c.Design == capspec.CP), "clients": c.Clients, "values": c.Values,
				"maxops": c.MaxOps, "partitions": c.MaxPartitions, "live": boolInt(c.Live)}}
		switch name {
		case "MCCapCP":
			v.Doc += " (CP: linearizable, partition or not)"
		case "MCCapCPNoPartition":
			v.Doc += " (CP without partitions: every request answered)"
		case "MCCapAP":
			v.Doc += " (AP: every request answered, but a read misses a completed write)"
			v.Violates = []string{"Linearizable"}
		case "MCCapCPLive":
			v.Doc += " (CP: a request invoked in a partition that never heals waits forever)"
			v.Violates = []string{"EveryRequestAnswered"}
		}
		variants = append(variants, v)
	}
	cli.Register(cli.Def[capspec.State]{
		Name: "cap-spec",
		Doc:  "spec/cap: claim C5, CAP: an AP register is not linearizable, a CP one is not available in a partition; state counts equal TLC's",
		Params: []cli.Param{
			{Name: "cp", Default: 1, Min: 0, Max: 1, Doc: "Design: 1 CP (answer after a round trip), 0 AP (answer locally)"},
			{Name: "clients", Default: 2, Min: 1, Max: 3, Doc: "Client = {c1..cN}"},
			{Name: "values", Default: 2, Min: 1, Max: 3, Doc: "Value = {v1..vN}"},
			{Name: "maxops", Default: 2, Min: 1, Max: 4, Doc: "MaxOps, operations per client"},
			{Name: "partitions", Default: 1, Min: 0, Max: 3, Doc: "MaxPartitions"},
			{Name: "live", Default: 0, Min: 0, Max: 1, Doc: "1: LiveSpec with EveryRequestAnswered"},
		},
		Variants: variants,
		Build: func(_ string, p map[string]int) (*checker.Model[capspec.State], error) {
			c, err := capSpecConfig(p)
			if err != nil {
				return nil, err
			}
			return c.Model(), nil
		},
	})
}

// capSpecConfig is cap-spec's constants from resolved parameters.
func capSpecConfig(p map[string]int) (capspec.Config, error) {
	c := capspec.Config{Design: capspec.AP, Clients: p["clients"], Values: p["values"],
		MaxOps: p["maxops"], MaxPartitions: p["partitions"], Live: p["live"] != 0}
	if p["cp"] != 0 {
		c.Design = capspec.CP
	}
	return c, c.Validate()
}
