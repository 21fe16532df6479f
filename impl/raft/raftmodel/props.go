package raftmodel

import (
	"fmt"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/raft"
)

// Validate rejects bounds the spec cannot represent.
func (c Config) Validate() error {
	if err := c.Spec().Validate(); err != nil {
		return err
	}
	if !c.Env.Persistent && c.Env.MaxInFlight <= 0 {
		return fmt.Errorf("raftmodel: a consuming network needs a bound on messages in flight (heartbeats resend forever, so the state space is otherwise infinite)")
	}
	if c.Env.Ordered {
		return fmt.Errorf("raftmodel: Raft tolerates reordering; check it on an unordered network")
	}
	return nil
}

// Model builds the checker model of the implementation with its
// properties: the spec's invariants on the abstract state, conformance to
// the spec step by step, the implementation's own state machine safety, and
// reachability checks that rule out a vacuous model.
func (c Config) Model() (*checker.Model[System], error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if !c.Env.Persistent {
		c.Env.TrackSent = true // the abstraction needs every message ever sent
	}
	cp := &c
	p := cp.Protocol()
	if c.Rebuild {
		// Rebuilt nodes cannot be permuted (actor.Protocol.PermuteNode), so
		// this variant declares no symmetry.
		p.Clone, p.PermuteNode, p.PermuteMsg, p.ShareNodes = nil, nil, nil, false
	}
	m, err := actor.Model("raft", p, c.Env)
	if err != nil {
		return nil, err
	}
	sc := c.Spec()
	cache := &abstractCache{c: cp}
	for _, inv := range sc.Invariants() {
		holds := inv.Holds
		m.Properties = append(m.Properties, checker.Property[System]{
			Name: inv.Name, Kind: checker.Always,
			Holds: func(s System) bool { a := cache.get(s); return holds(&a) },
		})
	}
	m.Properties = append(m.Properties,
		checker.Refines("Conformance", sc.Model(), cache.get),
		checker.Property[System]{Name: "AppliedAgree", Kind: checker.Always, Holds: appliedAgree},
		checker.Property[System]{Name: "LeaderElected", Kind: checker.Sometimes, Holds: func(s System) bool {
			for _, n := range s.Nodes {
				if n.Raft.Role() == raft.Leader {
					return true
				}
			}
			return false
		}})
	if c.MaxLogLen > 0 {
		m.Properties = append(m.Properties, checker.Property[System]{Name: "EntryApplied", Kind: checker.Sometimes, Holds: func(s System) bool {
			for _, n := range s.Nodes {
				if len(n.Applied) > 0 {
					return true
				}
			}
			return false
		}})
	}
	return m, nil
}

// appliedAgree: state machines apply the same entries in the same order
// (one applied sequence is a prefix of the other), the safety that clients see.
func appliedAgree(s System) bool {
	seqs := make([][]raft.Entry, len(s.Nodes))
	for i, n := range s.Nodes {
		seqs[i] = n.Applied
	}
	return checker.PrefixConsistent(seqs)
}
