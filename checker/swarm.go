package checker

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// A swarm is N independent runs (shards) of one model, each a simulation or
// a randomized depth-first search over disjoint seeds (Options.Shard and
// Shards), run by whatever batch engine is at hand (a Kubernetes Indexed
// Job, N processes on one machine) and merged afterwards. Each shard writes
// a ShardResult; MergeShards combines them.

// ShardResult is one shard's result in a portable form (the JSON of a
// result file). Paths are action labels, replayable with Replay.
type ShardResult struct {
	Model    string `json:"model"`
	Strategy string `json:"strategy"`
	Seed     uint64 `json:"seed"`
	// Shards lists the shard indices merged into this result (one for a
	// single shard's file), and Of the number of shards in the swarm.
	Shards     []int           `json:"shards"`
	Of         int             `json:"of"`
	Complete   bool            `json:"complete"` // some shard explored the whole space
	Stopped    string          `json:"stopped,omitempty"`
	Stats      ShardStats      `json:"stats"`
	Properties []ShardProperty `json:"properties"`
	Coverage   CoverageSet     `json:"coverage"`
	// Extra is free for callers (system, variant, parameters); merged
	// results keep the first shard's.
	Extra map[string]any `json:"extra,omitempty"`
}

// ShardStats sums the shards' statistics; Distinct is the size of the
// merged coverage (states reached by any shard, counted once).
type ShardStats struct {
	Generated uint64  `json:"generated"`
	Distinct  uint64  `json:"distinct"`
	Depth     int     `json:"depth"`
	Walks     int     `json:"walks"`
	Seconds   float64 `json:"seconds"` // summed over shards (CPU-ish time, not wall)
}

// ShardProperty is one property's verdict in a shard or a merge.
type ShardProperty struct {
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Status     string   `json:"status"`
	Actions    []string `json:"actions,omitempty"`
	Loop       int      `json:"loop,omitempty"`
	LoopAction string   `json:"loopAction,omitempty"`
	Detail     string   `json:"detail,omitempty"`
	Shard      int      `json:"shard"`          // the shard whose path is kept
	Seed       uint64   `json:"seed,omitempty"` // its walk's seed, for simulation
}

// CoverageSet is a sorted set of state fingerprints, stored in JSON as
// base64 of the delta-encoded varints (about 3-5 bytes per state).
type CoverageSet []uint64

// MarshalJSON encodes the set compactly.
func (c CoverageSet) MarshalJSON() ([]byte, error) {
	var buf []byte
	var last uint64
	for i, x := range c {
		if i > 0 && x <= last {
			return nil, fmt.Errorf("coverage set not sorted at %d", i)
		}
		buf = binary.AppendUvarint(buf, x-last)
		last = x
	}
	return json.Marshal(buf)
}

// UnmarshalJSON decodes what MarshalJSON wrote.
func (c *CoverageSet) UnmarshalJSON(data []byte) error {
	var buf []byte
	if err := json.Unmarshal(data, &buf); err != nil {
		return fmt.Errorf("coverage: %w", err)
	}
	var out CoverageSet
	var last uint64
	for len(buf) > 0 {
		d, n := binary.Uvarint(buf)
		if n <= 0 {
			return errors.New("coverage: bad varint")
		}
		if len(out) > 0 && d == 0 {
			return errors.New("coverage: repeated fingerprint")
		}
		last += d
		out = append(out, last)
		buf = buf[n:]
	}
	*c = out
	return nil
}

// NewShardResult describes res, a run with opt (whose Shard, Shards and Seed
// it records), as a shard's result. Run with Options.Coverage to record the
// states reached.
func NewShardResult[S any](res *Result[S], opt Options) *ShardResult {
	of := max(opt.Shards, 1)
	out := &ShardResult{Model: res.Model, Strategy: res.Strategy.String(), Seed: opt.Seed,
		Shards: []int{opt.Shard}, Of: of, Complete: res.Complete, Stopped: res.Stopped,
		Stats: ShardStats{Generated: res.Stats.Generated, Distinct: res.Stats.Distinct, Depth: res.Stats.Depth,
			Walks: res.Stats.Walks, Seconds: res.Stats.Elapsed.Seconds()},
		Coverage: CoverageSet(res.Coverage)}
	for _, p := range res.Properties {
		sp := ShardProperty{Name: p.Name, Kind: p.Kind.String(), Status: p.Status.String(), Detail: p.Detail,
			Shard: opt.Shard, Seed: p.Seed}
		if p.Path != nil {
			sp.Actions, sp.Loop, sp.LoopAction = p.Path.Actions(), p.Path.Loop, p.Path.LoopAction
		}
		out.Properties = append(out.Properties, sp)
	}
	return out
}

// MergeShards combines shard results of one model. A property is violated
// if any shard violated it (the shortest counterexample is kept, the lowest
// shard on a tie), a Sometimes property holds if any shard witnessed it,
// and a property holds outright only if a shard that explored the whole
// space says so; otherwise it is unknown. Coverage is the union, and
// Stats.Distinct its size when the shards recorded coverage. Shards may be
// merged in any order and in any grouping: the result is the same.
func MergeShards(rs []*ShardResult) (*ShardResult, error) {
	if len(rs) == 0 {
		return nil, errors.New("merge: no shard results")
	}
	out := &ShardResult{Model: rs[0].Model, Strategy: rs[0].Strategy, Seed: rs[0].Seed, Of: rs[0].Of}
	seen := map[int]bool{}
	byName := map[string]int{}
	covered := false
	for k, r := range rs {
		if r.Model != out.Model || r.Strategy != out.Strategy || r.Seed != out.Seed || r.Of != out.Of {
			return nil, fmt.Errorf("merge: result %d is %s/%s seed %d of %d shards, not %s/%s seed %d of %d",
				k, r.Model, r.Strategy, r.Seed, r.Of, out.Model, out.Strategy, out.Seed, out.Of)
		}
		for _, s := range r.Shards {
			if seen[s] {
				return nil, fmt.Errorf("merge: shard %d appears twice", s)
			}
			seen[s] = true
			out.Shards = append(out.Shards, s)
		}
		if out.Extra == nil {
			out.Extra = r.Extra
		}
		out.Complete = out.Complete || r.Complete
		out.Stats.Generated += r.Stats.Generated
		out.Stats.Walks += r.Stats.Walks
		out.Stats.Seconds += r.Stats.Seconds
		out.Stats.Depth = max(out.Stats.Depth, r.Stats.Depth)
		if len(r.Coverage) > 0 {
			covered = true
			out.Coverage = unionSorted(out.Coverage, r.Coverage)
		} else {
			out.Stats.Distinct = max(out.Stats.Distinct, r.Stats.Distinct)
		}
		for _, p := range r.Properties {
			i, ok := byName[p.Name]
			if !ok {
				byName[p.Name] = len(out.Properties)
				out.Properties = append(out.Properties, p)
				if p.Status == Holds.String() && !r.Complete && p.Kind != Sometimes.String() {
					out.Properties[len(out.Properties)-1].Status = Unknown.String()
				}
				continue
			}
			out.Properties[i] = mergeProperty(out.Properties[i], p, r.Complete)
		}
	}
	slices.Sort(out.Shards)
	if covered {
		out.Stats.Distinct = uint64(len(out.Coverage))
	}
	if !out.Complete {
		out.Stopped = fmt.Sprintf("%d of %d shards merged", len(out.Shards), out.Of)
	}
	return out, nil
}

func mergeProperty(a, b ShardProperty, bComplete bool) ShardProperty {
	vio, holds := Violated.String(), Holds.String()
	better := func(x, y ShardProperty) bool { // x is the better evidence than y
		if len(x.Actions) != len(y.Actions) {
			return len(x.Actions) < len(y.Actions)
		}
		return x.Shard < y.Shard
	}
	switch {
	case a.Status == vio && b.Status == vio:
		if better(b, a) {
			return b
		}
		return a
	case a.Status == vio:
		return a
	case b.Status == vio:
		return b
	case b.Status == holds && (b.Kind == Sometimes.String() || bComplete):
		if a.Status == holds && !better(b, a) {
			return a
		}
		return b
	}
	if a.Status == b.Status && better(b, a) {
		return b // the same verdict: keep the lowest shard's, so order does not matter
	}
	return a
}

func unionSorted(a, b []uint64) []uint64 {
	out := make([]uint64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// Verdict is the merged verdict: violated if any property is, else unknown
// if any is, else holds.
func (r *ShardResult) Verdict() Status {
	v := Holds
	for _, p := range r.Properties {
		switch p.Status {
		case Violated.String():
			return Violated
		case Holds.String():
		default:
			v = Unknown
		}
	}
	return v
}

// WriteShardResult writes r as JSON to path atomically (a temporary file
// renamed over it). It refuses to replace anything but a regular file.
func WriteShardResult(path string, r *ShardResult) error {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file; refusing to replace it", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// ReadShardResult reads a result file written by WriteShardResult.
func ReadShardResult(path string) (*ShardResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r ShardResult
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.Model == "" || r.Of < 1 || len(r.Shards) == 0 {
		return nil, fmt.Errorf("%s: not a shard result (needs model, of and shards)", path)
	}
	return &r, nil
}

// ShardFromEnv reads a shard assignment from the environment of a
// Kubernetes Indexed Job: JOB_COMPLETION_INDEX is the shard and
// DISTCHECK_SHARDS the number of shards (set it to the Job's completions;
// Kubernetes does not export that count). ok is false when
// JOB_COMPLETION_INDEX is unset.
func ShardFromEnv(getenv func(string) string) (shard, shards int, ok bool, err error) {
	idx := getenv("JOB_COMPLETION_INDEX")
	if idx == "" {
		return 0, 0, false, nil
	}
	shard, err = strconv.Atoi(idx)
	if err != nil {
		return 0, 0, false, fmt.Errorf("JOB_COMPLETION_INDEX=%q: not a number", idx)
	}
	n := getenv("DISTCHECK_SHARDS")
	shards, err = strconv.Atoi(n)
	if err != nil {
		return 0, 0, false, fmt.Errorf("DISTCHECK_SHARDS=%q: want the Job's completions count", n)
	}
	if shard < 0 || shards < 1 || shard >= shards {
		return 0, 0, false, fmt.Errorf("shard %d of %d: want 0 <= JOB_COMPLETION_INDEX < DISTCHECK_SHARDS", shard, shards)
	}
	return shard, shards, true, nil
}
