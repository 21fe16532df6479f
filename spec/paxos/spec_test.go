package paxos

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker"
	"github.com/distcheck/distcheck/internal/bench"
	"github.com/distcheck/distcheck/spec"
	"github.com/distcheck/distcheck/spec/spectest"
)

// TestStateCountsEqualTLC: every Paxos model of spec/manifest.json gives
// TLC's figures and verdict; the duel's lasso replays and is judged fair.
func TestStateCountsEqualTLC(t *testing.T) {
	n := spectest.EqualsTLC(t, "paxos/Paxos.tla", func(name string) (*checker.Model[State], bool) {
		c, ok := Models[name]
		return c.Model(), ok
	})
	assert.Equal(t, len(Models), n, "Paxos models in the manifest")
}

// TestDuelIsTheCounterexample pins the shape of the Go twin's shortest
// liveness counterexample on MCPaxosDuel: the proposers begin every ballot
// up to the bound, each preempting the one before, the last leader gives up
// at the bound, the acceptors promise the highest ballot, and the behaviour
// stutters with nothing chosen (Paxos Made Simple, section 2.4).
func TestDuelIsTheCounterexample(t *testing.T) {
	c := Models["MCPaxosDuel"]
	res, err := checker.Check(c.Model(), checker.Options{Properties: []string{"EventuallyChosen"}})
	require.NoError(t, err)
	p, _ := res.Property("EventuallyChosen")
	require.Equal(t, checker.Violated, p.Status)
	assert.Equal(t, []string{"Init", "Phase1a(0)", "Phase1a(1)", "Phase1a(2)", "Phase1a(3)", "GiveUp(1)",
		"Phase1b(a1,3)", "Phase1b(a2,3)"}, p.Path.Actions())
	assert.Equal(t, len(p.Path.Steps)-1, p.Path.Loop, "a stuttering lasso")
	assert.Empty(t, p.Path.LoopAction)
	last := p.Path.Steps[len(p.Path.Steps)-1].State
	assert.Zero(t, c.Chosen(&last))
	for q := 0; q < c.Proposers; q++ {
		assert.Greater(t, c.NextBallot(&last, q), c.MaxBallot, "proposer %d has ballots left", q)
	}
}

// TestTLCCounterexampleReplays replays, in the Go twin, a counterexample
// TLC printed for MCPaxosDuel (TLC's choice varies from run to run with its
// random fingerprint function; this is one of them), with the message each
// acceptor received written into its label, and checks that the twin also
// judges it a fair behaviour on which EventuallyChosen never holds.
func TestTLCCounterexampleReplays(t *testing.T) {
	m := Models["MCPaxosDuel"].Model()
	actions := []string{"Init", "Phase1a(1)", "Phase1a(0)", "Phase1a(2)", "Phase1b(a1,0)", "Phase1b(a1,1)",
		"Phase1b(a2,0)", "GiveUp(0)", "Phase1b(a1,2)", "Phase1a(3)", "Phase1b(a1,3)", "GiveUp(1)",
		"Phase1b(a2,1)", "Phase1b(a2,3)"}
	path, err := checker.ReplayLasso(m, actions, len(actions)-1, "")
	require.NoError(t, err)
	at, detail, err := checker.Judge(m, "EventuallyChosen", path)
	require.NoError(t, err)
	assert.Equal(t, len(actions)-1, at, detail)

	// Cut short before the acceptors promise ballot 3, the same behaviour
	// is unfair: Phase1b(a2) is enabled forever and never taken.
	short, err := checker.ReplayLasso(m, actions[:len(actions)-1], len(actions)-2, "")
	require.NoError(t, err)
	at, detail, err = checker.Judge(m, "EventuallyChosen", short)
	require.NoError(t, err)
	assert.Equal(t, -1, at)
	assert.Contains(t, detail, "Phase1b(a2)")
}

// TestFairnessCoversTheFairActions checks, on every step of MCPaxosDuel's
// state graph, that the labels of Phase1a, Phase2a, Phase1b and Phase2b
// steps each belong to exactly the fairness instance of their TLA+
// conjunct (Prepare and Propose of the ballot's owner, Phase1b and Phase2b
// of the acceptor) and that Timeout and GiveUp steps belong to none.
func TestFairnessCoversTheFairActions(t *testing.T) {
	c := Models["MCPaxosDuel"]
	m := c.Model()
	seen := map[string]bool{}
	m.Properties = []checker.Property[State]{{Name: "labels", Kind: checker.Step, Check: func(_ State, action string, _ State) error {
		seen[action] = true
		return nil
	}}}
	// One worker: the property records into a map, so it must not run concurrently.
	_, err := checker.Check(m, checker.Options{Workers: 1})
	require.NoError(t, err)
	want := func(action string) string {
		var a, b, v int
		switch {
		case strings.HasPrefix(action, "Phase1a("):
			fmt.Sscanf(action, "Phase1a(%d)", &b)
			return fmt.Sprintf("Prepare(%d)", c.Owner(b))
		case strings.HasPrefix(action, "Phase2a("):
			fmt.Sscanf(action, "Phase2a(%d,v%d)", &b, &v)
			return fmt.Sprintf("Propose(%d)", c.Owner(b))
		case strings.HasPrefix(action, "Phase1b("):
			fmt.Sscanf(action, "Phase1b(a%d,%d)", &a, &b)
			return fmt.Sprintf("Phase1b(a%d)", a)
		case strings.HasPrefix(action, "Phase2b("):
			fmt.Sscanf(action, "Phase2b(a%d,%d,v%d)", &a, &b, &v)
			return fmt.Sprintf("Phase2b(a%d)", a)
		}
		return ""
	}
	var labels []string
	for l := range seen {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	kinds := map[string]bool{}
	for _, l := range labels {
		kinds[l[:strings.IndexByte(l, '(')]] = true
		var got []string
		for _, f := range m.Fairness {
			if key, ok := f.Instance(l); ok {
				got = append(got, f.Name+"("+key+")")
			}
		}
		if w := want(l); w == "" {
			assert.Empty(t, got, l)
		} else {
			assert.Equal(t, []string{w}, got, l)
		}
	}
	assert.Equal(t, map[string]bool{"Phase1a": true, "Timeout": true, "GiveUp": true, "Phase1b": true,
		"Phase2a": true, "Phase2b": true}, kinds, "every action occurs")
}

//go:embed MCPaxos.cfg
var mcPaxosCfg string

//go:embed MCPaxosDuel.cfg
var mcPaxosDuelCfg string

//go:embed MCPaxosLeader.cfg
var mcPaxosLeaderCfg string

// TestModelsMatchTheCfgFiles checks that each Go model has the constants,
// the specification and the properties of its .cfg file, and that the
// manifest records the same constants.
func TestModelsMatchTheCfgFiles(t *testing.T) {
	man, err := spec.Load()
	require.NoError(t, err)
	files := map[string]string{"MCPaxos": mcPaxosCfg, "MCPaxosDuel": mcPaxosDuelCfg, "MCPaxosLeader": mcPaxosLeaderCfg}
	require.Len(t, Models, len(files))
	require.Len(t, ModelNames, len(files))
	for _, name := range ModelNames {
		t.Run(name, func(t *testing.T) {
			c, f := Models[name], spectest.ParseCfg(files[name])
			want := map[string]string{"Acceptor": spectest.ModelValues("a", c.Acceptors), "Value": spectest.ModelValues("v", c.Values),
				"NumProposers": fmt.Sprint(c.Proposers), "MaxBallot": fmt.Sprint(c.MaxBallot), "None": "None"}
			assert.Equal(t, want, f.Constants)
			entry, ok := man.Find(name)
			require.True(t, ok, "not in the manifest")
			assert.Equal(t, "paxos/"+name+".cfg", entry.Config)
			delete(want, "None")
			assert.Equal(t, want, entry.Constants)

			spectest.PropertiesMatch(t, c.Model(), f)
		})
	}
}

// TestInvariantsCanFail guards against invariants that cannot fail: each is
// shown a hand-made bad state.
func TestInvariantsCanFail(t *testing.T) {
	c := Config{Acceptors: 3, Values: 2, Proposers: 2, MaxBallot: 3}
	base := c.Init()
	for _, inv := range c.Invariants() {
		assert.True(t, inv.Holds(&base), "%s fails on Init", inv.Name)
	}
	with := func(s State, ms ...Msg) State {
		for _, m := range ms {
			s.Msgs = s.Msgs.With(m)
		}
		return s
	}
	vote := func(a, b, v int) Msg { return Msg{Type: M2b, Acc: uint8(a), Bal: int8(b), Val: uint8(v)} }
	propose := func(b, v int) Msg { return Msg{Type: M2a, Bal: int8(b), Val: uint8(v)} }
	voted := func(s State, a, b, v int) State {
		s.MaxBal[a], s.MaxVBal[a], s.MaxVal[a] = int8(b), int8(b), uint8(v)
		return with(s, vote(a, b, v))
	}

	bad := base
	bad.MaxBal[0] = 9
	assert.False(t, c.TypeOK(&bad), "ballot above MaxBallot")
	bad = with(base, Msg{Type: M2a, Bal: 0, Val: None})
	assert.False(t, c.TypeOK(&bad), "proposal of None")

	// Two values chosen, in ballots 0 and 1, each by a quorum: only
	// Agreement (and the supporting invariants) can object.
	split := with(base, propose(0, 1), propose(1, 2))
	split = voted(voted(split, 0, 0, 1), 1, 0, 1)
	split = voted(voted(split, 1, 1, 2), 2, 1, 2)
	assert.Equal(t, uint32(1<<1|1<<2), c.Chosen(&split))
	assert.False(t, c.Agreement(&split))
	assert.False(t, c.ProposalInv(&split), "v2 was not safe at ballot 1")
	one := with(base, propose(0, 1))
	one = voted(voted(one, 0, 0, 1), 1, 0, 1)
	assert.True(t, c.Agreement(&one))
	assert.True(t, c.ProposalInv(&one))

	unproposed := voted(voted(base, 0, 0, 1), 1, 0, 1)
	assert.False(t, c.Validity(&unproposed))
	assert.False(t, c.VoteInv(&unproposed), "votes without a proposal")
	assert.True(t, c.Validity(&one))

	forgot := one
	forgot.MaxVBal[0], forgot.MaxVal[0] = -1, None // a1 forgets its vote
	assert.False(t, c.AcceptorInv(&forgot))
	assert.True(t, c.AcceptorInv(&one))

	hidden := one
	hidden.MaxBal[0] = 1
	hidden = with(hidden, Msg{Type: M1b, Acc: 0, Bal: 1, MBal: -1, Val: None}) // a1 hides its vote in ballot 0
	assert.False(t, c.PromiseInv(&hidden))
	honest := one
	honest.MaxBal[0] = 1
	honest = with(honest, Msg{Type: M1b, Acc: 0, Bal: 1, MBal: 0, Val: 1})
	assert.True(t, c.PromiseInv(&honest))

	twice := with(base, propose(0, 1), propose(0, 2))
	twice.PBal[0] = 0
	assert.False(t, c.ProposalInv(&twice))

	ahead := with(base, Msg{Type: M1a, Bal: 2})
	ahead.PBal[0] = 0
	assert.False(t, c.ProposerInv(&ahead), "ballot 2 begun while its owner is at 0")
	ahead.PBal[0] = 2
	assert.True(t, c.ProposerInv(&ahead))
	ahead.PBal[1] = 1
	assert.False(t, c.ProposerInv(&ahead), "proposer 1 is in ballot 1 but never sent its 1a")
}

// Benchmarks: states/s of each strategy on the MCPaxos twin.
func BenchmarkSpecBFS(b *testing.B) {
	bench.Check(b, Models["MCPaxos"].Model(), checker.Options{Strategy: checker.BFS})
}
func BenchmarkSpecDFS(b *testing.B) {
	bench.Check(b, Models["MCPaxos"].Model(), checker.Options{Strategy: checker.DFS})
}
