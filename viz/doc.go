// Package viz renders a counterexample as one self-contained HTML page: a
// message sequence diagram (one lane per node, an arrow from each message's
// send to its delivery, drops, duplicates, partitions, crashes, restarts,
// timers and client inputs marked), beside a table of the steps that shows
// each state component as a diff against the step before, with the
// violating step highlighted and a lasso's repeating cycle marked.
//
// The page needs no network: its CSS, script and drawing are inline, and an
// attachment (porcupine's drawing of a non-linearizable history, say) is
// embedded in a frame of the same page.
//
// The renderer takes plain data (Report); FromActor turns the states of a
// path of a checker/actor model into the per-step events the diagram is
// drawn from. A model without actors (a spec) gets the table alone.
package viz
