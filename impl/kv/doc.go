// Package kv is a replicated key-value store in two designs, written as
// deterministic state machines (inputs are messages, timer expiries and
// client requests; outputs are the messages to send), so the checker can
// explore them and a thin shell could run them for real:
//
//   - CPServer (consistent): every operation, reads included, goes through
//     a consensus log (Raft from impl/raft, or Multi-Paxos from impl/paxos)
//     and is applied in log order; client
//     sessions (client id, request sequence number) make a retried write
//     apply once and let a retry of any request get the original answer.
//     A server that is not the leader redirects the client. Variant
//     StaleReads serves reads from the local state machine without going
//     through the log: the classic stale-read bug.
//   - APServer (available): each replica answers reads and writes from its
//     local copy at once and sends the write to the other replicas in the
//     background; replicas converge by last-writer-wins on a Lamport stamp
//     (counter, replica id). It stays available in a partition and is not
//     linearizable.
//
// Client issues a fixed script of operations, one at a time, and retries
// on a redirect or when its retry timer fires (round robin over servers).
// The package imports nothing from the checker: impl/kv/kvmodel adapts it to
// the actor layer and records client histories for porcupine, and
// impl/kv/kvsim runs it in simulated time to measure latency (PACELC) and
// availability in a partition (CAP).
package kv
