package viz_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/raft"
	"github.com/distcheck/distcheck/impl/raft/raftmodel"
	"github.com/distcheck/distcheck/viz"
)

// raftReport replays a schedule of the Raft model and renders it.
func raftReport(t testing.TB, c raftmodel.Config, actions []string) *viz.Report {
	m, err := c.Model()
	require.NoError(t, err)
	p, err := checker.Replay(m, actions)
	require.NoError(t, err)
	steps, lanes, err := viz.FromPath(m, p)
	require.NoError(t, err)
	return &viz.Report{System: "raft", Variant: "test", Property: "ElectionSafety", Kind: "always",
		Lanes: lanes, Steps: steps, Violation: len(steps) - 1, Loop: -1}
}

var twoVotes = []string{
	"Init",
	"Timer n1 election",
	"Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}",
	"Duplicate n2->n1 RequestVoteResp{term:1 granted:true}",
	"Deliver n2->n1 RequestVoteResp{term:1 granted:true}",
	"Crash n2",
	"Drop n2->n1 RequestVoteResp{term:1 granted:true}",
	"Restart n2",
}

func TestLayoutMatchesSendsToDeliveries(t *testing.T) {
	env := actor.Env{MaxDrops: 1, MaxDuplicates: 1, MaxCrashes: 1, MaxInFlight: 4}
	r := raftReport(t, raftmodel.Config{Servers: 2, Values: 1, MaxTerm: 1, Env: env}, twoVotes)
	d := viz.Layout(r)
	require.NotNil(t, d)
	assert.Equal(t, []string{"n1", "n2"}, d.Lanes)
	require.Len(t, d.Arrows, 3)
	// The vote request, sent by n1's timer (step 1), delivered at step 2.
	assert.Equal(t, viz.Arrow{From: 0, To: 1, Send: 1, At: 2, Message: "RequestVote{term:1 lastIndex:0 lastTerm:0}"}, d.Arrows[0])
	// The reply, sent at step 2, delivered at 4; its duplicate dropped at 6.
	assert.Equal(t, 2, d.Arrows[1].Send)
	assert.Equal(t, 4, d.Arrows[1].At)
	assert.False(t, d.Arrows[1].Dropped)
	assert.Equal(t, 2, d.Arrows[2].Send)
	assert.True(t, d.Arrows[2].Dropped)
	assert.True(t, d.Arrows[2].Duplicate)
	var kinds []string
	for _, m := range d.Marks {
		kinds = append(kinds, m.Kind)
	}
	assert.Equal(t, []string{"timer", "dup", "crash", "restart"}, kinds)
	assert.Equal(t, []viz.Span{{From: 5, To: 7, Lane: 1, Text: "n2 down"}}, d.Down)
}

func TestWriteShowsTheDiff(t *testing.T) {
	r := raftReport(t, raftmodel.Config{Servers: 2, Values: 1, MaxTerm: 1, Env: actor.Env{Persistent: true, MaxCrashes: 1}}, twoVotes[:3])
	var b bytes.Buffer
	require.NoError(t, viz.Write(&b, r))
	html := b.String()
	// The candidate's new term is marked as changed at step 1, not at 0.
	row := func(i int) string {
		s := html[strings.Index(html, `id="step-`+string(rune('0'+i))+`"`):]
		return s[:strings.Index(s, "</tr>")]
	}
	assert.Contains(t, row(1), "<mark>Candidate</mark>")
	assert.NotContains(t, row(0), "<mark>")
	assert.Contains(t, row(2), `class="step violation"`)
	assert.Contains(t, html, `<svg id="diagram"`)
	for _, ref := range []string{`src="http`, `href="http`, "url(http", "@import", "<link"} {
		assert.NotContains(t, html, ref, "the page must load nothing from the network")
	}
}

func TestComponents(t *testing.T) {
	assert.Equal(t, []viz.Component{{"n1", "(down) Follower term=1"}, {"network", "(2) [n1->n2 x]"}},
		viz.Components("n1 (down): Follower term=1\nnetwork (2): [n1->n2 x]"))
	assert.Equal(t, []viz.Component{{"s1", "Leader"}, {"state", "msgs=2"}}, viz.Components("s1: Leader; msgs=2"))
	assert.Equal(t, []viz.Component{{"state", "n1:A n2:-"}}, viz.Components("n1:A n2:-"))
	tok := viz.Tokens("a=1 log=[1:x 2:y] [n1->n2 M{t:1 b:2}]", "a=1 log=[1:x]", false)
	assert.Equal(t, []viz.Token{{"a=1", false}, {"log=[1:x 2:y]", true}, {"[n1->n2 M{t:1 b:2}]", true}}, tok)
}

func TestWriteRejectsBadReports(t *testing.T) {
	assert.Error(t, viz.Write(&bytes.Buffer{}, &viz.Report{}))
	assert.Error(t, viz.Write(&bytes.Buffer{}, &viz.Report{Steps: []viz.Step{{Label: "Init"}}, Violation: 3, Loop: -1}))
}

func TestWriteSample(t *testing.T) {
	out := os.Getenv("VIZ_SAMPLE")
	if out == "" {
		t.Skip("set VIZ_SAMPLE=DIR to write a sample report")
	}
	env := actor.Env{MaxDrops: 1, MaxDuplicates: 1, MaxCrashes: 1, MaxInFlight: 4}
	r := raftReport(t, raftmodel.Config{Servers: 2, Values: 1, MaxTerm: 1, Env: env, Bugs: raft.Bugs{}}, twoVotes)
	var b bytes.Buffer
	require.NoError(t, viz.Write(&b, r))
	require.NoError(t, os.WriteFile(filepath.Join(out, "sample.html"), b.Bytes(), 0o644))
	r = raftReport(t, raftmodel.Config{Servers: 3, Values: 1, MaxTerm: 1, Env: actor.Env{MaxPartitions: 1, MaxInFlight: 4}},
		[]string{"Init", "Partition {n1,n3}|{n2}", "Timer n1 election", "Heal", "Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}"})
	b.Reset()
	require.NoError(t, viz.Write(&b, r))
	require.NoError(t, os.WriteFile(filepath.Join(out, "partition.html"), b.Bytes(), 0o644))
}

func TestSometimesWitnessSaysSatisfied(t *testing.T) {
	r := &viz.Report{Property: "LeaderElected", Kind: "sometimes", Violation: 1, Loop: -1,
		Steps: []viz.Step{{Label: "Init", State: "x: 0"}, {Label: "Elect", State: "x: 1"}}}
	var b bytes.Buffer
	require.NoError(t, viz.Write(&b, r))
	assert.Contains(t, b.String(), "LeaderElected satisfied</span>")
	assert.Contains(t, b.String(), "satisfied at <a")
	assert.NotContains(t, b.String(), "violated")
}

func TestLayoutPartitions(t *testing.T) {
	env := actor.Env{MaxPartitions: 1, MaxInFlight: 4}
	r := raftReport(t, raftmodel.Config{Servers: 3, Values: 1, MaxTerm: 1, Env: env},
		[]string{"Init", "Partition {n1,n3}|{n2}", "Timer n1 election", "Heal", "Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}"})
	d := viz.Layout(r)
	require.Len(t, d.Partitions, 1)
	assert.Equal(t, viz.Span{From: 1, To: 3, Lane: -1, Side: []bool{false, true, false}, Text: "partition {n1,n3} | {n2}"}, d.Partitions[0])
	// The request to n3 and n2's answer are never delivered: drawn as
	// still in flight.
	require.Len(t, d.Arrows, 3)
	assert.Equal(t, viz.Arrow{From: 0, To: 1, Send: 2, At: 4, Message: "RequestVote{term:1 lastIndex:0 lastTerm:0}"}, d.Arrows[0])
	assert.True(t, d.Arrows[1].InFlight)
	assert.Equal(t, 2, d.Arrows[1].To)
	assert.Equal(t, viz.Arrow{From: 1, To: 0, Send: 4, At: 4, Message: "RequestVoteResp{term:1 granted:true}", InFlight: true}, d.Arrows[2])
}
