package tlatrace_test

import (
	"fmt"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/spec/quorum"
	"github.com/distcheck/distcheck/tlatrace"
)

// A two-step path of the Quorum spec's Go twin, written as a trace module
// for TLC: one record per state, the step's label as a comment.
func ExampleTrace_Module() {
	c := quorum.Config{Nodes: 2, Candidates: 2, Q: 2, F: 1}
	p, err := checker.Replay(c.Model(), []string{"Init", "Vote(n1,A)", "Crash(n2)"})
	if err != nil {
		panic(err)
	}
	same := func(s quorum.State) quorum.State { return s }
	tr := tlatrace.FromPath(c.TLASpec(), p, same, c.TLAState)
	tla, cfg, err := tr.Module(tlatrace.Options{Name: "QuorumTrace"})
	if err != nil {
		panic(err)
	}
	start := strings.Index(tla, "Trace == <<")
	fmt.Print(tla[start : strings.Index(tla[start:], ">>\n")+start+3])
	fmt.Print(cfg)
	// Output:
	// Trace == <<
	//     \* 1. Init
	//     [vote |-> (n1 :> None @@ n2 :> None), crashed |-> {}],
	//     \* 2. Vote(n1,A)
	//     [vote |-> (n1 :> A @@ n2 :> None), crashed |-> {}],
	//     \* 3. Crash(n2)
	//     [vote |-> (n1 :> A @@ n2 :> None), crashed |-> {n2}]
	// >>
	// \* Trace validation of QuorumTrace against Quorum.
	// CONSTANTS
	//     n1 = n1
	//     n2 = n2
	//     A = A
	//     B = B
	//     Node = {n1, n2}
	//     Candidate = {A, B}
	//     Q = 2
	//     F = 1
	//     None = None
	// SPECIFICATION TraceSpec
	// POSTCONDITION TraceAccepted
	// CHECK_DEADLOCK FALSE
}
