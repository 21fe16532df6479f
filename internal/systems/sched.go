package systems

import (
	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/impl/sched/schedmodel"
)

func init() {
	cli.Register(cli.Def[schedmodel.System]{
		Name: "sched",
		Doc:  "claim C17: tasks assigned to trusted workers and reassigned on suspicion all complete, each effect applied once",
		Params: []cli.Param{
			{Name: "tasks", Default: 2, Min: 0, Max: 6, Doc: "tasks submitted"},
			{Name: "workers", Default: 2, Min: 1, Max: 6, Doc: "workers (nodes n2..); the scheduler is n1"},
			{Name: "crashes", Default: 1, Min: 0, Max: 6, Doc: "crashes (a worker loses the tasks it holds; the scheduler's state is durable)"},
			{Name: "inFlight", Default: 5, Min: 1, Max: 16, Doc: "most messages in flight at once"},
		},
		Variants: []cli.Variant{
			{Name: "correct", Doc: "reassign the tasks of suspected workers whenever trust changes; apply the first completion's effect only"},
			{Name: "no-dedup", Bug: true, Doc: "apply every completion's effect: a reassigned task's effect is applied twice", Violates: []string{"EffectOnce"}},
			{Name: "no-reassign", Bug: true, Doc: "never reassign: a crashed worker's task never completes", Violates: []string{"AllComplete"}},
		},
		Build: func(variant string, p map[string]int) (*checker.Model[schedmodel.System], error) {
			return schedmodel.Config{Tasks: p["tasks"], Workers: p["workers"], NoDedup: variant == "no-dedup", NoReassign: variant == "no-reassign",
				Env: actor.Env{MaxCrashes: p["crashes"], MaxInFlight: p["inFlight"]}}.Model()
		},
	})
}
