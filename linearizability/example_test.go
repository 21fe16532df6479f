package linearizability_test

import (
	"fmt"

	"github.com/distcheck/distcheck/linearizability"
)

// A read that sees a write and a later read that does not: not
// linearizable. If the write's client timed out instead, the outcome is
// unknown and the first read alone is explained by it.
func ExampleCheck() {
	type op = linearizability.Op[linearizability.KVInput, linearizability.KVOutput]
	put := linearizability.KVInput{Op: linearizability.Put, Key: "x", Value: "1"}
	get := linearizability.KVInput{Op: linearizability.Get, Key: "x"}
	h := []op{
		{Client: 0, Input: put, Call: 0, Return: 10},
		{Client: 1, Input: get, Output: linearizability.KVOutput{Value: "1"}, Call: 2, Return: 3},
		{Client: 2, Input: get, Output: linearizability.KVOutput{Value: ""}, Call: 4, Return: 5},
	}
	res := linearizability.Check(linearizability.KVModel(), h, 0)
	fmt.Println(res.Verdict, res.IllegalParts())

	h[0].Return = linearizability.Pending
	res = linearizability.Check(linearizability.KVModel(), h[:2], 0)
	fmt.Println(res.Verdict, res.Ops, "ops,", res.Ambiguous, "with unknown outcome")
	// Output:
	// illegal [x]
	// ok 2 ops, 1 with unknown outcome
}
