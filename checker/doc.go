// Package checker explores the state space of a model and checks its
// properties.
//
// A Model is a set of labelled initial states, a deterministic successor
// function whose steps carry readable action labels, a canonical state
// encoding, and properties of four kinds: Always (invariants), Step
// (properties of transitions, used for conformance), Sometimes
// (reachability, which guards against vacuous models) and Eventually
// (liveness under the model's declared weak or strong fairness, checked on
// the cycles of the reachable graph, not only at terminal states).
//
// Strategies share one engine: BFS gives shortest counterexamples, DFS keeps
// a stack instead of a queue, RandomDFS visits successors in a seeded random
// order (for swarms of bounded searches), and Simulate runs seeded random
// walks that are reproducible from the seed. BFS expands states on
// Options.Workers goroutines and merges them on one, in frontier order, so
// its results (counts, verdicts, counterexample paths) do not depend on the
// number of workers; models must therefore be safe for concurrent use.
//
// Symmetry reduction (Model.Symmetry, Options.Symmetry) identifies a state
// with its orbit under the model's permutations, as TLC's SYMMETRY does;
// counterexamples are still real, unpermuted behaviours. A model that also
// sets Model.Representatives has only a few images of each state
// fingerprinted, those least by a key of its choosing. A panic inside the
// model is reported as a violation of the built-in property NoPanic. States are identified by a stable 64-bit
// fingerprint over the model's canonical encoding, so runs are repeatable
// across processes and machines.
//
// Memory: the visited set keeps 8-byte fingerprints with a parent id and a
// depth per state (a counterexample is rebuilt by re-running Next along the
// parent chain, as TLC does), and the frontier keeps the states still to
// expand. A model that sets Pack and Unpack has its frontier kept as bytes
// in a few pointer-free buffers, which takes a breadth-first search of an
// implementation model from kilobytes to under 200 bytes of resident memory
// per state; Table numbers recurring values for such a codec.
//
// Results are values: every property Holds within the explored bound, is
// Violated with a path of named actions, or is Unknown because a bound, a
// time limit or a memory limit stopped the search. A path is replayed by its
// action labels (Replay), so saved counterexamples survive changes that
// reorder a model's actions, and a violating path can be shrunk (Shrink).
//
// The checker imports no protocol: protocols reach it through Model values
// built by adapters that live beside them.
package checker
