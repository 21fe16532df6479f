package systems

import (
	"fmt"

	"github.com/distcheck/distcheck/checker/actor"
)

// envParams are the parameters of the actor layer's environment, shared by
// every system built on it; crashes and inFlight defaults vary by system.
func envParams(crashes, inFlight int) []Param {
	return []Param{
		{"crashes", crashes, "crash-and-restart faults (only durable state survives)"},
		{"partitions", 0, "network partitions (each lasts until Heal)"},
		{"persistent", 1, "1: the network keeps every message (loss, duplication, reordering implicit); 0: messages are consumed on delivery"},
		{"drops", 0, "explicit message drops (persistent=0 only)"},
		{"dups", 0, "explicit message duplications (persistent=0 only)"},
		{"inFlight", inFlight, "most messages in flight at once (persistent=0 only; timers would otherwise fill the network forever)"},
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
