package systems

import (
	"bytes"
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/kv"
	"github.com/distcheck/distcheck/impl/kv/kvmodel"
	"github.com/distcheck/distcheck/linearizability"
)

// kvScripts gives client k's j-th operation: clients alternate between
// writing a value of their own and reading, all on one key, so that every
// read has a write to miss.
func kvScripts(clients, ops int) [][]kv.Command {
	out := make([][]kv.Command, clients)
	for k := range out {
		for j := range ops {
			if (k+j)%2 == 0 {
				out[k] = append(out[k], kv.Command{Kind: kv.Put, Key: "x", Value: fmt.Sprintf("%d", 10*(k+1)+j+1)})
			} else {
				out[k] = append(out[k], kv.Command{Kind: kv.Get, Key: "x"})
			}
		}
	}
	return out
}

// kvEnvParams: a consuming network by default, since a persistent one
// keeps every heartbeat and request ever sent and the space explodes.
func kvEnvParams() []cli.Param {
	ps := envParams(0, 2)
	for i := range ps {
		if ps[i].Name == "persistent" {
			ps[i].Default = 0
		}
	}
	return ps
}

func init() {
	cli.Register(cli.Def[kvmodel.State]{
		Name: "kv",
		Doc:  "impl/kv: a replicated key-value store, every client history checked with porcupine (claims C4, C5)",
		Params: append([]cli.Param{
			{Name: "servers", Default: 2, Min: 1, Max: 5, Doc: "servers (n1..)"},
			{Name: "clients", Default: 2, Min: 1, Max: 4, Doc: "clients (after the servers); clients alternate put(x,...) and get(x): clients 1, 3, ... start with a put, 2, 4, ... with a get"},
			{Name: "ops", Default: 1, Min: 0, Max: 4, Doc: "operations per client"},
			{Name: "maxTerm", Default: 1, Min: 0, Max: 6, Doc: "no election timer fires at this term (Raft); rounds of ballots (Multi-Paxos)"},
			{Name: "retries", Default: 1, Min: 0, Max: 4, Doc: "retries per client"},
		}, kvEnvParams()...),
		Variants: []cli.Variant{
			{Name: "cp", Doc: "every operation, reads included, through the Raft log; sessions apply a retried write once"},
			{Name: "cp-stale-reads", Bug: true, Doc: "reads answered from the local state machine without the log or a leadership check",
				Violates: []string{"Linearizable"}},
			{Name: "cp-paxos", Doc: "every operation through a Multi-Paxos log (impl/paxos) instead of Raft (no client retries by default: Multi-Paxos needs three messages in flight, and retries then multiply the space by 13)",
				Params: map[string]int{"inFlight": 3, "retries": 0}},
			{Name: "ap", Doc: "local reads and writes, background sync, last writer wins: available, not linearizable (CAP)",
				Violates: []string{"Linearizable"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[kvmodel.State], error) {
			env, err := envFrom(p)
			if err != nil {
				return nil, fmt.Errorf("kv: %w", err)
			}
			if p["clients"] < 1 || p["clients"] > 4 || p["ops"] < 1 || p["ops"] > 4 {
				return nil, fmt.Errorf("kv: clients must be 1..4 and ops 1..4 (got %d and %d)", p["clients"], p["ops"])
			}
			c := kvmodel.Config{Servers: p["servers"], Scripts: kvScripts(p["clients"], p["ops"]), MaxTerm: p["maxTerm"],
				MaxRetries: p["retries"], Env: env}
			switch variant {
			case "cp-stale-reads":
				c.Design = kvmodel.CPStale
			case "ap":
				c.Design = kvmodel.AP
			case "cp-paxos":
				c.Design = kvmodel.CPPaxos
			}
			return c.Model()
		},
		Attach: kvAttach,
	})
}

// kvAttach renders porcupine's visualization of a non-linearizable history.
func kvAttach(variant string, p map[string]int, prop string, last kvmodel.State) (string, []byte, error) {
	if prop != "Linearizable" {
		return "", nil, nil
	}
	c := kvmodel.Config{Scripts: kvScripts(p["clients"], p["ops"])}
	res := linearizability.CheckOptions(linearizability.KVModel(), c.History(last.Hist), linearizability.Options{Visualize: true})
	if res.Verdict != linearizability.Illegal {
		return "", nil, fmt.Errorf("kv/%s: the history of the counterexample is %s, not illegal", variant, res.Verdict)
	}
	var b bytes.Buffer
	if err := res.WriteHTML(&b); err != nil {
		return "", nil, err
	}
	return ".html", b.Bytes(), nil
}
