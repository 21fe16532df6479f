// Package etcdraft hosts go.etcd.io/raft/v3 (a RawNode over a MemoryStorage)
// the way a server must: each Ready's HardState and entries are written to
// storage before its messages are sent, committed entries are applied, and
// Advance is called. A Server is deterministic and single-threaded, so the
// checker can drive it: inputs are messages, a heartbeat tick, a campaign
// and a proposal; outputs are messages returned as plain comparable values.
//
// Why two packages. This package is the code a user of etcd raft writes
// (the host loop, its storage, its state machine) and imports nothing from
// the checker, like every package under impl/. The adapter that turns
// Servers into a checker model, with its properties and bounds, lives in
// etcdraftmodel beside it (DESIGN.md: adapters live next to the protocol,
// not in checker/). Raft itself is not copied or patched: the seeded bugs
// (Bugs) are mistakes in the host loop, where real users make them.
//
// Determinism. The only randomness in etcd raft is the randomized election
// timeout, drawn from a process-global source; it is consulted only when a
// follower or candidate ticks. A Server never ticks one: an election starts
// when the checker calls Campaign, which covers every timeout value at
// once. The leader ticks (HeartbeatTick is 1) to send heartbeats; its
// ElectionTick is set far beyond any bounded run and CheckQuorum is off, so
// those ticks never time anything out.
//
// Out of reach, and why:
//   - randomized election timeouts: replaced by the explicit Campaign
//     choice (a superset of the timeouts' behaviours, but pre-vote and
//     check-quorum, which depend on elapsed ticks, stay off);
//   - snapshots and log compaction: MemoryStorage never compacts here, so
//     MsgSnap is never sent; a snapshot would make the durable state and
//     the messages carry whole state machines and multiply the state space;
//   - configuration changes: the three voters are fixed at bootstrap (a
//     ConfState-only snapshot); joint consensus needs ApplyConfChange
//     actions and membership-aware properties this adapter does not model.
package etcdraft
