package actor

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// walk yields every step of the toy's model up to depth steps deep.
func walk(t *testing.T, env Env, depth int, f func(label string, before, after System[*node, string])) {
	m, err := Model("toy", toy(), env)
	require.NoError(t, err)
	var rec func(s System[*node, string], d int)
	rec = func(s System[*node, string], d int) {
		if d == depth {
			return
		}
		m.Next(s, func(label string, u System[*node, string]) bool {
			f(label, s, u)
			rec(u, d+1)
			return true
		})
	}
	m.Init(func(_ string, s System[*node, string]) bool { rec(s, 0); return true })
}

func count(v View) map[string]int {
	out := map[string]int{}
	for _, p := range v.Net {
		out[Name(p.From)+">"+Name(p.To)+" "+p.Key] += p.Count
	}
	return out
}

func TestDescribeEveryStep(t *testing.T) {
	envs := map[string]Env{
		"consuming":  {MaxDrops: 1, MaxDuplicates: 1, MaxCrashes: 1, MaxPartitions: 1},
		"ordered":    {Ordered: true, MaxDrops: 1, MaxDuplicates: 1, MaxCrashes: 1},
		"persistent": {Persistent: true, MaxCrashes: 1, MaxPartitions: 1},
	}
	for name, env := range envs {
		t.Run(name, func(t *testing.T) {
			kinds := map[Kind]int{}
			walk(t, env, 5, func(label string, s, u System[*node, string]) {
				st, err := Describe(label, s.ActorView(), u.ActorView())
				require.NoError(t, err, label)
				a := st.Action
				kinds[a.Kind]++
				assert.True(t, strings.HasPrefix(label, string(a.Kind)), label)
				want := count(s.ActorView())
				switch a.Kind {
				case KindTimer:
					assert.Equal(t, 0, a.Node, label)
					require.Len(t, st.Sent, 2, label)
					assert.Equal(t, []string{"a", "b"}, []string{st.Sent[0].Key, st.Sent[1].Key}, label)
				case KindDeliver, KindDrop:
					assert.Equal(t, 0, a.From, label)
					assert.Equal(t, 1, a.To, label)
					assert.Empty(t, st.Sent, label) // the toy's node 1 sends nothing
					if !env.Persistent {
						want["n1>n2 "+a.Key]--
					}
				case KindDuplicate:
					want["n1>n2 "+a.Key]++
				case KindCrash, KindRestart:
					assert.GreaterOrEqual(t, a.Node, 0, label)
				case KindPartition:
					assert.Equal(t, u.Side, a.Side, label)
				}
				for _, p := range st.Sent {
					want[Name(p.From)+">"+Name(p.To)+" "+p.Key] += p.Count
				}
				for k, v := range want {
					if v == 0 {
						delete(want, k)
					}
				}
				assert.Equal(t, want, count(u.ActorView()), "network after %q", label)
			})
			assert.NotZero(t, kinds[KindTimer])
			assert.NotZero(t, kinds[KindDeliver])
			assert.NotZero(t, kinds[KindCrash])
			assert.NotZero(t, kinds[KindRestart])
			if !env.Persistent {
				assert.NotZero(t, kinds[KindDrop])
				assert.NotZero(t, kinds[KindDuplicate])
			}
		})
	}
}

func TestParseAction(t *testing.T) {
	a, err := ParseAction("Partition {n1,n3}|{n2}", 3)
	require.NoError(t, err)
	assert.Equal(t, []bool{false, true, false}, a.Side)
	a, err = ParseAction("Input n2 Propose(v1) now", 2)
	require.NoError(t, err)
	assert.Equal(t, Action{Kind: KindInput, Node: 1, From: -1, To: -1, Name: "Propose(v1) now"}, a)
	a, err = ParseAction("Deliver n2->n1 Vote{term:1 granted:true}", 2)
	require.NoError(t, err)
	assert.Equal(t, Action{Kind: KindDeliver, Node: 0, From: 1, To: 0, Key: "Vote{term:1 granted:true}"}, a)
	for _, bad := range []string{"", "Jump n1", "Crash n3", "Crash x1", "Deliver n1 m", "Deliver n1->n2", "Timer n1",
		"Partition {n1}|{n1}", "Partition {n1}", "Partition {n1}|{n3}", "Heal now", "Init x"} {
		_, err := ParseAction(bad, 2)
		assert.Error(t, err, bad)
	}
}

// FuzzParseAction: any label either is refused or reads back to an action
// of the kind it starts with, with nodes in range.
func FuzzParseAction(f *testing.F) {
	for _, s := range []string{"Init", "Heal", "Timer n1 election", "Input n2 Propose(v1)", "Crash n3", "Restart n1",
		"Deliver n1->n2 RequestVote{term:1 lastIndex:0 lastTerm:0}", "Drop n2->n1 Ack", "Duplicate n1->n3 M{a b}",
		"Partition {n1,n3}|{n2}", "Partition {n1}|{n1}", "Deliver n1->n9 x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		a, err := ParseAction(label, 3)
		if err != nil {
			return
		}
		if !strings.HasPrefix(label, string(a.Kind)) {
			t.Fatalf("%q read as kind %s", label, a.Kind)
		}
		for _, n := range []int{a.Node, a.From, a.To} {
			if n < -1 || n >= 3 {
				t.Fatalf("%q: node %d out of range", label, n)
			}
		}
		if a.Kind == KindPartition && len(a.Side) != 3 {
			t.Fatalf("%q: %d sides", label, len(a.Side))
		}
	})
}
