// Package paxosmodel adapts impl/paxos to the checker: single-decree Paxos
// with an abstraction to the spec's Go twin (spec/paxos), so every step is
// checked against Paxos.tla, and Multi-Paxos with the safety of a replicated
// log (one value per slot, logs applied in the same order everywhere).
package paxosmodel
