// Package etcdraftmodel checks go.etcd.io/raft/v3, hosted by impl/etcdraft,
// exhaustively under the actor layer's faults: three voters, elections
// started by explicit campaign actions up to MaxTerm, a bounded number of
// client proposals in the whole run, heartbeats, crash and restart from
// the durable part of MemoryStorage (HardState and stable entries), and a
// network that loses, duplicates and reorders (persistent) or, with
// explicit drops and duplicates, consumes; partitions and heals.
//
// A RawNode cannot be deep-copied (it holds maps, a mutex and bound method
// values), so Protocol has no Clone: the actor layer rebuilds a node by
// restarting it from its last durable state and replaying the events it
// handled since. States are identified by what the host can observe
// through raft's public API (BasicStatus, the leader's progress, storage)
// plus the vote tally a candidate collects, which the host records itself
// because raft keeps it private. Raft's remaining private fields
// (progress' sentCommit, elapsed ticks, the randomized timeout) are not
// part of a state: two states that differ only there are merged, which can
// hide behaviours (never invent one); the ticks and the timeout never
// matter here (see impl/etcdraft).
//
// Properties: ElectionSafety, LogMatching and StateMachineSafety (Raft's
// Figure 3, over history variables that survive crashes), DurableTermVote
// (durable term never decreases, a durable vote never changes in its
// term), CleanRestart (etcd raft accepts every restarted node's storage),
// and the reachability guards LeaderElected and EntryCommitted.
package etcdraftmodel
