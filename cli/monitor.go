package cli

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
)

// MonitorReport is the seed's SystemMonitor report over simulated runs:
// for each metric its last value, mean, minimum and maximum over every
// state visited, and the alerts raised with how many states raised each.
type MonitorReport struct {
	Walks   int                `json:"walks"`
	States  int                `json:"states"`
	Metrics map[string]Summary `json:"metrics"`
	Alerts  map[string]int     `json:"alerts"`
	Last    actor.Metrics      `json:"last"`
}

// Summary summarises one metric.
type Summary struct {
	Current float64 `json:"current"`
	Mean    float64 `json:"mean"`
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
}

type metered interface{ Metrics() actor.Metrics }

// monitor runs seeded random walks (walk w uses seed+w) and collects the
// metrics of every state, with the seed's alert thresholds: failure rate
// above 30%, a disconnected network, diameter above 10, and (standing in
// for its "messages per minute") more than ten messages in flight per node.
func monitor[S any](m *checker.Model[S], seed uint64, walks, depth int) (*MonitorReport, error) {
	rep := &MonitorReport{Metrics: map[string]Summary{}, Alerts: map[string]int{}}
	var inits []S
	m.Init(func(_ string, s S) bool { inits = append(inits, s); return true })
	if len(inits) == 0 {
		return nil, fmt.Errorf("model %s has no initial state", m.Name)
	}
	if _, ok := any(inits[0]).(metered); !ok {
		return nil, fmt.Errorf("system %s is not built on the actor layer: it has no cluster metrics", m.Name)
	}
	record := func(s S, delivered float64) {
		x := any(s).(metered).Metrics()
		rep.Last = x
		rep.States++
		vals := map[string]float64{
			"active_nodes": float64(x.Active), "failed_nodes": float64(x.Failed), "connected": b2f(x.Connected),
			"diameter": float64(x.Diameter), "in_flight": float64(x.InFlight), "deliveries_per_step": delivered,
		}
		for k, v := range vals {
			sm, seen := rep.Metrics[k]
			if !seen {
				sm = Summary{Min: v, Max: v}
			}
			sm.Current = v
			sm.Mean += (v - sm.Mean) / float64(rep.States)
			sm.Min, sm.Max = min(sm.Min, v), max(sm.Max, v)
			rep.Metrics[k] = sm
		}
		if x.Nodes > 0 && float64(x.Failed)/float64(x.Nodes) > 0.3 {
			rep.Alerts["high failure rate (> 30%)"]++
		}
		if !x.Connected {
			rep.Alerts["network disconnected"]++
		}
		if x.Diameter > 10 {
			rep.Alerts["large network diameter (> 10)"]++
		}
		if x.InFlight > 10*x.Nodes {
			rep.Alerts["message backlog (> 10 in flight per node)"]++
		}
	}
	type step struct {
		action string
		s      S
	}
	for w := 0; w < walks; w++ {
		rng := rand.New(rand.NewPCG(seed+uint64(w), (seed+uint64(w))^0x9e3779b97f4a7c15))
		cur := inits[rng.IntN(len(inits))]
		record(cur, 0)
		for d := 1; d < depth; d++ {
			var next []step
			m.Next(cur, func(a string, t S) bool { next = append(next, step{a, t}); return true })
			if len(next) == 0 {
				break
			}
			c := next[rng.IntN(len(next))]
			cur = c.s
			record(cur, b2f(strings.HasPrefix(c.action, "Deliver ")))
		}
		rep.Walks++
	}
	return rep, nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (e *entry[S]) Monitor(variant string, params map[string]int, seed uint64, walks, depth int) (*MonitorReport, error) {
	m, err := e.build(variant, params)
	if err != nil {
		return nil, err
	}
	return monitor(m, seed, walks, depth)
}
