package kvsim

import (
	"cmp"
	"fmt"
	"math/rand/v2" // nondet-ok: only seeded PCG sources passed in, never the global one
	"slices"

	"github.com/distcheck/distcheck/impl/kv"
	"github.com/distcheck/distcheck/impl/raft"
)

// Design selects the store.
type Design string

const (
	CP         Design = "cp"             // reads and writes through the Raft log
	LocalReads Design = "cp-local-reads" // Raft writes, reads from the local copy (fast, stale)
	AP         Design = "ap"             // local reads and writes, last writer wins
)

// Config is one run.
type Config struct {
	Design  Design
	Servers int
	Clients int
	Keys    int
	Seed    uint64
	// Ticks is how long clients issue operations; the run then drains for
	// Drain ticks so outstanding operations can finish.
	Ticks, Drain int
	// Start is when clients begin (a leader is elected by then, normally).
	Start int
	// Latency is the ticks a message takes.
	Latency int
	// ElectionTicks, HeartbeatTicks drive raft.Clock; RetryTicks is the
	// client timeout; AntiEntropyTicks the AP replicas' full sync period.
	ElectionTicks, HeartbeatTicks, RetryTicks, AntiEntropyTicks int
	// ReadFraction of operations are reads.
	ReadFraction float64
	// Partition, when End > Start, cuts Side (true: the minority side)
	// from the other servers during [Start, End).
	Partition struct {
		Start, End int
		Side       []bool
	}
}

// Defaults returns a configuration for design d: 3 servers, 4 clients,
// 1-tick messages, clients from tick 40 for 200 ticks.
func Defaults(d Design) Config {
	return Config{Design: d, Servers: 3, Clients: 4, Keys: 2, Seed: 1, Ticks: 200, Drain: 100, Start: 40,
		Latency: 1, ElectionTicks: 10, HeartbeatTicks: 1, RetryTicks: 8, AntiEntropyTicks: 5, ReadFraction: 0.5}
}

// Op is one client operation as it happened: Return is -1 when it never
// got an answer.
type Op struct {
	Client       int
	Cmd          kv.Command
	Call, Return int64
	Value        string // what a get read
}

// Report is a run's outcome.
type Report struct {
	Ops                  []Op
	Answered, Unanswered int
	// Reads and Writes summarise the latency (ticks) of answered operations.
	Reads, Writes Latency
	// Cut is what the clients on each side of the partition (0: the
	// side marked in Partition.Side, 1: the rest) saw while it lasted:
	// operations outstanding at some moment of it, and how many of those
	// were answered before it healed.
	Cut [2]SideCount
}

// SideCount counts one side's operations during a partition.
type SideCount struct{ Issued, Answered int }

// Latency summarises latencies in ticks.
type Latency struct {
	Count         int
	Mean          float64
	P50, P99, Max int64
}

type node struct {
	cp    *kv.CPServer
	clock *raft.Clock
	ap    *kv.APServer
	c     *kv.Client
	// client bookkeeping
	lastSend int
	home     int
}

type flight struct {
	at       int
	seq      int
	from, to int
	msg      kv.Msg
}

// Run simulates the configuration.
func Run(cfg Config) (*Report, error) {
	if cfg.Servers < 1 || cfg.Clients < 1 || cfg.Keys < 1 || cfg.Latency < 1 || cfg.Ticks < 1 || cfg.ElectionTicks < 1 || cfg.HeartbeatTicks < 1 || cfg.RetryTicks < 1 {
		return nil, fmt.Errorf("kvsim: configuration out of range: %+v", cfg)
	}
	switch cfg.Design {
	case CP, LocalReads, AP:
	default:
		return nil, fmt.Errorf("kvsim: unknown design %q (have cp, cp-local-reads, ap)", cfg.Design)
	}
	if cfg.Partition.End > cfg.Partition.Start && len(cfg.Partition.Side) != cfg.Servers {
		return nil, fmt.Errorf("kvsim: the partition names %d sides for %d servers", len(cfg.Partition.Side), cfg.Servers)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x6b76))
	nodes := make([]*node, cfg.Servers+cfg.Clients)
	for i := range cfg.Servers {
		switch cfg.Design {
		case AP:
			nodes[i] = &node{ap: kv.NewAPServer(i, cfg.Servers)}
		default:
			nodes[i] = &node{cp: kv.NewCPServer(kv.CPConfig{ID: i, Servers: cfg.Servers, StaleReads: cfg.Design == LocalReads}),
				clock: &raft.Clock{ElectionTicks: cfg.ElectionTicks, HeartbeatTicks: cfg.HeartbeatTicks, Rand: r}}
		}
	}
	// Scripts: long enough for every tick; values are unique so a read
	// names the write it saw.
	for k := range cfg.Clients {
		var script []kv.Command
		for j := range cfg.Ticks + 1 {
			key := fmt.Sprintf("k%d", r.IntN(cfg.Keys))
			if r.Float64() < cfg.ReadFraction {
				script = append(script, kv.Command{Kind: kv.Get, Key: key})
			} else {
				script = append(script, kv.Command{Kind: kv.Put, Key: key, Value: fmt.Sprintf("c%d.%d", k+1, j+1)})
			}
		}
		nodes[cfg.Servers+k] = &node{c: kv.NewClient(k, cfg.Servers, script), home: k % cfg.Servers}
	}
	side := func(i int) bool {
		if i >= cfg.Servers {
			i = nodes[i].home
		}
		return cfg.Partition.Side[i]
	}
	cut := func(now, a, b int) bool {
		return now >= cfg.Partition.Start && now < cfg.Partition.End && side(a) != side(b)
	}
	var net []flight
	seq := 0
	rep := &Report{}
	open := make([]int, cfg.Clients) // index in rep.Ops of each client's outstanding op, or -1
	for k := range open {
		open[k] = -1
	}
	send := func(now, from int, es []kv.Envelope) {
		for _, e := range es {
			if cut(now, from, e.To) {
				continue // lost in the partition
			}
			net = append(net, flight{at: now + cfg.Latency, seq: seq, from: from, to: e.To, msg: e.Msg})
			seq++
		}
	}
	end := cfg.Start + cfg.Ticks + cfg.Drain
	for now := 0; now < end; now++ {
		// Deliver what arrives now, in send order.
		slices.SortFunc(net, func(a, b flight) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq)) })
		k := 0
		for k < len(net) && net[k].at <= now {
			k++
		}
		due := net[:k:k]
		net = slices.Clone(net[k:])
		for _, f := range due {
			if cut(now, f.from, f.to) {
				continue
			}
			n := nodes[f.to]
			switch {
			case n.c != nil:
				out, done := n.c.Deliver(f.msg)
				if done {
					ci := f.to - cfg.Servers
					op := &rep.Ops[open[ci]]
					op.Return = int64(now)
					op.Value = n.c.Results()[len(n.c.Results())-1].Value
					open[ci] = -1
					n.lastSend = now
				}
				if len(out) > 0 {
					n.lastSend = now
				}
				send(now, f.to, out)
			case n.ap != nil:
				out, err := n.ap.Deliver(f.msg)
				if err != nil {
					return nil, err
				}
				send(now, f.to, out)
			default:
				out, err := n.cp.Deliver(f.msg)
				if err != nil {
					return nil, err
				}
				if n.cp.HeardFromLeader() {
					n.clock.Reset()
				}
				send(now, f.to, out)
			}
		}
		// Timers.
		for i, n := range nodes {
			switch {
			case n.cp != nil:
				for _, t := range n.clock.Tick(n.cp.Raft()) {
					out, err := n.cp.Fire(t.String())
					if err != nil {
						return nil, err
					}
					if n.cp.HeardFromLeader() {
						n.clock.Reset()
					}
					send(now, i, out)
				}
			case n.ap != nil:
				if cfg.AntiEntropyTicks > 0 && now%cfg.AntiEntropyTicks == 0 {
					send(now, i, n.ap.AntiEntropy())
				}
			default:
				ci := i - cfg.Servers
				if open[ci] >= 0 && now-n.lastSend >= cfg.RetryTicks {
					n.lastSend = now
					send(now, i, n.c.Retry())
				}
				if open[ci] < 0 && now >= cfg.Start && now < cfg.Start+cfg.Ticks && n.c.CanInvoke() {
					next, _ := n.c.Pending()
					out, err := n.c.Invoke()
					if err != nil {
						return nil, err
					}
					open[ci] = len(rep.Ops)
					rep.Ops = append(rep.Ops, Op{Client: ci, Cmd: n.c.Script()[next], Call: int64(now), Return: -1})
					n.lastSend = now
					send(now, i, out)
				}
			}
		}
	}
	var reads, writes []int64
	for _, op := range rep.Ops {
		// Outstanding at some moment of the partition.
		inPart := op.Call < int64(cfg.Partition.End) && (op.Return < 0 || op.Return >= int64(cfg.Partition.Start))
		var sc *SideCount
		if inPart {
			sc = &rep.Cut[1]
			if side(cfg.Servers + op.Client) {
				sc = &rep.Cut[0]
			}
			sc.Issued++
		}
		if op.Return < 0 {
			rep.Unanswered++
			continue
		}
		rep.Answered++
		if inPart && op.Return < int64(cfg.Partition.End) {
			sc.Answered++
		}
		if op.Cmd.Kind == kv.Get {
			reads = append(reads, op.Return-op.Call)
		} else {
			writes = append(writes, op.Return-op.Call)
		}
	}
	rep.Reads, rep.Writes = summarise(reads), summarise(writes)
	return rep, nil
}

func summarise(xs []int64) Latency {
	if len(xs) == 0 {
		return Latency{}
	}
	slices.Sort(xs)
	var sum int64
	for _, x := range xs {
		sum += x
	}
	q := func(p float64) int64 { return xs[min(len(xs)-1, int(p*float64(len(xs))))] }
	return Latency{Count: len(xs), Mean: float64(sum) / float64(len(xs)), P50: q(0.5), P99: q(0.99), Max: xs[len(xs)-1]}
}
