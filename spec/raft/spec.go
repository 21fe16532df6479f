package raft

import (
	"fmt"
	"math/bits"
	"sync"
)

// Config holds the constants of Raft.tla. Servers are s1..sN, values v1..vV.
type Config struct {
	Servers   int
	Values    int
	MaxTerm   int
	MaxLogLen int
}

// Models are the constants of the .cfg files beside Raft.tla, by name.
// Raft's state space grows fast: with three servers, two terms already
// exceed millions of states, so the exhaustive models split the claim:
// MCRaftElection has three servers racing for one term with restarts;
// MCRaft has two servers, two terms and log replication. MCRaft3 (three
// servers replicating one entry in one term) is checked only under
// symmetry (MCRaft3Sym.cfg): unreduced it is about six times larger.
var Models = map[string]Config{
	"MCRaftElection": {Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 0},
	"MCRaft":         {Servers: 2, Values: 1, MaxTerm: 2, MaxLogLen: 1},
	"MCRaft3":        {Servers: 3, Values: 1, MaxTerm: 1, MaxLogLen: 1},
}

// Validate rejects constants the fixed-size state cannot hold.
func (c Config) Validate() error {
	switch {
	case c.Servers < 1 || c.Servers > MaxServers:
		return fmt.Errorf("raft spec: servers = %d, want 1..%d", c.Servers, MaxServers)
	case c.Values < 1 || c.Values > 9:
		return fmt.Errorf("raft spec: values = %d, want 1..9", c.Values)
	case c.MaxTerm < 0 || c.MaxTerm > 200:
		return fmt.Errorf("raft spec: maxTerm = %d, want 0..200", c.MaxTerm)
	case c.MaxLogLen < 0 || c.MaxLogLen > MaxLog:
		return fmt.Errorf("raft spec: maxLogLen = %d, want 0..%d", c.MaxLogLen, MaxLog)
	}
	return nil
}

func (c Config) quorum(set uint8) bool { return 2*bits.OnesCount8(set) > c.Servers }

// Init is Raft.tla's Init.
func (c Config) Init() State {
	var s State
	for i := range s.VotedFor {
		s.VotedFor[i] = Nil
	}
	return s
}

// commitTo is CommitTo(i, t, mi) over log l: the highest index after the
// current commit index that a quorum stores and that is of the leader's term.
func (c Config) commitTo(s *State, i int, l Log, t uint8, mi [MaxServers]uint8) uint8 {
	best := s.CommitIndex[i]
	for n := int(s.CommitIndex[i]) + 1; n <= l.Len(); n++ {
		if l.At(n).Term != t {
			continue
		}
		set := uint8(1) << i
		for k := 0; k < c.Servers; k++ {
			if int(mi[k]) >= n {
				set |= 1 << k
			}
		}
		if c.quorum(set) {
			best = uint8(n)
		}
	}
	return best
}

// Timeout is Raft.tla's Timeout(i).
func (c Config) Timeout(s State, i int) (State, bool) {
	if s.Role[i] == Leader || int(s.CurrentTerm[i]) >= c.MaxTerm {
		return s, false
	}
	s.CurrentTerm[i]++
	self := uint8(1) << i
	if c.quorum(self) {
		s.Role[i], s.VotesGranted[i] = Leader, 0
	} else {
		s.Role[i], s.VotesGranted[i] = Candidate, self
	}
	s.VotedFor[i] = uint8(i)
	var out []Msg
	for j := 0; j < c.Servers; j++ {
		if j != i {
			out = append(out, Msg{Type: RV, Term: s.CurrentTerm[i], Src: uint8(i), Dst: uint8(j),
				LastLogTerm: s.Log[i].LastTerm(), LastLogIndex: s.Log[i].N})
		}
	}
	s.Msgs = s.Msgs.With(out...)
	return s, true
}

// Restart is Raft.tla's Restart(i).
func (c Config) Restart(s State, i int) State {
	s.Role[i] = Follower
	s.VotesGranted[i] = 0
	s.MatchIndex[i] = [MaxServers]uint8{}
	s.CommitIndex[i] = 0
	return s
}

// ClientRequest is Raft.tla's ClientRequest(i, v).
func (c Config) ClientRequest(s State, i int, v int) (State, bool) {
	if s.Role[i] != Leader || s.Log[i].Len() >= c.MaxLogLen {
		return s, false
	}
	l := s.Log[i].Append(Entry{Term: s.CurrentTerm[i], Value: uint8(v)})
	s.CommitIndex[i] = c.commitTo(&s, i, l, s.CurrentTerm[i], s.MatchIndex[i])
	s.Log[i] = l
	return s, true
}

// AppendEntries is Raft.tla's AppendEntries(i, j, prev).
func (c Config) AppendEntries(s State, i, j, prev int) (State, bool) {
	if s.Role[i] != Leader || i == j || prev > s.Log[i].Len() {
		return s, false
	}
	m := Msg{Type: AE, Term: s.CurrentTerm[i], Src: uint8(i), Dst: uint8(j), PrevIndex: uint8(prev),
		Entries: s.Log[i].Suffix(prev), Commit: s.CommitIndex[i]}
	if prev > 0 {
		m.PrevTerm = s.Log[i].At(prev).Term
	}
	s.Msgs = s.Msgs.With(m)
	return s, true
}

// stepDown applies the "newer term" prelude of every handler.
func stepDown(s *State, i int, m Msg) {
	if m.Term > s.CurrentTerm[i] {
		s.CurrentTerm[i] = m.Term
		s.Role[i] = Follower
		s.VotedFor[i] = Nil
		s.VotesGranted[i] = 0
		s.MatchIndex[i] = [MaxServers]uint8{}
	}
}

// Receive is Raft.tla's Receive(m): the handler for m's type.
func (c Config) Receive(s State, m Msg) State {
	i, j := int(m.Dst), int(m.Src)
	stepDown(&s, i, m)
	switch m.Type {
	case RV: // HandleRequestVote
		l := s.Log[i]
		logOk := m.LastLogTerm > l.LastTerm() || (m.LastLogTerm == l.LastTerm() && int(m.LastLogIndex) >= l.Len())
		grant := m.Term == s.CurrentTerm[i] && (s.VotedFor[i] == Nil || s.VotedFor[i] == uint8(j)) && logOk
		if grant {
			s.VotedFor[i] = uint8(j)
		}
		s.Msgs = s.Msgs.With(Msg{Type: RVR, Term: s.CurrentTerm[i], Src: uint8(i), Dst: uint8(j), Granted: grant})
	case RVR: // HandleRequestVoteResponse
		if s.Role[i] != Candidate {
			break
		}
		if m.Term == s.CurrentTerm[i] && m.Granted {
			s.VotesGranted[i] |= 1 << j
		}
		if c.quorum(s.VotesGranted[i]) {
			s.Role[i], s.VotesGranted[i] = Leader, 0
			s.MatchIndex[i] = [MaxServers]uint8{}
		}
	case AE: // HandleAppendEntries
		current := m.Term == s.CurrentTerm[i]
		if current {
			s.Role[i], s.VotesGranted[i] = Follower, 0
			s.MatchIndex[i] = [MaxServers]uint8{}
		}
		l := s.Log[i]
		prev := int(m.PrevIndex)
		logOk := prev == 0 || (prev <= l.Len() && l.At(prev).Term == m.PrevTerm)
		ok := current && logOk
		last := prev + m.Entries.Len()
		reply := Msg{Type: AER, Term: s.CurrentTerm[i], Src: uint8(i), Dst: uint8(j), Success: ok}
		if ok {
			s.Log[i] = Merge(l, prev, m.Entries)
			s.CommitIndex[i] = max(s.CommitIndex[i], min(m.Commit, uint8(last)))
			reply.MatchIndex = uint8(last)
		}
		s.Msgs = s.Msgs.With(reply)
	case AER: // HandleAppendEntriesResponse
		if m.Term == s.CurrentTerm[i] && s.Role[i] == Leader && m.Success {
			s.MatchIndex[i][j] = max(s.MatchIndex[i][j], m.MatchIndex)
			s.CommitIndex[i] = c.commitTo(&s, i, s.Log[i], s.CurrentTerm[i], s.MatchIndex[i])
		}
	}
	return s
}

// Merge is Raft.tla's Merge: keep agreeing entries, cut at the first
// conflict, append what is new.
func Merge(l Log, prev int, es Log) Log {
	for k := 1; k <= es.Len(); k++ {
		if prev+k <= l.Len() && l.At(prev+k).Term != es.At(k).Term {
			out := l.Prefix(prev + k - 1)
			for ; k <= es.Len(); k++ {
				out = out.Append(es.At(k))
			}
			return out
		}
	}
	for k := l.Len() - prev + 1; k <= es.Len(); k++ {
		l = l.Append(es.At(k))
	}
	return l
}

// Next enumerates Raft.tla's Next in a fixed order, labelling each step
// with its TLA+ action.
func (c Config) Next(s State, yield func(string, State) bool) { c.next(s, yield, nil) }

// labels caches Next's action labels: formatting them was a fifth of the
// search's time. A Model has one; it is safe for concurrent use.
type labels struct {
	timeout, restart []string
	client           [][]string // [server][value-1]
	mu               sync.RWMutex
	receive          map[Msg]string // lookups only, never iterated
}

func (c Config) newLabels() *labels {
	l := &labels{receive: map[Msg]string{}}
	for i := 0; i < c.Servers; i++ {
		l.timeout = append(l.timeout, fmt.Sprintf("Timeout(s%d)", i+1))
		l.restart = append(l.restart, fmt.Sprintf("Restart(s%d)", i+1))
		var vs []string
		for v := 1; v <= c.Values; v++ {
			vs = append(vs, fmt.Sprintf("ClientRequest(s%d,v%d)", i+1, v))
		}
		l.client = append(l.client, vs)
	}
	return l
}

func (l *labels) receiveLabel(m Msg) string {
	l.mu.RLock()
	x, ok := l.receive[m]
	l.mu.RUnlock()
	if !ok {
		x = "Receive(" + m.String() + ")"
		l.mu.Lock()
		l.receive[m] = x
		l.mu.Unlock()
	}
	return x
}

// next is Next with labels from l, or formatted anew when l is nil.
func (c Config) next(s State, yield func(string, State) bool, l *labels) {
	if l == nil {
		l = c.newLabels()
	}
	for i := 0; i < c.Servers; i++ {
		if t, ok := c.Timeout(s, i); ok && !yield(l.timeout[i], t) {
			return
		}
	}
	for i := 0; i < c.Servers; i++ {
		if !yield(l.restart[i], c.Restart(s, i)) {
			return
		}
	}
	for i := 0; i < c.Servers; i++ {
		for v := 1; v <= c.Values; v++ {
			if t, ok := c.ClientRequest(s, i, v); ok && !yield(l.client[i][v-1], t) {
				return
			}
		}
	}
	for i := 0; i < c.Servers; i++ {
		if s.Role[i] != Leader {
			continue
		}
		for j := 0; j < c.Servers; j++ {
			for prev := 0; prev <= s.Log[i].Len(); prev++ {
				if t, ok := c.AppendEntries(s, i, j, prev); ok && !yield(fmt.Sprintf("AppendEntries(s%d,s%d,%d)", i+1, j+1, prev), t) {
					return
				}
			}
		}
	}
	for _, m := range s.Msgs {
		if !yield(l.receiveLabel(m), c.Receive(s, m)) {
			return
		}
	}
}
