package kv

import (
	"fmt"
	"slices"
)

// APServer is a replica of the available store: it answers from its local
// copy at once and sends each write to the other replicas; a write wins
// over another when its stamp is larger (last writer wins), so replicas
// that have seen the same writes hold the same data.
type APServer struct {
	id, servers int
	clock       int
	data        []apItem // sorted by key; durable (a restarted replica keeps it)
}

type apItem struct {
	Key, Value string
	Stamp      Stamp
}

// NewAPServer makes replica id of servers.
func NewAPServer(id, servers int) *APServer { return &APServer{id: id, servers: servers} }

// ID is the replica's address.
func (s *APServer) ID() int { return s.id }

// Clone copies the replica.
func (s *APServer) Clone() *APServer {
	t := *s
	return &t
}

// Get reads the local copy.
func (s *APServer) Get(key string) string {
	if i, ok := s.find(key); ok {
		return s.data[i].Value
	}
	return ""
}

func (s *APServer) find(key string) (int, bool) {
	return slices.BinarySearchFunc(s.data, key, func(x apItem, k string) int { return cmpStr(x.Key, k) })
}

// merge keeps the write with the larger stamp.
func (s *APServer) merge(key, value string, st Stamp) {
	if st.Counter > s.clock {
		s.clock = st.Counter
	}
	i, ok := s.find(key)
	switch {
	case !ok:
		s.data = slices.Insert(slices.Clip(s.data), i, apItem{key, value, st})
	case s.data[i].Stamp.Less(st):
		s.data = slices.Clone(s.data)
		s.data[i] = apItem{key, value, st}
	}
}

// Deliver handles a client request or another replica's write.
func (s *APServer) Deliver(m Msg) ([]Envelope, error) {
	switch m.Kind {
	case MsgSync:
		s.merge(m.Cmd.Key, m.Cmd.Value, m.Stamp)
		return nil, nil
	case MsgRequest:
		if m.Cmd.Kind == Get {
			return []Envelope{reply(m, Result{Value: s.Get(m.Cmd.Key)})}, nil
		}
		v := m.Cmd.Value
		if m.Cmd.Kind == Append {
			v = s.Get(m.Cmd.Key) + v
		}
		st := Stamp{Counter: s.clock + 1, Replica: s.id}
		s.merge(m.Cmd.Key, v, st)
		out := []Envelope{reply(m, Result{})}
		for p := 0; p < s.servers; p++ {
			if p != s.id {
				out = append(out, Envelope{To: p, Msg: Msg{Kind: MsgSync, Cmd: Command{Kind: Put, Key: m.Cmd.Key, Value: v}, Stamp: st}})
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("kv: AP replica n%d cannot handle %s", s.id+1, m.Key())
}

// AntiEntropy sends every item to every other replica, so replicas
// converge after a partition that lost the original sync messages.
func (s *APServer) AntiEntropy() []Envelope {
	var out []Envelope
	for p := 0; p < s.servers; p++ {
		if p == s.id {
			continue
		}
		for _, x := range s.data {
			out = append(out, Envelope{To: p, Msg: Msg{Kind: MsgSync, Cmd: Command{Kind: Put, Key: x.Key, Value: x.Value}, Stamp: x.Stamp}})
		}
	}
	return out
}

// String renders the replica canonically.
func (s *APServer) String() string {
	b := fmt.Appendf(nil, "clock=%d {", s.clock)
	for i, x := range s.data {
		if i > 0 {
			b = append(b, ' ')
		}
		b = fmt.Appendf(b, "%s=%q@%d.%d", x.Key, x.Value, x.Stamp.Counter, x.Stamp.Replica)
	}
	return string(append(b, '}'))
}
