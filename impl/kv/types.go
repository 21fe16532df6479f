package kv

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/distcheck/distcheck/impl/paxos"
	"github.com/distcheck/distcheck/impl/raft"
)

// OpKind is the kind of a client operation.
type OpKind uint8

const (
	Get OpKind = iota
	Put
	Append
)

func (k OpKind) String() string { return [...]string{"get", "put", "append"}[k] }

// Command is a client operation. Value is unused by Get.
type Command struct {
	Kind       OpKind
	Key, Value string
}

func (c Command) String() string {
	if c.Kind == Get {
		return fmt.Sprintf("get(%s)", c.Key)
	}
	return fmt.Sprintf("%v(%s,%s)", c.Kind, c.Key, c.Value)
}

// Status says how a server answered.
type Status uint8

const (
	OK        Status = iota
	NotLeader        // redirect: try Leader (or the next server when it is -1)
)

// Result is a server's answer. Value is what a Get read (a missing key reads "").
type Result struct {
	Status Status
	Value  string
	Leader int
}

// MsgKind tags a Msg.
type MsgKind uint8

const (
	MsgRaft    MsgKind = iota // between CP servers
	MsgRequest                // client -> server
	MsgReply                  // server -> client
	MsgSync                   // between AP replicas: one write, stamped
	MsgPaxos                  // between CP servers on Multi-Paxos
)

// Stamp orders AP writes: Lamport counter, then replica id.
type Stamp struct{ Counter, Replica int }

// Less orders stamps totally.
func (a Stamp) Less(b Stamp) bool {
	return a.Counter < b.Counter || (a.Counter == b.Counter && a.Replica < b.Replica)
}

// Msg is every message of the store. Node addresses: servers are 0..S-1,
// clients S.. (Client is the client's address).
type Msg struct {
	Kind  MsgKind
	Raft  raft.Message
	Paxos paxos.MultiMessage
	// Request and Reply.
	Client int
	Seq    uint64
	Cmd    Command
	Result Result
	// Sync.
	Stamp Stamp
}

// Key renders m canonically (equal keys, equal messages).
func (m Msg) Key() string {
	switch m.Kind {
	case MsgRaft:
		return m.Raft.String()
	case MsgPaxos:
		return m.Paxos.String()
	case MsgRequest:
		return fmt.Sprintf("Req{n%d#%d %v}", m.Client+1, m.Seq, m.Cmd)
	case MsgReply:
		if m.Result.Status == NotLeader {
			return fmt.Sprintf("Reply{n%d#%d not-leader:%d}", m.Client+1, m.Seq, m.Result.Leader)
		}
		return fmt.Sprintf("Reply{n%d#%d ok %q}", m.Client+1, m.Seq, m.Result.Value)
	default:
		return fmt.Sprintf("Sync{%v @%d.%d}", m.Cmd, m.Stamp.Counter, m.Stamp.Replica)
	}
}

// Envelope is a message with its destination.
type Envelope struct {
	To  int
	Msg Msg
}

// entry is what the CP store writes in a Raft log entry.
type entry struct {
	Client int     `json:"c"`
	Seq    uint64  `json:"s"`
	Cmd    Command `json:"o"`
}

func encodeEntry(e entry) string {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err) // a struct of ints and strings always marshals
	}
	return string(b)
}

func decodeEntry(data string) (entry, error) {
	var e entry
	if err := json.Unmarshal([]byte(data), &e); err != nil {
		return e, fmt.Errorf("kv: log entry %s: %w", strconv.Quote(data), err)
	}
	return e, nil
}

// session is the last request a client had applied, with its answer, so a
// retried request is answered without being applied twice.
type session struct {
	Client int
	Seq    uint64
	Result Result
}

// pair is a key and its value.
type pair struct{ Key, Value string }

// Store is the replicated state machine: the data and the client sessions,
// both kept sorted so that equal stores compare and encode equally.
type Store struct {
	data     []pair
	sessions []session
}

// Get reads a key ("" when missing).
func (s *Store) Get(key string) string {
	if i, ok := slices.BinarySearchFunc(s.data, key, func(p pair, k string) int { return cmpStr(p.Key, k) }); ok {
		return s.data[i].Value
	}
	return ""
}

func (s *Store) set(key, value string) {
	i, ok := slices.BinarySearchFunc(s.data, key, func(p pair, k string) int { return cmpStr(p.Key, k) })
	if ok {
		s.data = slices.Clone(s.data)
		s.data[i].Value = value
		return
	}
	s.data = slices.Insert(slices.Clip(s.data), i, pair{key, value})
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Apply applies one client request exactly once: a request at or below
// the client's last applied sequence number is not applied again, and the
// recorded answer of the last one is returned (fresh reports false).
func (s *Store) Apply(client int, seq uint64, c Command) (r Result, fresh bool) {
	i, ok := slices.BinarySearchFunc(s.sessions, client, func(x session, c int) int { return x.Client - c })
	if ok && seq <= s.sessions[i].Seq {
		return s.sessions[i].Result, false
	}
	r = s.exec(c)
	x := session{client, seq, r}
	if ok {
		s.sessions = slices.Clone(s.sessions)
		s.sessions[i] = x
	} else {
		s.sessions = slices.Insert(slices.Clip(s.sessions), i, x)
	}
	return r, true
}

func (s *Store) exec(c Command) Result {
	switch c.Kind {
	case Put:
		s.set(c.Key, c.Value)
		return Result{}
	case Append:
		v := s.Get(c.Key) + c.Value
		s.set(c.Key, v)
		return Result{}
	}
	return Result{Value: s.Get(c.Key)}
}

// String renders the store canonically: data, then sessions.
func (s *Store) String() string {
	b := []byte("{")
	for i, p := range s.data {
		if i > 0 {
			b = append(b, ' ')
		}
		b = fmt.Appendf(b, "%s=%q", p.Key, p.Value)
	}
	b = append(b, '}')
	for _, x := range s.sessions {
		b = fmt.Appendf(b, " n%d#%d", x.Client+1, x.Seq)
	}
	return string(b)
}
