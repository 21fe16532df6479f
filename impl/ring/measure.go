package ring

import (
	"fmt"
	"math"
	"math/rand/v2" // nondet-ok: only seeded PCG sources passed in, never the global one
	"slices"
	"strings"
	"text/tabwriter"
)

// LoadRow is the load spread of keys over nodes for one number of
// virtual nodes per node.
type LoadRow struct {
	Nodes, Keys, VNodes int
	// Mean, Min and Max are keys per node.
	Mean     float64
	Min, Max int
	// MaxOverMean is the hottest node's load against the mean (1 is perfect
	// balance); StdOverMean is the coefficient of variation of the loads.
	MaxOverMean, StdOverMean float64
	// Loads is each node's key count, in ascending order.
	Loads []int
}

// names draws n distinct names with a prefix from rng.
func names(rng *rand.Rand, prefix string, n int) []string {
	out := make([]string, 0, n)
	seen := map[string]bool{} // lookups only
	for len(out) < n {
		s := fmt.Sprintf("%s-%016x", prefix, rng.Uint64())
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func keyPositions(rng *rand.Rand, keys int) []uint64 {
	out := make([]uint64, keys)
	for i := range out {
		out[i] = Hash(fmt.Sprintf("key-%016x", rng.Uint64()))
	}
	return out
}

func checkSizes(nodes, keys int, vnodes []int) error {
	if nodes < 1 || keys < 1 {
		return fmt.Errorf("ring: need at least one node and one key (got %d nodes, %d keys)", nodes, keys)
	}
	if len(vnodes) == 0 {
		return fmt.Errorf("ring: no virtual-node counts to measure")
	}
	for _, v := range vnodes {
		if v < 1 {
			return fmt.Errorf("ring: %d virtual nodes per node, want at least 1", v)
		}
	}
	return nil
}

// LoadTable hashes keys random keys onto nodes random nodes (names drawn
// from seed, the same nodes and keys for every row) and reports the spread
// of keys per node, one row per entry of vnodes. Theory: with one position
// per node the arcs are uneven (the largest is about ln n / n of the
// circle, so Max/Mean grows like ln n); with v positions each node's share
// is a sum of v arcs and StdOverMean falls like 1/sqrt(v).
func LoadTable(seed uint64, nodes, keys int, vnodes []int) ([]LoadRow, error) {
	if err := checkSizes(nodes, keys, vnodes); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x10ad))
	ns := names(rng, "node", nodes)
	ks := keyPositions(rng, keys)
	var rows []LoadRow
	for _, v := range vnodes {
		r, _ := New(v)
		for _, n := range ns {
			if err := r.Add(n); err != nil {
				return nil, err
			}
		}
		count := map[string]int{} // lookups only; read back in r.nodes order
		for _, k := range ks {
			o, _ := r.OwnerOf(k)
			count[o]++
		}
		row := LoadRow{Nodes: nodes, Keys: keys, VNodes: v, Mean: float64(keys) / float64(nodes), Min: keys}
		var sq float64
		for _, n := range r.nodes {
			c := count[n]
			row.Loads = append(row.Loads, c)
			row.Min, row.Max = min(row.Min, c), max(row.Max, c)
			d := float64(c) - row.Mean
			sq += d * d
		}
		slices.Sort(row.Loads)
		row.MaxOverMean = float64(row.Max) / row.Mean
		row.StdOverMean = math.Sqrt(sq/float64(nodes)) / row.Mean
		rows = append(rows, row)
	}
	return rows, nil
}

// MoveRow is the fraction of keys that change owner when one node joins
// a ring of Nodes nodes, or one of them leaves, over Trials trials.
type MoveRow struct {
	// Scheme is "ring" (consistent hashing) or "mod-n" (owner = nodes[hash
	// mod n], the baseline consistent hashing replaces).
	Scheme                      string
	Event                       string // "join" or "leave"
	Nodes, Keys, VNodes, Trials int
	// Expected is the theoretical mean fraction for consistent hashing:
	// 1/(n+1) on a join (the newcomer's share), 1/n on a leave.
	Expected float64
	// Mean, Min and Max are the moved fraction over the trials.
	Mean, Min, Max float64
	// NonMonotone counts, over all trials, keys that moved between two
	// nodes that both stayed. Consistent hashing promises zero: a join
	// only takes keys to the newcomer, a leave only moves the leaver's keys.
	NonMonotone int
}

// MovementTable measures, for each entry of vnodes, trials joins and
// trials leaves on rings of nodes nodes holding keys keys (each trial a
// fresh random set of nodes, the keys shared), and the same events under
// mod-n placement. Deterministic for a given seed.
func MovementTable(seed uint64, nodes, keys, trials int, vnodes []int) ([]MoveRow, error) {
	if err := checkSizes(nodes, keys, vnodes); err != nil {
		return nil, err
	}
	if nodes < 2 || trials < 1 {
		return nil, fmt.Errorf("ring: movement needs at least 2 nodes and 1 trial (got %d nodes, %d trials)", nodes, trials)
	}
	rng := rand.New(rand.NewPCG(seed, 0x30fe))
	ks := keyPositions(rng, keys)
	type trial struct {
		nodes  []string // nodes+1 names: the last one joins
		leaver int
	}
	ts := make([]trial, trials)
	for i := range ts {
		ts[i] = trial{names(rng, "node", nodes+1), rng.IntN(nodes)}
	}
	var rows []MoveRow
	for _, v := range vnodes {
		join := newAcc(MoveRow{Scheme: "ring", Event: "join", Nodes: nodes, Keys: keys, VNodes: v, Trials: trials, Expected: 1 / float64(nodes+1)})
		leave := newAcc(MoveRow{Scheme: "ring", Event: "leave", Nodes: nodes, Keys: keys, VNodes: v, Trials: trials, Expected: 1 / float64(nodes)})
		for _, t := range ts {
			base, _ := New(v)
			for _, n := range t.nodes[:nodes] {
				if err := base.Add(n); err != nil {
					return nil, err
				}
			}
			joined, left := base.Clone(), base.Clone()
			joiner, leaver := t.nodes[nodes], t.nodes[t.leaver]
			if err := joined.Add(joiner); err != nil {
				return nil, err
			}
			if err := left.Remove(leaver); err != nil {
				return nil, err
			}
			var mj, ml, bad int
			for _, k := range ks {
				b, _ := base.OwnerOf(k)
				if a, _ := joined.OwnerOf(k); a != b {
					mj++
					if a != joiner {
						bad++
					}
				}
				if a, _ := left.OwnerOf(k); a != b {
					ml++
					if b != leaver {
						bad++
					}
				} else if b == leaver {
					bad++ // the leaver cannot keep a key
				}
			}
			join.add(mj, 0)
			leave.add(ml, bad)
		}
		rows = append(rows, join.done(), leave.done())
	}
	// The baseline: hash mod n over the nodes in joining order.
	join := newAcc(MoveRow{Scheme: "mod-n", Event: "join", Nodes: nodes, Keys: keys, Trials: trials, Expected: 1 / float64(nodes+1)})
	leave := newAcc(MoveRow{Scheme: "mod-n", Event: "leave", Nodes: nodes, Keys: keys, Trials: trials, Expected: 1 / float64(nodes)})
	for _, t := range ts {
		base := t.nodes[:nodes]
		joined := t.nodes
		left := slices.Delete(slices.Clone(base), t.leaver, t.leaver+1)
		joiner, leaver := t.nodes[nodes], t.nodes[t.leaver]
		var mj, ml, badJ, badL int
		for _, k := range ks {
			b := base[k%uint64(len(base))]
			if a := joined[k%uint64(len(joined))]; a != b {
				mj++
				if a != joiner {
					badJ++
				}
			}
			if a := left[k%uint64(len(left))]; a != b {
				ml++
				if b != leaver {
					badL++
				}
			}
		}
		join.add(mj, badJ)
		leave.add(ml, badL)
	}
	return append(rows, join.done(), leave.done()), nil
}

// acc accumulates the trials of one row in integers, so that the mean is
// exact and lies between the minimum and maximum.
type acc struct {
	row                MoveRow
	moved, least, most int
}

func newAcc(r MoveRow) *acc { return &acc{row: r, least: r.Keys} }

func (a *acc) add(moved, nonMonotone int) {
	a.moved += moved
	a.least, a.most = min(a.least, moved), max(a.most, moved)
	a.row.NonMonotone += nonMonotone
}

func (a *acc) done() MoveRow {
	k := float64(a.row.Keys)
	a.row.Mean = float64(a.moved) / (k * float64(a.row.Trials))
	a.row.Min, a.row.Max = float64(a.least)/k, float64(a.most)/k
	return a.row
}

// FormatLoad renders rows as an aligned text table.
func FormatLoad(rows []LoadRow) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "nodes\tkeys\tvnodes\tmean\tmin\tmax\tmax/mean\tstd/mean\t")
	for _, r := range rows {
		fmt.Fprintf(w, "%d\t%d\t%d\t%.1f\t%d\t%d\t%.3f\t%.3f\t\n", r.Nodes, r.Keys, r.VNodes, r.Mean, r.Min, r.Max, r.MaxOverMean, r.StdOverMean)
	}
	w.Flush()
	return b.String()
}

// FormatMovement renders rows as an aligned text table.
func FormatMovement(rows []MoveRow) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "scheme\tevent\tnodes\tkeys\tvnodes\ttrials\texpected\tmean\tmin\tmax\tnon-monotone\t")
	for _, r := range rows {
		v := fmt.Sprint(r.VNodes)
		if r.Scheme != "ring" {
			v = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t\n", r.Scheme, r.Event, r.Nodes, r.Keys, v, r.Trials,
			r.Expected, r.Mean, r.Min, r.Max, r.NonMonotone)
	}
	w.Flush()
	return b.String()
}
