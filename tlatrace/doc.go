// Package tlatrace connects runs of the Go models with TLC, in both
// directions.
//
// Export (trace validation, as etcd raft and CCF do it): the states of a
// path, mapped by an abstraction function to a spec's Go twin and rendered
// as TLA+ values of the spec's variables, become a module that EXTENDS the
// spec. Its TraceSpec starts in an Init state matching the first state
// and, at step i, takes a Next step or a stutter whose primed variables
// equal state i+1; the postcondition TraceAccepted fails, naming the step,
// when TLC cannot reach the last state. So TLC itself, on the TLA+ spec,
// confirms that the run of the implementation is a behaviour of the spec,
// with no Go transliteration in between. Options.Observe exports only some
// variables (as a real log would record them) and leaves TLC to find the
// others; Batch puts many fully observed traces in one module and one TLC
// run.
//
// Import: ParseTLCOutput and ParseTLCJSON read TLC's error traces (safety
// traces and liveness lassos), and Match maps each state onto the Go twin
// by enumerating the twin's Next and comparing renderings, the same
// rendering export uses, so a TLC counterexample replays in Go.
//
// A spec twin provides its side as a Spec (module, variables, constants,
// model values) and a function rendering a state as Values; see
// spec/raft/tla.go. Nothing here needs TLC to build or test: RunTLC and
// RunBatch run it when a tla2tools.jar is at hand.
package tlatrace
