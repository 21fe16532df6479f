package cli

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/corpus"
)

// Swarm simulation: N processes (on one machine or as the pods of a
// Kubernetes Indexed Job) each run a disjoint block of the walks of one
// simulation and write a shard file; merge combines the files into the
// result the whole simulation would have given. Walk w uses seed+w whatever
// the sharding, and shard i runs the i-th contiguous block of walks, so the
// lowest-numbered shard that found a violation holds the first violating
// walk: the merged counterexample is the one the unsharded run reports.

// ShardIndexEnv is the variable a Kubernetes Indexed Job sets to the pod's
// completion index; `simulate -shard N` reads the shard index from it.
const ShardIndexEnv = "JOB_COMPLETION_INDEX"

// ShardFormat is the first field of every shard file.
const ShardFormat = "distcheck-shard v1"

// shard is one shard's place in the whole simulation.
type shard struct {
	Index     int `json:"index"`
	Count     int `json:"count"`
	FirstWalk int `json:"first_walk"`
	Walks     int `json:"walks"`
}

// ShardFile is what `simulate -out` writes and `merge` reads.
type ShardFile struct {
	Format     string         `json:"format"`
	Strategy   string         `json:"strategy"` // simulate or random-dfs
	System     string         `json:"system"`
	Variant    string         `json:"variant"`
	Params     map[string]int `json:"params"`
	Seed       uint64         `json:"seed"`
	Walks      int            `json:"walks"` // of the whole simulation
	Depth      int            `json:"depth"`
	All        bool           `json:"all"`
	Properties []string       `json:"properties,omitempty"`
	Shard      shard          `json:"shard"`
	Report     *Report        `json:"report"`
	// Coverage is the sorted fingerprints of the distinct states reached,
	// as little-endian uint64s, base64.
	Coverage string `json:"coverage"`
}

// parseShard reads "i/N", or "N" with i from ShardIndexEnv.
func parseShard(spec string, getenv func(string) string) (index, count int, err error) {
	is, ns, hasIndex := strings.Cut(spec, "/")
	if !hasIndex {
		is, ns = getenv(ShardIndexEnv), spec
		if is == "" {
			return 0, 0, Usagef("-shard %s: no shard index: give -shard i/%s or set %s", spec, spec, ShardIndexEnv)
		}
	}
	index, err1 := strconv.Atoi(is)
	count, err2 := strconv.Atoi(ns)
	if err1 != nil || err2 != nil || count < 1 || index < 0 || index >= count {
		return 0, 0, Usagef("-shard %q: want i/N with 0 <= i < N (the index %q, the count %q)", spec, is, ns)
	}
	return index, count, nil
}

// applyShard narrows a simulation to its shard and turns coverage on when
// a shard file is wanted. Without -shard and -out it changes nothing.
func (f *runFlags) applyShard(opt *checker.Options) (shard, error) {
	sh := shard{Count: 1, Walks: f.walks}
	if f.shard == "" && f.out == "" {
		return sh, nil
	}
	if opt.Strategy != checker.Simulate && opt.Strategy != checker.RandomDFS {
		return sh, Usagef("-shard and -out are for simulate and check -strategy random-dfs")
	}
	if f.shard != "" {
		var err error
		if sh.Index, sh.Count, err = parseShard(f.shard, os.Getenv); err != nil {
			return sh, err
		}
	}
	opt.Coverage = true
	if opt.Strategy == checker.RandomDFS {
		// Each member searches the whole space in its own order.
		opt.Seed = f.seed + uint64(sh.Index)
		return sh, nil
	}
	if f.walks < sh.Count {
		return sh, Usagef("-walks %d is fewer than the %d shards", f.walks, sh.Count)
	}
	// Contiguous blocks, the first walks%count one walk longer.
	base, extra := f.walks/sh.Count, f.walks%sh.Count
	sh.FirstWalk = sh.Index*base + min(sh.Index, extra)
	sh.Walks = base
	if sh.Index < extra {
		sh.Walks++
	}
	opt.Seed = f.seed + uint64(sh.FirstWalk)
	opt.Walks = sh.Walks
	return sh, nil
}

// globalWalks renumbers the walks of a shard's counterexamples as walks of
// the whole simulation (their seeds are already absolute).
func (sh shard) globalWalks(rep *Report) {
	if sh.FirstWalk == 0 {
		return
	}
	for i := range rep.Properties {
		if rep.Properties[i].Path != nil {
			rep.Properties[i].Walk += sh.FirstWalk
		}
	}
}

func writeShard(path string, sys System, variant string, params map[string]int, f *runFlags, sh shard, rep *Report) error {
	sf := ShardFile{Format: ShardFormat, Strategy: rep.Strategy, System: sys.Name(), Variant: variant, Params: params, Seed: f.seed,
		Walks: f.walks, Depth: f.maxDepth, All: f.all, Shard: sh, Report: rep, Coverage: encodeCoverage(rep.Coverage)}
	if f.props != "" {
		sf.Properties = strings.Split(f.props, ",")
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, sf); err != nil {
		return err
	}
	if err := corpus.WriteFile(path, b.Bytes()); err != nil {
		return fmt.Errorf("writing the shard file: %w", err)
	}
	return nil
}

func encodeCoverage(fps []uint64) string {
	b := make([]byte, 0, 8*len(fps))
	for _, fp := range fps {
		b = binary.LittleEndian.AppendUint64(b, fp)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func decodeCoverage(s string) ([]uint64, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b)%8 != 0 {
		return nil, errors.New("coverage is not base64 of 8-byte fingerprints")
	}
	out := make([]uint64, len(b)/8)
	for i := range out {
		out[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return out, nil
}

// ReadShardFile reads and checks one shard file.
func ReadShardFile(name string, r io.Reader) (*ShardFile, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var sf ShardFile
	if err := dec.Decode(&sf); err != nil {
		return nil, fmt.Errorf("%s: not a shard file: %w", name, err)
	}
	switch {
	case sf.Format != ShardFormat:
		return nil, fmt.Errorf("%s: format %q, want %q", name, sf.Format, ShardFormat)
	case sf.Report == nil:
		return nil, fmt.Errorf("%s: no report", name)
	case sf.Shard.Count < 1 || sf.Shard.Index < 0 || sf.Shard.Index >= sf.Shard.Count:
		return nil, fmt.Errorf("%s: shard %d/%d is not a shard", name, sf.Shard.Index, sf.Shard.Count)
	}
	fps, err := decodeCoverage(sf.Coverage)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sf.Report.Coverage = fps
	return &sf, nil
}

// MergeShards combines the shard files of one simulation. Every file must
// describe the same simulation (system, variant, parameters, seed, walks,
// depth, properties, shard count) and no shard may come twice; missing
// shards are allowed (a swarm whose pod died still merges) and returned.
// The merged report's distinct count is the size of the union of the
// shards' coverage; a violation is the one of the lowest shard, which is
// the first violating walk of the whole simulation.
func MergeShards(files []*ShardFile) (merged *ShardFile, missing []int, err error) {
	if len(files) == 0 {
		return nil, nil, errors.New("no shard files")
	}
	byIndex := map[int]*ShardFile{}
	first := files[0]
	same := func(a, b *ShardFile) bool {
		return a.Strategy == b.Strategy && a.System == b.System && a.Variant == b.Variant && maps.Equal(a.Params, b.Params) && a.Seed == b.Seed &&
			a.Walks == b.Walks && a.Depth == b.Depth && a.All == b.All && slices.Equal(a.Properties, b.Properties) &&
			a.Shard.Count == b.Shard.Count
	}
	for _, f := range files {
		if !same(first, f) {
			return nil, nil, fmt.Errorf("shard %d/%d is of another simulation (%s %s seed %d, %d walks) than shard %d/%d (%s %s seed %d, %d walks)",
				f.Shard.Index, f.Shard.Count, f.System, f.Variant, f.Seed, f.Walks, first.Shard.Index, first.Shard.Count, first.System, first.Variant, first.Seed, first.Walks)
		}
		if _, dup := byIndex[f.Shard.Index]; dup {
			return nil, nil, fmt.Errorf("shard %d/%d given twice", f.Shard.Index, f.Shard.Count)
		}
		byIndex[f.Shard.Index] = f
	}
	out := *first
	out.Shard = shard{Index: 0, Count: 1, Walks: 0}
	rep := &Report{Model: first.Report.Model, Strategy: first.Report.Strategy}
	var cover []uint64
	stopped := []string{}
	for i := 0; i < first.Shard.Count; i++ {
		f, ok := byIndex[i]
		if !ok {
			missing = append(missing, i)
			continue
		}
		r := f.Report
		out.Shard.Walks += f.Shard.Walks
		rep.Stats.Generated += r.Stats.Generated
		rep.Stats.Walks += r.Stats.Walks
		rep.Stats.Depth = max(rep.Stats.Depth, r.Stats.Depth)
		rep.Stats.Seconds = max(rep.Stats.Seconds, r.Stats.Seconds)
		cover = append(cover, r.Coverage...)
		if r.Stopped != "" {
			stopped = append(stopped, fmt.Sprintf("shard %d: %s", i, r.Stopped))
		}
		if len(rep.Properties) == 0 {
			for _, p := range r.Properties {
				rep.Properties = append(rep.Properties, PropertyReport{Name: p.Name, Kind: p.Kind, Status: "unknown"})
			}
		}
		if len(r.Properties) != len(rep.Properties) {
			return nil, nil, fmt.Errorf("shard %d reports %d properties, shard 0 %d", i, len(r.Properties), len(rep.Properties))
		}
		for k, p := range r.Properties {
			m := &rep.Properties[k]
			if p.Name != m.Name {
				return nil, nil, fmt.Errorf("shard %d's property %d is %s, not %s", i, k, p.Name, m.Name)
			}
			// Shards run in walk order: the first decided one wins.
			if m.Status == "unknown" && p.Status != "unknown" {
				*m = p
				if f.Strategy != "simulate" && p.Path != nil {
					m.Seed = f.Seed + uint64(i) // the member whose search found it
				}
			}
		}
	}
	slices.Sort(cover)
	cover = slices.Compact(cover)
	rep.Coverage = cover
	rep.Stats.Distinct = uint64(len(cover))
	if rep.Stats.Seconds > 0 {
		rep.Stats.StatesPerSec = float64(rep.Stats.Generated) / rep.Stats.Seconds
		rep.Stats.GeneratedPerSec = rep.Stats.StatesPerSec
		rep.Stats.DistinctPerSec = float64(rep.Stats.Distinct) / rep.Stats.Seconds
	}
	rep.Verdict = "holds"
	for _, p := range rep.Properties {
		if p.Status == "violated" {
			rep.Verdict = "violated"
			break
		}
		if p.Status == "unknown" {
			rep.Verdict = "unknown"
		}
	}
	rep.Stopped = strings.Join(stopped, "; ")
	out.Report = rep
	return &out, missing, nil
}

// firstDecider is the index of the lowest shard that decided a property
// (the one whose counterexample the merge reports), 0 if none did.
func firstDecider(files []*ShardFile) int {
	best := -1
	for _, f := range files {
		for _, p := range f.Report.Properties {
			if p.Path != nil && (best < 0 || f.Shard.Index < best) {
				best = f.Shard.Index
			}
		}
	}
	return max(best, 0)
}

func runMerge(args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the merged result as JSON")
	pos, err := ParseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		FlagHelp(fs, stdout, "merge [-json] FILE...")
		return ExitHolds, nil
	}
	if err != nil {
		return ExitUsage, err
	}
	if len(pos) == 0 {
		return ExitUsage, Usagef("merge needs the shard files of one simulation (simulate -shard i/N -out FILE)")
	}
	var files []*ShardFile
	for _, name := range pos {
		data, err := os.ReadFile(name)
		if err != nil {
			return ExitUsage, AsUsage(err)
		}
		sf, err := ReadShardFile(name, bytes.NewReader(data))
		if err != nil {
			return ExitUsage, AsUsage(err)
		}
		files = append(files, sf)
	}
	m, missing, err := MergeShards(files)
	if err != nil {
		return ExitUsage, AsUsage(err)
	}
	sys, err := Lookup(m.System)
	if err != nil {
		return ExitUsage, AsUsage(err)
	}
	if *asJSON {
		o := struct {
			System  string         `json:"system"`
			Variant string         `json:"variant"`
			Params  map[string]int `json:"params"`
			Shards  int            `json:"shards"`
			Missing []int          `json:"missing_shards,omitempty"`
			*Report
		}{m.System, m.Variant, m.Params, len(files), missing, m.Report}
		if err := WriteJSON(stdout, o); err != nil {
			return ExitUsage, err
		}
	} else {
		fmt.Fprintf(stdout, "merged %d of %d shards", len(files), files[0].Shard.Count)
		if m.Strategy == "simulate" {
			fmt.Fprintf(stdout, " (%d of %d walks)", m.Shard.Walks, m.Walks)
		}
		if len(missing) > 0 {
			fmt.Fprintf(stdout, "; MISSING shards %v: coverage and verdicts are partial", missing)
		}
		fmt.Fprintln(stdout)
		invocation := fmt.Sprintf("explore simulate %s -variant %s -set %s -seed %d -walks %d -depth %d", m.System, m.Variant,
			strings.ReplaceAll(FormatParams(sys, m.Params), " ", ","), m.Seed, m.Walks, m.Depth)
		if m.Strategy != "simulate" {
			// A random-dfs counterexample comes from one member: its seed reproduces it.
			invocation = fmt.Sprintf("explore check %s -variant %s -set %s -strategy %s -seed %d", m.System, m.Variant,
				strings.ReplaceAll(FormatParams(sys, m.Params), " ", ","), m.Strategy, m.Seed+uint64(firstDecider(files)))
		}
		PrintReport(stdout, sys, m.Variant, m.Params, m.Report, nil, invocation)
		if m.Strategy != "simulate" {
			for _, p := range m.Report.Properties {
				if p.Path != nil {
					fmt.Fprintf(stdout, "%s: found by the member with -seed %d\n", p.Name, p.Seed)
				}
			}
		}
	}
	switch m.Report.Verdict {
	case "violated":
		return ExitViolated, nil
	case "unknown":
		return ExitUnknown, nil
	}
	return ExitHolds, nil
}
