package etcdraftmodel_test

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/etcdraft"
	"github.com/distcheck/distcheck/impl/etcdraft/etcdraftmodel"
)

// Checking etcd raft with a host that restarts without its last append:
// BFS finds etcd raft refusing to restart in six steps.
func Example() {
	c := etcdraftmodel.Config{Nodes: 3, MaxTerm: 1, Proposals: 0, Bugs: etcdraft.Bugs{LoseUnstable: true},
		Env: actor.Env{MaxInFlight: 3, MaxCrashes: 1}}
	m, err := c.Model()
	if err != nil {
		panic(err)
	}
	res, err := checker.Check(m, checker.Options{Properties: []string{"CleanRestart"}, StopOnViolation: true})
	if err != nil {
		panic(err)
	}
	p, _ := res.Property("CleanRestart")
	fmt.Println(p.Status)
	for _, a := range p.Path.Actions() {
		fmt.Println(a)
	}
	// Output:
	// violated
	// Init
	// Timer n1 campaign
	// Deliver n1->n2 Vote{t:1}
	// Deliver n2->n1 VoteResp{t:1}
	// Deliver n1->n2 App{t:1 [1.1:]}
	// Deliver n2->n1 AppResp{t:1 lt:0 i:1}
	// Crash n1
}
