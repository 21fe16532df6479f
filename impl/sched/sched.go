// Package sched is the seed's DistributedComputing made to work (claim
// C17): a scheduler assigns submitted tasks to workers it trusts, and
// reassigns a task when its failure detector suspects the worker running
// it. A task may therefore run more than once (at-least-once execution),
// so its effect is applied only for the first completion reported
// (exactly-once effect). Scheduler and worker are deterministic state
// machines; suspicion is an input, decided by the caller's detector.
package sched

import (
	"fmt"
	"slices"
)

// Msg is an assignment (scheduler to worker) or a completion (worker to scheduler).
type Msg struct {
	Done bool
	Task int
}

func (m Msg) String() string {
	if m.Done {
		return fmt.Sprintf("Done{t%d}", m.Task)
	}
	return fmt.Sprintf("Run{t%d}", m.Task)
}

// Scheduler tracks tasks. Workers are numbered 1..Workers (0 is the scheduler).
type Scheduler struct {
	Workers int
	// NoDedup is a seeded bug: apply the effect of every completion.
	NoDedup bool
	// NoReassign is a seeded bug: a suspected worker's tasks stay with it.
	NoReassign bool

	owner    []int // owner[t]: worker running task t, 0 if unassigned
	done     []bool
	effects  []int // effects[t]: times task t's effect was applied
	suspects []bool
}

// NewScheduler makes a scheduler for tasks 0..tasks-1 and workers 1..workers.
func NewScheduler(tasks, workers int) *Scheduler {
	return &Scheduler{Workers: workers, owner: make([]int, tasks), done: make([]bool, tasks),
		effects: make([]int, tasks), suspects: make([]bool, workers+1)}
}

// Clone copies the scheduler.
func (s *Scheduler) Clone() *Scheduler {
	c := *s
	c.owner, c.done, c.effects, c.suspects = slices.Clone(s.owner), slices.Clone(s.done), slices.Clone(s.effects), slices.Clone(s.suspects)
	return &c
}

// Owner, Done, Effects and Suspected report the scheduler's view.
func (s *Scheduler) Owner(t int) int      { return s.owner[t] }
func (s *Scheduler) Done(t int) bool      { return s.done[t] }
func (s *Scheduler) Effects(t int) int    { return s.effects[t] }
func (s *Scheduler) Suspected(w int) bool { return s.suspects[w] }
func (s *Scheduler) Tasks() int           { return len(s.owner) }

// trusted returns the lowest-numbered worker not suspected, from start, or 0.
func (s *Scheduler) trusted(after int) int {
	for k := 1; k <= s.Workers; k++ {
		w := (after+k-1)%s.Workers + 1
		if !s.suspects[w] {
			return w
		}
	}
	return 0
}

// Submit assigns task t to a trusted worker and returns the assignment.
func (s *Scheduler) Submit(t int) (to int, m Msg, ok bool) {
	w := s.trusted(0)
	if w == 0 || s.done[t] || s.owner[t] != 0 {
		return 0, Msg{}, false
	}
	s.owner[t] = w
	return w, Msg{Task: t}, true
}

// Assign is an assignment to send.
type Assign struct {
	To  int
	Msg Msg
}

// Suspect records the detector's suspicion of worker w and reassigns the
// unfinished tasks of suspected workers to trusted ones.
func (s *Scheduler) Suspect(w int) []Assign {
	s.suspects[w] = true
	return s.rebalance()
}

// rebalance moves every unfinished task whose worker is suspected to the
// next trusted worker, if there is one. Running it whenever trust changes
// (not only when a suspicion is raised) is what keeps a task from being
// stranded when every worker was suspected at the moment its own was.
func (s *Scheduler) rebalance() (out []Assign) {
	if s.NoReassign {
		return nil
	}
	for t, o := range s.owner {
		if o == 0 || s.done[t] || !s.suspects[o] {
			continue
		}
		if nw := s.trusted(o); nw != 0 {
			s.owner[t] = nw
			out = append(out, Assign{nw, Msg{Task: t}})
		}
	}
	return out
}

// Complete handles a completion from worker from: the worker is trusted
// again (it was heard from), the first completion of t applies its effect,
// and tasks stranded on suspected workers move to it.
func (s *Scheduler) Complete(from int, t int) []Assign {
	s.suspects[from] = false
	if !s.done[t] || s.NoDedup {
		s.done[t] = true
		s.effects[t]++
	}
	return s.rebalance()
}
