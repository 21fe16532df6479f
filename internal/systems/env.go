package systems

import (
	"fmt"

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
		{Name: "inFlight", Default: inFlight, Min: 0, Max: 16, Doc: "most messages in flight at once (persistent=0 only; timers would otherwise fill the network forever)"},
	}
}

// envFrom builds the environment from resolved parameters.
func envFrom(p map[string]int) (actor.Env, error) {
	env := actor.Env{Persistent: p["persistent"] != 0, MaxCrashes: p["crashes"], MaxPartitions: p["partitions"],
		MaxDrops: p["drops"], MaxDuplicates: p["dups"]}
	if env.Persistent && (env.MaxDrops > 0 || env.MaxDuplicates > 0) {
		return env, fmt.Errorf("drops and dups need persistent=0 (a persistent network already loses and duplicates)")
	}
	if !env.Persistent {
		env.MaxInFlight = p["inFlight"]
	}
	return env, nil
}
