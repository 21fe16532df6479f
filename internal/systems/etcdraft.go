package systems

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/etcdraft/etcdraftmodel"
)

func init() {
	params := append([]cli.Param{
		{Name: "nodes", Default: 3, Min: 1, Max: 5, Doc: "voters (fixed membership)"},
		{Name: "maxTerm", Default: 1, Min: 1, Max: 4, Doc: "no node campaigns at this term or beyond"},
		{Name: "proposals", Default: 1, Min: 0, Max: 4, Doc: "client proposals in the whole run"},
		{Name: "heartbeats", Default: 0, Min: 0, Max: 1, Doc: "1: the leader may tick and send heartbeats (retransmission, for drops)"},
	}, envParams(0, 3)...)
	for k := range params {
		if params[k].Name == "persistent" {
			params[k].Default = 0 // a consuming network is far smaller for etcd raft (see etcdraftmodel)
		}
	}
	cli.Register(cli.Def[etcdraftmodel.System]{
		Name:   "etcdraft",
		Doc:    "go.etcd.io/raft/v3 (RawNode over MemoryStorage) hosted by impl/etcdraft, checked for Raft's safety properties under faults",
		Params: params,
		Variants: []cli.Variant{
			{Name: "correct", Doc: "the host loop etcd raft documents: persist HardState and entries, then send, then apply"},
			{Name: "forget-hardstate", Bug: true, Doc: "the host sends before writing the HardState (written at a later sync): a crash loses the vote",
				Violates: []string{"ElectionSafety"}, Params: map[string]int{"crashes": 1, "inFlight": 4}},
			{Name: "lose-unstable", Bug: true, Doc: "a restart loses the entries of the last append, as if never written to disk",
				Violates: []string{"CleanRestart"}, Params: map[string]int{"crashes": 1}},
			{Name: "apply-before-persist", Bug: true, Doc: "the host applies and sends at once and writes its entries at a later sync: a crash loses acknowledged entries",
				Violates: []string{"CleanRestart"}, Params: map[string]int{"crashes": 1}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[etcdraftmodel.System], error) {
			env, err := envFrom(p)
			if err != nil {
				return nil, fmt.Errorf("etcdraft: %w", err)
			}
			c := etcdraftmodel.Config{Nodes: p["nodes"], MaxTerm: p["maxTerm"], Proposals: p["proposals"], Heartbeats: p["heartbeats"] != 0, Env: env}
			switch variant {
			case "forget-hardstate":
				c.Bugs.ForgetHardState = true
			case "lose-unstable":
				c.Bugs.LoseUnstable = true
			case "apply-before-persist":
				c.Bugs.ApplyBeforePersist = true
			}
			return c.Model()
		},
	})
}
