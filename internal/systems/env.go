package systems

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/cli"
)

// envParams are the parameters of the actor layer's environment, shared by
// every system built on it; crashes and inFlight defaults vary by system.
func envParams(crashes, inFlight int) []cli.Param {
	return []cli.Param{
		{Name: "crashes", Default: crashes, Min: 0, Max: 6, Doc: "crash-and-restart faults (only durable state survives)"},
		{Name: "partitions", Default: 0, Min: 0, Max: 4, Doc: "network partitions (each lasts until Heal)"},
		{Name: "persistent", Default: 1, Min: 0, Max: 1, Doc: "1: the network keeps every message (loss, duplication, reordering implicit); 0: messages are consumed on delivery"},
		{Name: "drops", Default: 0, Min: 0, Max: 8, Doc: "explicit message drops (persistent=0 only)"},
		{Name: "dups", Default: 0, Min: 0, Max: 8, Doc: "explicit message duplications (persistent=0 only)"},
		{Name: "inFlight", Default: inFlight, Min: 0, Max: 16, Doc: "most messages in flight at once (persistent=0 only; timers would otherwise fill the network forever)",
			Needs: []cli.Setting{{Name: "persistent", Value: 0}}},
	}
}

// paramNames renders actor.Env's field names as the parameters above, so
// an error from Env.Validate names what the user typed.
var paramNames = strings.NewReplacer("Env.Persistent", "persistent", "Env.Ordered", "ordered",
	"Env.MaxDrops", "drops", "Env.MaxDuplicates", "dups", "Env.MaxInFlight", "inFlight",
	"Env.MaxCrashes", "crashes", "Env.MaxPartitions", "partitions", "Env.MaxInputs", "inputs")

// envFrom builds the environment from resolved parameters and validates it
// (actor.Env.Validate). inFlight has a default, so it is used only on a
// consuming network (persistent=0), where it is needed; a -set of another
// value on a persistent network is refused before this (cli.Param.Needs).
func envFrom(p map[string]int) (actor.Env, error) {
	env := actor.Env{Persistent: p["persistent"] != 0, MaxCrashes: p["crashes"], MaxPartitions: p["partitions"],
		MaxDrops: p["drops"], MaxDuplicates: p["dups"]}
	if !env.Persistent {
		env.MaxInFlight = p["inFlight"]
	}
	if err := env.Validate(); err != nil {
		return env, fmt.Errorf("%s", paramNames.Replace(err.Error()))
	}
	return env, nil
}
