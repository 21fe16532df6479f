package viz_test

import (
	"bytes"
	"fmt"

	"github.com/distcheck/distcheck/viz"
)

// A two-node exchange: n1's timer sends a ping, n2 answers, the answer is lost.
func Example() {
	r := &viz.Report{
		System: "pingpong", Property: "Answered", Kind: "eventually",
		Lanes:     []string{"n1", "n2"},
		Violation: 3, Loop: -1,
		Steps: []viz.Step{
			{Label: "Init", State: "n1: idle\nn2: idle", Events: &viz.Events{Kind: "Init", Node: -1}},
			{Label: "Timer n1 ping", State: "n1: waiting\nn2: idle",
				Events: &viz.Events{Kind: "Timer", Node: 0, Name: "ping", Sent: []viz.Message{{From: 0, To: 1, Key: "Ping", Count: 1}}}},
			{Label: "Deliver n1->n2 Ping", State: "n1: waiting\nn2: answered",
				Events: &viz.Events{Kind: "Deliver", Node: 1, From: 0, To: 1, Message: "Ping", Sent: []viz.Message{{From: 1, To: 0, Key: "Pong", Count: 1}}}},
			{Label: "Drop n2->n1 Pong", State: "n1: waiting\nn2: answered",
				Events: &viz.Events{Kind: "Drop", Node: -1, From: 1, To: 0, Message: "Pong"}},
		},
	}
	for _, a := range viz.Layout(r).Arrows {
		fmt.Printf("%s %s->%s sent at %d, at %d dropped=%v\n", a.Message, r.Lanes[a.From], r.Lanes[a.To], a.Send, a.At, a.Dropped)
	}
	var page bytes.Buffer
	if err := viz.Write(&page, r); err != nil {
		panic(err)
	}
	fmt.Println(bytes.Contains(page.Bytes(), []byte(`<tr id="step-3" class="step violation"`)))
	// Output:
	// Ping n1->n2 sent at 1, at 2 dropped=false
	// Pong n2->n1 sent at 2, at 3 dropped=true
	// true
}
