// Package kvsim runs impl/kv in simulated time: every message takes a
// fixed number of ticks, Raft's timers run on raft.Clock with a seeded
// source, clients issue seeded random operations one after another, and a
// partition can cut the servers (each client sits on its home server's
// side) for an interval of ticks. It measures what the model checker
// cannot: operation latency when nothing fails (PACELC's "else" branch)
// and how many operations a design answers during a partition (CAP's "A").
// Everything is deterministic given the seed.
package kvsim
