package etcdraftmodel

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/impl/etcdraft"
)

// Properties are Raft's safety properties (Raft paper, Figure 3) over the
// model's history variables and storage, etcd raft's own refusal to
// restart from corrupt storage, and reachability guards.
func Properties() []checker.Property[System] {
	return []checker.Property[System]{
		{Name: "ElectionSafety", Kind: checker.Always, Holds: electionSafety},
		{Name: "LogMatching", Kind: checker.Always, Holds: logMatching},
		{Name: "StateMachineSafety", Kind: checker.Always, Holds: stateMachineSafety},
		{Name: "DurableTermVote", Kind: checker.Step, Check: durableTermVote},
		{Name: "CleanRestart", Kind: checker.Always, Holds: cleanRestart},
		{Name: "LeaderElected", Kind: checker.Sometimes, Holds: func(s System) bool {
			for _, n := range s.Nodes {
				if len(n.G.Led) > 0 {
					return true
				}
			}
			return false
		}},
		{Name: "EntryCommitted", Kind: checker.Sometimes, Holds: func(s System) bool {
			for _, n := range s.Nodes {
				for _, e := range n.G.Out {
					if e.Data != "" {
						return true
					}
				}
			}
			return false
		}},
	}
}

// electionSafety: at most one leader per term, ever (Raft §5.2).
func electionSafety(s System) bool {
	for i, a := range s.Nodes {
		for _, b := range s.Nodes[i+1:] {
			for _, t := range a.G.Led {
				for _, u := range b.G.Led {
					if t == u {
						return false
					}
				}
			}
		}
	}
	return true
}

func liveLog(n *Node) []etcdraft.Entry {
	if n.S == nil {
		return n.Dur.Log
	}
	return n.S.Live().Log
}

// logMatching: two logs with an entry of the same index and term are
// identical up to it (Raft §5.3).
func logMatching(s System) bool {
	for i, a := range s.Nodes {
		for _, b := range s.Nodes[i+1:] {
			la, lb := liveLog(a), liveLog(b)
			k := min(len(la), len(lb)) - 1
			for k >= 0 && la[k].Term != lb[k].Term {
				k--
			}
			for ; k >= 0; k-- {
				if la[k] != lb[k] {
					return false
				}
			}
		}
	}
	return true
}

// stateMachineSafety: no two state machines, and no state machine before
// and after a restart, apply different entries at one index (Raft §5.4.3).
func stateMachineSafety(s System) bool {
	for i, a := range s.Nodes {
		if a.G.Conflict != "" {
			return false
		}
		for _, b := range s.Nodes[i+1:] {
			for k := range min(len(a.G.Out), len(b.G.Out)) {
				if a.G.Out[k] != b.G.Out[k] {
					return false
				}
			}
		}
	}
	return true
}

// durableTermVote: a node's durable term never decreases, and its durable
// vote never changes within a term once cast (what makes a vote count).
func durableTermVote(from System, _ string, to System) error {
	for i := range from.Nodes {
		a, b := from.Nodes[i].durable().Hard, to.Nodes[i].durable().Hard
		switch {
		case b.Term < a.Term:
			return fmt.Errorf("n%d's durable term went from %d to %d", i+1, a.Term, b.Term)
		case b.Term == a.Term && a.Vote != 0 && b.Vote != a.Vote:
			return fmt.Errorf("n%d's durable vote in term %d went from n%d to %d", i+1, a.Term, a.Vote, b.Vote)
		}
	}
	return nil
}

// cleanRestart: etcd raft accepts every restarted node's storage (it
// panics when the HardState's commit index lies beyond the stored log,
// which means the host lost entries it had acknowledged).
func cleanRestart(s System) bool {
	for _, n := range s.Nodes {
		if n.S == nil {
			return false
		}
	}
	return true
}
