// Package kvmodel checks impl/kv on the actor layer: servers n1..nS and
// clients after them, faults from the environment, and the history of
// client operations recorded as the model runs (a call when a client
// issues an operation, a return when it gets its answer, in the order of
// the model's steps). Every state's history is checked with porcupine
// (package linearizability); an operation whose client crashed while it was
// outstanding stays pending, which porcupine treats as may-or-may-not have
// happened.
package kvmodel
