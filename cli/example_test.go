package cli_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/cli"
)

// counter is a toy system: a counter that counts up to a bound; the
// "overflow" variant's bound lets it pass the limit its invariant states.
func counterModel(variant string, p map[string]int) (*checker.Model[int], error) {
	limit := p["limit"]
	stop := limit
	if variant == "overflow" {
		stop = limit + 1
	}
	return &checker.Model[int]{
		Name: "counter",
		Init: func(yield func(string, int) bool) { yield("Init", 0) },
		Next: func(s int, yield func(string, int) bool) {
			if s < stop {
				yield("Inc", s+1)
			}
		},
		Encode: func(s int, e *checker.Encoder) { e.Int(s) },
		Properties: []checker.Property[int]{
			{Name: "AtMostLimit", Kind: checker.Always, Holds: func(s int) bool { return s <= limit }},
			{Name: "ReachesLimit", Kind: checker.Sometimes, Holds: func(s int) bool { return s == limit }},
		},
	}, nil
}

func init() {
	cli.Register(cli.Def[int]{
		Name:   "counter",
		Doc:    "a counter with a bound",
		Params: []cli.Param{{Name: "limit", Default: 3, Doc: "the largest allowed value"}},
		Variants: []cli.Variant{
			{Name: "correct", Doc: "stops at the limit"},
			{Name: "overflow", Doc: "counts one past the limit", Bug: true, Violates: []string{"AtMostLimit"}},
		},
		Build: counterModel,
	})
}

// Main is the whole command line: here it checks both variants of the
// counter system; the exit code says whether every property held.
func ExampleMain() {
	for _, variant := range []string{"correct", "overflow"} {
		var out, errs bytes.Buffer
		code := cli.Main([]string{"check", "counter", "-variant", variant, "-quiet"}, &out, &errs)
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(line, "  AtMostLimit") || strings.HasPrefix(line, "verdict") {
				fmt.Println(strings.Join(strings.Fields(line), " "))
			}
		}
		fmt.Println("exit", code)
	}
	// Output:
	// AtMostLimit always holds
	// verdict: holds
	// exit 0
	// AtMostLimit always violated
	// verdict: violated
	// exit 1
}
