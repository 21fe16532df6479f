package systems

import (
	"fmt"
	"strings"

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

// paramNames renders actor.Env's field names as the parameters above, so
// an error from Env.Validate names what the user typed.
var paramNames = strings.NewReplacer("Env.Persistent", "persistent", "Env.Ordered", "ordered",
	"Env.MaxDrops", "drops", "Env.MaxDuplicates", "dups", "Env.MaxInFlight", "inFlight",
	"Env.MaxCrashes", "crashes", "Env.MaxPartitions", "partitions", "Env.MaxInputs", "inputs")

// envFrom builds the environment from resolved parameters and validates it
// (actor.Env.Validate). inFlight has a default, so it is used only on a
// consuming network (persistent=0), where it is needed.
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
