package checker

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShardsPartitionTheWalks: N shards of W walks are exactly the walks
// of one run of N*W walks, so their merged coverage equals that run's.
func TestShardsPartitionTheWalks(t *testing.T) {
	// Properties that stay undecided, so that no run stops early.
	m := gridModel(30, always("InGrid", func(s grid) bool { return s.x <= 30 && s.y <= 30 }),
		Property[grid]{Name: "OffGrid", Kind: Sometimes, Holds: func(s grid) bool { return s.x > 30 }})
	base := Options{Strategy: Simulate, Seed: 42, MaxDepth: 60, Coverage: true, NoShrink: true}
	whole := base
	whole.Walks = 4 * 25
	all, err := Check(m, whole)
	require.NoError(t, err)

	dir := t.TempDir()
	var files []*ShardResult
	for i := 0; i < 4; i++ {
		o := base
		o.Walks, o.Shard, o.Shards = 25, i, 4
		res, err := Check(m, o)
		require.NoError(t, err)
		path := filepath.Join(dir, "shard.json")
		require.NoError(t, WriteShardResult(path, NewShardResult(res, o)))
		back, err := ReadShardResult(path)
		require.NoError(t, err)
		assert.Equal(t, CoverageSet(res.Coverage), back.Coverage, "coverage survives the file")
		files = append(files, back)
	}
	merged, err := MergeShards(files)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 2, 3}, merged.Shards)
	assert.Equal(t, CoverageSet(all.Coverage), merged.Coverage, "the shards cover what one run of all walks covers")
	assert.Equal(t, uint64(len(all.Coverage)), merged.Stats.Distinct)
	assert.Equal(t, all.Stats.Generated, merged.Stats.Generated)
	// Merging in another order and grouping gives the same result.
	left, err := MergeShards([]*ShardResult{files[3], files[1]})
	require.NoError(t, err)
	right, err := MergeShards([]*ShardResult{files[2], files[0]})
	require.NoError(t, err)
	again, err := MergeShards([]*ShardResult{right, left})
	require.NoError(t, err)
	assert.Equal(t, merged.Coverage, again.Coverage)
	assert.Equal(t, merged.Properties, again.Properties)

	assert.Equal(t, Unknown, merged.Verdict(), "simulation proves nothing")

	// Verdicts: the shortest counterexample among the shards is kept, and
	// it replays.
	v := gridModel(30, always("FarCorner", func(s grid) bool { return !(s.x >= 4 && s.y >= 3) }))
	var vs []*ShardResult
	shortest := 1 << 30
	for i := 0; i < 3; i++ {
		o := base
		o.Walks, o.Shard, o.Shards = 10, i, 3
		res, err := Check(v, o)
		require.NoError(t, err)
		if p, _ := res.Property("FarCorner"); p.Status == Violated {
			shortest = min(shortest, len(p.Path.Steps))
		}
		vs = append(vs, NewShardResult(res, o))
	}
	mv, err := MergeShards(vs)
	require.NoError(t, err)
	require.Equal(t, Violated, mv.Verdict())
	assert.Len(t, mv.Properties[0].Actions, shortest)
	_, err = Replay(v, mv.Properties[0].Actions)
	assert.NoError(t, err, "the kept path replays")

	_, err = MergeShards([]*ShardResult{files[0], files[0]})
	assert.ErrorContains(t, err, "shard 0 appears twice")
	require.NoError(t, os.Mkdir(filepath.Join(dir, "d"), 0o755))
	assert.ErrorContains(t, WriteShardResult(filepath.Join(dir, "d"), merged), "not a regular file")
}

func TestRandomDFSShards(t *testing.T) {
	m := gridModel(6)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		res, err := Check(m, Options{Strategy: RandomDFS, Seed: 9, Shard: i, Shards: 3, Coverage: true})
		require.NoError(t, err)
		assert.True(t, res.Complete)
		assert.Equal(t, uint64(49), res.Stats.Distinct, "each randomized search still covers the space")
		again, err := Check(m, Options{Strategy: RandomDFS, Seed: 9, Shard: i, Shards: 3})
		require.NoError(t, err)
		assert.Equal(t, res.Stats, withElapsed(again.Stats, res.Stats), "reproducible from its seed")
		p := *m
		p.Properties = []Property[grid]{always("x<6", func(s grid) bool { return s.x < 6 })}
		r, err := Check(&p, Options{Strategy: RandomDFS, Seed: 9, Shard: i, Shards: 3})
		require.NoError(t, err)
		v, _ := r.Property("x<6")
		require.Equal(t, Violated, v.Status)
		seen[v.Path.Actions()[len(v.Path.Actions())-1]+string(rune(len(v.Path.Steps)))] = true
	}
	assert.Greater(t, len(seen), 1, "different shards search in different orders")
}

func withElapsed(s, like Stats) Stats { s.Elapsed = like.Elapsed; return s }

func TestShardFromEnv(t *testing.T) {
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	_, _, ok, err := ShardFromEnv(get)
	assert.False(t, ok)
	assert.NoError(t, err)
	env["JOB_COMPLETION_INDEX"] = "2"
	_, _, _, err = ShardFromEnv(get)
	assert.ErrorContains(t, err, "DISTCHECK_SHARDS")
	env["DISTCHECK_SHARDS"] = "4"
	i, n, ok, err := ShardFromEnv(get)
	require.NoError(t, err)
	assert.Equal(t, []any{2, 4, true}, []any{i, n, ok})
	env["DISTCHECK_SHARDS"] = "2"
	_, _, _, err = ShardFromEnv(get)
	assert.Error(t, err)
}
