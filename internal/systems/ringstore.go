package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/ringstore"
	"github.com/distcheck/distcheck/impl/ringstore/storemodel"
)

func init() {
	cli.Register(cli.Def[storemodel.State]{
		Name: "ringstore",
		Doc:  "claim C16: a file on its r successors survives r-1 failures between repairs; the seed's replica keys share nodes and lose acknowledged writes",
		Params: []cli.Param{
			{Name: "nodes", Default: 5, Min: 1, Max: 16, Doc: "nodes n1..nN (ids: top 8 bits of SHA-256 of the name)"},
			{Name: "initial", Default: 5, Min: 1, Max: 16, Doc: "nodes n1..nI in the ring at the start; the others may join"},
			{Name: "files", Default: 1, Min: 1, Max: 8, Doc: "files f0.. each written once by a client"},
			{Name: "replicas", Default: 3, Min: 1, Max: 16, Doc: "r, copies of every file (the seed's replication_factor is 3)"},
			{Name: "fails", Default: 2, Min: 0, Max: 16, Doc: "most failures (a node and its disk lost) while the ring is not fully repaired"},
			{Name: "crashes", Default: 3, Min: 0, Max: 16, Doc: "most failures in all"},
			{Name: "joins", Default: 0, Min: 0, Max: 16, Doc: "most joins in all (a failed node may join again, empty)"},
			{Name: "staleViews", Default: 0, Min: 0, Max: 1, Doc: "1: a node places copies by the membership of its last repair; 0: members learn of failures and joins at once"},
		},
		Variants: []cli.Variant{
			{Name: "correct", Doc: "a file on its r distinct successors; acknowledged when r copies are confirmed; repair pushes missing copies to the current holders"},
			{Name: "seed", Bug: true, Violates: []string{"NoAckedWriteLost"},
				Doc: "the seed's store_file: copies under keys file_replica_i hashed independently, which can share a node; one failure destroys every copy"},
			{Name: "ack-short", Bug: true, Violates: []string{"NoAckedWriteLost"},
				Doc:    "acknowledge once every holder the coordinator knows of confirmed, though it knows fewer than r nodes (a stale view)",
				Params: map[string]int{"nodes": 3, "initial": 3, "replicas": 2, "fails": 1, "crashes": 3, "joins": 1, "staleViews": 1}},
			{Name: "r-failures", Violates: []string{"NoAckedWriteLost"},
				Doc:    "the correct design with r failures between repairs: the r-1 bound is tight",
				Params: map[string]int{"fails": 3}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[storemodel.State], error) {
			c := storemodel.Config{Nodes: p["nodes"], Initial: p["initial"], Files: p["files"], Replicas: p["replicas"],
				MaxFails: p["fails"], MaxCrashes: p["crashes"], MaxJoins: p["joins"], Bits: 8, StaleViews: p["staleViews"] != 0}
			switch variant {
			case "seed":
				c.Design = ringstore.ReplicaKeys
			case "ack-short":
				c.AckShort = true
			}
			return c.Model()
		},
	})
}
