// Package raftmodel adapts impl/raft to the checker: it wraps each node
// with its stable storage and state machine, drives it through the actor
// layer, bounds it (terms, log length, faults), and maps every system state
// to a state of the spec's Go twin (spec/raft), so that each implementation
// step is checked to be a step of Raft.tla or a stutter.
package raftmodel
