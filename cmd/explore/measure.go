package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/impl/chord"
	"github.com/distcheck/distcheck/impl/kv/kvmodel"
	"github.com/distcheck/distcheck/impl/kv/kvsim"
	"github.com/distcheck/distcheck/impl/ring"
	"github.com/distcheck/distcheck/internal/plot"
	"github.com/distcheck/distcheck/linearizability"
)

// A measurement prints a table of figures that exhaustive checking cannot
// give: latencies, hop counts, load spread. Each is deterministic given
// its seed.
type measurement struct {
	doc string
	run func(w io.Writer, seed uint64, markdown bool) error
}

var measurements = map[string]measurement{ // looked up by name; listed sorted
	"pacelc":     {"claim C6: latency (ticks) of reads and writes with no partition, CP vs local reads vs AP", measurePACELC},
	"cap":        {"claim C5: a partition cuts one server off; operations answered on each side, and porcupine's verdict on the history", measureCAP},
	"chord-hops": {"claim C14: Chord lookup hops on stable rings of 2^4..2^14 nodes against log2 n", measureHops},
	"hashing":    {"claim C13: consistent hashing's load spread (with virtual nodes) and keys moved on a join or leave", measureHashing},
}

// charts draw a measurement as an SVG chart (explore measure NAME -svg FILE).
var charts = map[string]func(w io.Writer, seed uint64) error{ // looked up by name
	"chord-hops": chartHops,
	"hashing":    chartHashing,
}

func measurementNames() []string {
	var out []string
	for n := range measurements {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func runMeasure(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "seed of the run")
	md := fs.Bool("markdown", false, "print a markdown table")
	svg := fs.String("svg", "", "also write the measurement as an SVG chart to this file (chord-hops, hashing)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		flagHelp(fs, stderr, "measure NAME [-seed N] [-markdown] [-svg FILE]   (NAME: "+strings.Join(measurementNames(), ", ")+")")
		if err == flag.ErrHelp {
			return exitHolds, nil
		}
		return exitUsage, err
	}
	if len(pos) != 1 {
		return exitUsage, usagef("want one measurement name (have %s)", strings.Join(measurementNames(), ", "))
	}
	m, ok := measurements[pos[0]]
	if !ok {
		return exitUsage, usagef("unknown measurement %q (have %s)", pos[0], strings.Join(measurementNames(), ", "))
	}
	chart, hasChart := charts[pos[0]]
	if *svg != "" && !hasChart {
		return exitUsage, usagef("measurement %s has no chart (charts: chord-hops, hashing)", pos[0])
	}
	if err := m.run(stdout, *seed, *md); err != nil {
		return exitUsage, err
	}
	if *svg != "" {
		// The table is printed first; a chart that cannot be written is a
		// warning, not a lost measurement.
		var b bytes.Buffer
		if err := chart(&b, *seed); err != nil {
			return exitUsage, err
		}
		if err := corpus.WriteFile(*svg, b.Bytes()); err != nil {
			fmt.Fprintf(stderr, "warning: chart not written: %v\n", err)
			return exitHolds, nil
		}
		fmt.Fprintf(stderr, "chart written to %s\n", *svg)
	}
	return exitHolds, nil
}

// The measurements' parameters, shared by tables and charts.
const (
	hopLookups          = 3000
	hashNodes, hashKeys = 64, 100000
)

var hashVNodes = []int{1, 10, 100, 1000}

// chartHops draws mean and p99 hops against log2 n, with the ½ log2 n line.
func chartHops(w io.Writer, seed uint64) error {
	rows, err := chord.HopTable(seed, hopLookups, chord.DefaultHopSizes())
	if err != nil {
		return err
	}
	var x, mean, p99, half []float64
	for _, r := range rows {
		x = append(x, r.Log2N)
		mean, p99, half = append(mean, r.Mean), append(p99, float64(r.P99)), append(half, r.HalfLog2N)
	}
	return plot.WriteLines(w, plot.Lines{
		Title:  "Chord lookup hops against ring size",
		XLabel: fmt.Sprintf("ring size n (log scale; %d lookups per size, seed %d)", hopLookups, seed), YLabel: "hops",
		XTicks: x, XTickLabel: func(v float64) string { return fmt.Sprintf("2^%d", int(v)) },
		Series: []plot.Series{
			{Name: "mean hops", X: x, Y: mean},
			{Name: "p99 hops", X: x, Y: p99, Color: "#90a4ae"},
			{Name: "½ log2 n (the claim)", X: x, Y: half, Dashed: true, Color: "#c62828"},
		},
	})
}

// chartHashing draws each node's load (keys over the mean) by virtual-node count.
func chartHashing(w io.Writer, seed uint64) error {
	load, err := ring.LoadTable(seed, hashNodes, hashKeys, hashVNodes)
	if err != nil {
		return err
	}
	var groups []plot.Group
	for _, r := range load {
		g := plot.Group{Label: fmt.Sprintf("%d virtual node%s", r.VNodes, map[bool]string{true: "", false: "s"}[r.VNodes == 1])}
		for _, l := range r.Loads {
			g.Values = append(g.Values, float64(l)/r.Mean)
		}
		groups = append(groups, g)
	}
	return plot.WriteStrips(w, plot.Strips{
		Title:  fmt.Sprintf("Consistent hashing: keys on each of %d nodes", hashNodes),
		XLabel: fmt.Sprintf("virtual nodes per node (%d keys, seed %d)", hashKeys, seed), YLabel: "keys held ÷ mean (log scale)",
		Groups: groups, Ref: 1, RefLabel: "perfect balance",
	})
}

// caption prints a table's caption line (a paragraph of its own in markdown).
func caption(w io.Writer, markdown bool, format string, args ...any) {
	fmt.Fprintf(w, format+"\n", args...)
	if markdown {
		fmt.Fprintln(w)
	}
}

// table prints rows as markdown or as aligned text.
func table(w io.Writer, markdown bool, header []string, rows [][]string) {
	if markdown {
		fmt.Fprintln(w, "| "+strings.Join(header, " | ")+" |")
		fmt.Fprintln(w, "|"+strings.Repeat("---|", len(header)))
		for _, r := range rows {
			fmt.Fprintln(w, "| "+strings.Join(r, " | ")+" |")
		}
		return
	}
	width := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			fmt.Fprintf(w, "%-*s  ", width[i], c)
		}
		fmt.Fprintln(w)
	}
}

func measurePACELC(w io.Writer, seed uint64, markdown bool) error {
	var rows [][]string
	for _, d := range []kvsim.Design{kvsim.CP, kvsim.LocalReads, kvsim.AP} {
		rep, verdict, err := simRun(d, seed, false)
		if err != nil {
			return err
		}
		rows = append(rows, []string{string(d), fmt.Sprint(rep.Reads.Count), fmt.Sprintf("%.2f", rep.Reads.Mean), fmt.Sprint(rep.Reads.P99),
			fmt.Sprint(rep.Writes.Count), fmt.Sprintf("%.2f", rep.Writes.Mean), fmt.Sprint(rep.Writes.P99), string(verdict)})
	}
	c := kvsim.Defaults(kvsim.CP)
	caption(w, markdown, "%d servers, %d clients, %d keys, a message takes %d tick, Raft heartbeat every %d tick, seed %d, no failures",
		c.Servers, c.Clients, c.Keys, c.Latency, c.HeartbeatTicks, seed)
	table(w, markdown, []string{"design", "reads", "read mean", "read p99", "writes", "write mean", "write p99", "linearizable"}, rows)
	return nil
}

func measureCAP(w io.Writer, seed uint64, markdown bool) error {
	var rows [][]string
	for _, d := range []kvsim.Design{kvsim.CP, kvsim.AP} {
		rep, verdict, err := simRun(d, seed, true)
		if err != nil {
			return err
		}
		rows = append(rows, []string{string(d), fmt.Sprintf("%d of %d", rep.Cut[0].Answered, rep.Cut[0].Issued),
			fmt.Sprintf("%d of %d", rep.Cut[1].Answered, rep.Cut[1].Issued), fmt.Sprint(rep.Unanswered), string(verdict)})
	}
	c := kvsim.Defaults(kvsim.CP)
	caption(w, markdown, "%d servers, %d clients (client k on server k mod %d's side), server n1 cut off during ticks [%d, %d), seed %d",
		c.Servers, c.Clients, c.Servers, cutStart, cutEnd, seed)
	table(w, markdown, []string{"design", "n1's side: answered during the partition", "other side: answered", "never answered", "linearizable"}, rows)
	return nil
}

// The partition of the CAP runs: server n1 (and its clients) cut off.
const cutStart, cutEnd = 80, 180

// simRun runs design d in simulated time (partitioned or not) and checks
// its history with porcupine.
func simRun(d kvsim.Design, seed uint64, partitioned bool) (*kvsim.Report, linearizability.Verdict, error) {
	c := kvsim.Defaults(d)
	c.Seed = seed
	if partitioned {
		c.Partition.Start, c.Partition.End, c.Partition.Side = cutStart, cutEnd, []bool{true, false, false}
	}
	rep, err := kvsim.Run(c)
	if err != nil {
		return nil, "", err
	}
	ops := make([]linearizability.Op[linearizability.KVInput, linearizability.KVOutput], len(rep.Ops))
	for i, o := range rep.Ops {
		ops[i] = linearizability.Op[linearizability.KVInput, linearizability.KVOutput]{Client: o.Client, Input: kvmodel.LinInput(o.Cmd),
			Call: o.Call, Return: o.Return, Output: linearizability.KVOutput{Value: o.Value}}
		if o.Return < 0 {
			ops[i].Return = linearizability.Pending
		}
	}
	return rep, linearizability.Check(linearizability.KVModel(), ops, 0).Verdict, nil
}

func measureHops(w io.Writer, seed uint64, markdown bool) error {
	const lookups = hopLookups
	rows, err := chord.HopTable(seed, lookups, chord.DefaultHopSizes())
	if err != nil {
		return err
	}
	var out [][]string
	for _, r := range rows {
		out = append(out, []string{fmt.Sprint(r.Nodes), fmt.Sprint(r.Lookups), fmt.Sprintf("%.2f", r.Mean), fmt.Sprint(r.P50), fmt.Sprint(r.P99),
			fmt.Sprint(r.Max), fmt.Sprintf("%.1f", r.Log2N), fmt.Sprintf("%.1f", r.HalfLog2N), fmt.Sprint(r.Wrong)})
	}
	caption(w, markdown, "stable rings, 32-bit identifiers, correct fingers, %d iterative lookups per size from random nodes for random keys, seed %d", lookups, seed)
	table(w, markdown, []string{"nodes", "lookups", "mean hops", "p50", "p99", "max", "log2 n", "½ log2 n", "wrong owner"}, out)
	return nil
}

func measureHashing(w io.Writer, seed uint64, markdown bool) error {
	const nodes, keys = hashNodes, hashKeys
	load, err := ring.LoadTable(seed, nodes, keys, hashVNodes)
	if err != nil {
		return err
	}
	var out [][]string
	for _, r := range load {
		out = append(out, []string{fmt.Sprint(r.VNodes), fmt.Sprintf("%.0f", r.Mean), fmt.Sprint(r.Min), fmt.Sprint(r.Max),
			fmt.Sprintf("%.2f", r.MaxOverMean), fmt.Sprintf("%.3f", r.StdOverMean)})
	}
	caption(w, markdown, "load: %d nodes, %d keys, SHA-256 positions, seed %d", nodes, keys, seed)
	table(w, markdown, []string{"virtual nodes", "mean keys", "min", "max", "max/mean", "std/mean"}, out)
	const trials = 20
	moves, err := ring.MovementTable(seed, nodes, keys, trials, []int{1, 100})
	if err != nil {
		return err
	}
	out = nil
	for _, r := range moves {
		out = append(out, []string{r.Scheme, r.Event, fmt.Sprint(r.VNodes), fmt.Sprintf("%.4f", r.Expected), fmt.Sprintf("%.4f", r.Mean),
			fmt.Sprintf("%.4f", r.Min), fmt.Sprintf("%.4f", r.Max), fmt.Sprint(r.NonMonotone)})
	}
	fmt.Fprintln(w)
	caption(w, markdown, "keys moved when one node joins or leaves: %d nodes, %d keys, %d trials, seed %d", nodes, keys, trials, seed)
	table(w, markdown, []string{"scheme", "event", "virtual nodes", "expected (ring)", "mean moved", "min", "max", "moved between staying nodes"}, out)
	return nil
}

// The judges below turn a measurement into ledger evidence: the figures,
// and whether they agree with the claim's verdict, with the tolerances
// stated in each.

// judgePACELC: with no partition, linearizable reads cost more ticks than
// local ones, and the CP history is linearizable.
func judgePACELC() (string, bool, error) {
	var mean [2]float64
	var verdict linearizability.Verdict
	for i, d := range []kvsim.Design{kvsim.CP, kvsim.AP} {
		rep, v, err := simRun(d, 1, false)
		if err != nil {
			return "", false, err
		}
		mean[i] = rep.Reads.Mean
		if d == kvsim.CP {
			verdict = v
		}
	}
	return fmt.Sprintf("read latency CP %.2f vs AP %.2f ticks, CP history %s", mean[0], mean[1], verdict),
		mean[0] > mean[1] && verdict == linearizability.Ok, nil
}

// judgeCAP: partitioned, the CP store answers nothing on the cut-off side
// and stays linearizable; the AP store answers there and is not linearizable.
func judgeCAP() (string, bool, error) {
	var cut [2]kvsim.SideCount
	var verdict [2]linearizability.Verdict
	for i, d := range []kvsim.Design{kvsim.CP, kvsim.AP} {
		rep, v, err := simRun(d, 1, true)
		if err != nil {
			return "", false, err
		}
		cut[i], verdict[i] = rep.Cut[0], v
	}
	return fmt.Sprintf("cut-off side answered: CP %d of %d (history %s), AP %d of %d (history %s)",
			cut[0].Answered, cut[0].Issued, verdict[0], cut[1].Answered, cut[1].Issued, verdict[1]),
		cut[0].Issued > 0 && cut[0].Answered == 0 && verdict[0] == linearizability.Ok && cut[1].Answered > 0 && verdict[1] == linearizability.Illegal, nil
}

// judgeHops: on every ring size, the mean is within one hop of ½ log2 n
// and every lookup finds the true owner.
func judgeHops() (string, bool, error) {
	rows, err := chord.HopTable(1, 3000, chord.DefaultHopSizes())
	if err != nil {
		return "", false, err
	}
	ok := true
	var parts []string
	for _, r := range rows {
		ok = ok && r.Wrong == 0 && r.Mean >= r.HalfLog2N-1 && r.Mean <= r.HalfLog2N+1
		if r.Nodes == 16 || r.Nodes == 1024 || r.Nodes == 16384 {
			parts = append(parts, fmt.Sprintf("n=%d mean %.2f (½log2 n = %.1f)", r.Nodes, r.Mean, r.HalfLog2N))
		}
	}
	return strings.Join(parts, ", "), ok, nil
}

// judgeHashing: with 100 virtual nodes the hottest node holds under 1.3x
// the mean; a join or leave moves within 30% of the expected 1/n share and
// never moves a key between two nodes that stay.
func judgeHashing() (string, bool, error) {
	load, err := ring.LoadTable(1, 64, 100000, []int{1, 100})
	if err != nil {
		return "", false, err
	}
	moves, err := ring.MovementTable(1, 64, 100000, 20, []int{100})
	if err != nil {
		return "", false, err
	}
	ok := load[1].MaxOverMean < 1.3 && load[0].MaxOverMean > 2*load[1].MaxOverMean
	var moved []string
	for _, r := range moves {
		if r.Scheme != "ring" {
			continue
		}
		ok = ok && r.NonMonotone == 0 && r.Mean > 0.7*r.Expected && r.Mean < 1.3*r.Expected
		moved = append(moved, fmt.Sprintf("%s %.4f (1/n %.4f)", r.Event, r.Mean, r.Expected))
	}
	return fmt.Sprintf("max/mean %.2f with 1 virtual node, %.2f with 100, moved on %s, none between staying nodes",
		load[0].MaxOverMean, load[1].MaxOverMean, strings.Join(moved, ", ")), ok, nil
}
