package linearizability

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckVerdicts(t *testing.T) {
	unknownPut := put(0, "x", "1", 0, 3)
	unknownPut.Output.Unknown = true // answered "timeout" at 3: outcome unknown
	cases := []struct {
		name string
		h    []kvOp
		want Verdict
	}{
		{"empty", nil, Ok},
		{"sequential put then get", []kvOp{put(0, "x", "1", 0, 1), get(1, "x", "1", 2, 3)}, Ok},
		{"missing key reads empty", []kvOp{get(0, "x", "", 0, 1)}, Ok},
		{"stale read after put", []kvOp{put(0, "x", "1", 0, 1), get(1, "x", "", 2, 3)}, Illegal},
		{"read of a value never written", []kvOp{put(0, "x", "1", 0, 1), get(1, "x", "2", 2, 3)}, Illegal},
		{"concurrent get sees old value", []kvOp{put(0, "x", "1", 0, 10), get(1, "x", "", 2, 3)}, Ok},
		{"concurrent get sees new value", []kvOp{put(0, "x", "1", 0, 10), get(1, "x", "1", 2, 3)}, Ok},
		// [Call, Return] is closed: a get that starts when the put returns is concurrent with it.
		{"shared endpoint is concurrent", []kvOp{put(0, "x", "1", 0, 5), get(1, "x", "", 5, 6)}, Ok},
		{"new then old inversion", []kvOp{put(0, "x", "1", 0, 10), get(1, "x", "1", 1, 5), get(2, "x", "", 6, 8)}, Illegal},
		{"concurrent puts, reads agree", []kvOp{put(0, "x", "1", 0, 10), put(1, "x", "2", 0, 10), get(2, "x", "2", 11, 12), get(2, "x", "2", 13, 14)}, Ok},
		{"concurrent puts, reads disagree", []kvOp{put(0, "x", "1", 0, 10), put(1, "x", "2", 0, 10), get(2, "x", "1", 11, 12), get(2, "x", "2", 13, 14)}, Illegal},
		{"reads flip during concurrent puts", []kvOp{put(0, "x", "1", 0, 10), put(1, "x", "2", 0, 10), get(2, "x", "1", 1, 2), get(2, "x", "2", 3, 4), get(3, "x", "1", 5, 6)}, Illegal},

		// Ambiguous operations.
		{"pending put explains a read", []kvOp{put(0, "x", "1", 0, Pending), get(1, "x", "1", 5, 6)}, Ok},
		{"same read without the put", []kvOp{get(1, "x", "1", 5, 6)}, Illegal},
		{"pending put may never happen", []kvOp{put(0, "x", "1", 0, Pending), get(1, "x", "", 5, 6)}, Ok},
		{"pending put cannot be undone", []kvOp{put(0, "x", "1", 0, Pending), get(1, "x", "1", 5, 6), get(1, "x", "", 7, 8)}, Illegal},
		{"pending put not before its call", []kvOp{get(1, "x", "1", 0, 1), put(0, "x", "1", 2, Pending)}, Illegal},
		{"unknown output with known return", []kvOp{unknownPut, get(1, "x", "1", 10, 11)}, Ok},
		{"pending cas explains a read", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "1", "2", false, 2, Pending), get(2, "x", "2", 5, 6)}, Ok},
		{"pending cas cannot swap a mismatch", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "0", "2", false, 2, Pending), get(2, "x", "2", 5, 6)}, Illegal},
		{"pending get is harmless", []kvOp{put(0, "x", "1", 0, 1), get(1, "x", "junk", 2, Pending)}, Ok},

		// cas.
		{"cas succeeds on expected value", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "1", "2", true, 2, 3), get(2, "x", "2", 4, 5)}, Ok},
		{"cas on missing key expects empty", []kvOp{cas(1, "x", "", "2", true, 0, 1), get(2, "x", "2", 2, 3)}, Ok},
		{"cas fails on other value", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "0", "2", false, 2, 3), get(2, "x", "1", 4, 5)}, Ok},
		{"cas reports failure wrongly", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "1", "2", false, 2, 3)}, Illegal},
		{"cas reports success wrongly", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "0", "2", true, 2, 3)}, Illegal},
		{"two cas on one value both succeed", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "1", "2", true, 2, 5), cas(2, "x", "1", "3", true, 3, 6)}, Illegal},
		{"two concurrent cas, one wins", []kvOp{put(0, "x", "1", 0, 1), cas(1, "x", "1", "2", true, 2, 5), cas(2, "x", "1", "3", false, 3, 6), get(0, "x", "2", 7, 8)}, Ok},

		// append.
		{"append to missing key", []kvOp{appendOp(0, "x", "a", 0, 1), get(1, "x", "a", 2, 3)}, Ok},
		{"concurrent appends either order", []kvOp{appendOp(0, "x", "a", 0, 5), appendOp(1, "x", "b", 0, 5), get(2, "x", "ba", 6, 7)}, Ok},
		{"append lost", []kvOp{appendOp(0, "x", "a", 0, 5), appendOp(1, "x", "b", 0, 5), get(2, "x", "a", 6, 7)}, Illegal},
		{"append after put", []kvOp{put(0, "x", "1", 0, 1), appendOp(0, "x", "2", 2, 3), get(1, "x", "12", 4, 5)}, Ok},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Check(KVModel(), c.h, 0)
			require.NoError(t, res.Err)
			assert.Equal(t, c.want, res.Verdict)
			assert.Equal(t, len(c.h), res.Ops)
		})
	}
}

func TestAmbiguousCounted(t *testing.T) {
	h := []kvOp{put(0, "x", "1", 0, Pending), get(1, "x", "1", 5, 6), get(2, "y", "", 1, Pending)}
	res := Check(KVModel(), h, 0)
	require.NoError(t, res.Err)
	assert.Equal(t, Ok, res.Verdict)
	assert.Equal(t, 3, res.Ops)
	assert.Equal(t, 2, res.Ambiguous)
}

func TestPartitionPerKey(t *testing.T) {
	h := []kvOp{
		put(0, "x", "1", 0, 1), get(1, "x", "1", 2, 3),
		put(0, "y", "a", 4, 5), get(1, "y", "", 6, 7), // stale
		put(2, "z", "q", 0, 1), get(2, "z", "", 2, 3), // stale
		put(3, "w", "w", 0, 1),
	}
	res := CheckOptions(KVModel(), h, Options{AllParts: true})
	require.NoError(t, res.Err)
	assert.Equal(t, Illegal, res.Verdict)
	assert.Equal(t, []string{"y", "z"}, res.IllegalParts())
	assert.Equal(t, []Part{{"w", 1, Ok}, {"x", 2, Ok}, {"y", 2, Illegal}, {"z", 2, Illegal}}, res.Parts)
	assert.Empty(t, res.Stopped)

	// By default the first illegal part decides and stops the others: which
	// one is first is a race, but no part is misjudged.
	res = Check(KVModel(), h, 0)
	assert.Equal(t, Illegal, res.Verdict)
	assert.NotEmpty(t, res.IllegalParts())
	for i, want := range []Verdict{Ok, Ok, Illegal, Illegal} {
		assert.Contains(t, []Verdict{want, Unknown}, res.Parts[i].Verdict, res.Parts[i].Name)
	}
	if res.Count(Unknown) > 0 {
		assert.Equal(t, "stopped at the first illegal part", res.Stopped)
	}

	// Per key, these two ops are fine; as one register the get of y must
	// see x's put.
	two := []kvOp{put(0, "x", "1", 0, 1), get(1, "y", "", 2, 3)}
	assert.Equal(t, Ok, Check(KVModel(), two, 0).Verdict)
	reg := Check(RegisterModel(), two, 0)
	assert.Equal(t, Illegal, reg.Verdict)
	assert.Equal(t, []Part{{"", 2, Illegal}}, reg.Parts)
}

func TestInvalidHistories(t *testing.T) {
	cases := []struct {
		name string
		h    []kvOp
		want string
	}{
		{"call after return", []kvOp{put(0, "x", "1", 0, 1), get(1, "x", "1", 5, 3)}, "operation 1 (client 1): call 5 > return 3"},
		{"negative client", []kvOp{put(-1, "x", "1", 0, 1)}, "client -1 is negative"},
		{"negative call", []kvOp{put(0, "x", "1", -4, 1)}, "call time -4 is negative"},
		{"no room after", []kvOp{put(0, "x", "1", 0, 1<<63-1)}, "leaves no room"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.h)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			res := Check(KVModel(), c.h, 0)
			assert.Equal(t, Unknown, res.Verdict)
			require.Error(t, res.Err)
			assert.Contains(t, res.Err.Error(), c.want)
			assert.ErrorContains(t, res.WriteHTML(&bytes.Buffer{}), "not checked")
		})
	}
	assert.NoError(t, Validate([]kvOp{put(0, "x", "1", 3, 3), put(0, "x", "1", 3, Pending)}))
}

// A model that cannot express unknown outputs rejects pending operations
// instead of guessing.
func TestPendingNeedsUnknown(t *testing.T) {
	m := KVModel()
	m.Unknown, m.MarkUnknown = nil, nil
	res := Check(m, []kvOp{put(0, "x", "1", 0, Pending)}, 0)
	assert.Equal(t, Unknown, res.Verdict)
	assert.ErrorContains(t, res.Err, "operation 0 (client 0) is pending")
	res = Check(m, []kvOp{put(0, "x", "1", 0, 1)}, 0)
	assert.Equal(t, Ok, res.Verdict)

	assert.ErrorContains(t, Check(Model[int, int, int]{Name: "empty"}, nil, 0).Err, `model "empty" lacks Init or Step`)
	assert.ErrorContains(t, Check(KVModel(), nil, -time.Second).Err, "negative timeout")
}

func TestTimeoutGivesUnknown(t *testing.T) {
	// A counter whose every step takes a millisecond: 300 steps cannot
	// finish in 20ms.
	slow := Model[int, int, int]{
		Name: "slow",
		Init: func() int { return 0 },
		Step: func(s, in, out int) (bool, int) {
			time.Sleep(time.Millisecond)
			return out == s+in, s + in
		},
	}
	var h []Op[int, int]
	for i := range 300 {
		h = append(h, Op[int, int]{Input: 1, Output: i + 1, Call: int64(2 * i), Return: int64(2*i + 1)})
	}
	res := Check(slow, h, 20*time.Millisecond)
	require.NoError(t, res.Err)
	assert.Equal(t, Unknown, res.Verdict)
	assert.Less(t, res.Elapsed, 2*time.Second)
	assert.Equal(t, Ok, Check(slow, h[:5], 0).Verdict)
}

func TestWriteHTML(t *testing.T) {
	h := []kvOp{
		put(0, "x", "1", 0, 10), get(1, "x", "1", 1, 3), get(2, "x", "", 4, 6),
		put(0, "y", "a", 11, 12), cas(1, "y", "a", "b", true, 13, 14), put(3, "z", "1", 0, Pending),
	}
	var b bytes.Buffer
	assert.ErrorContains(t, Check(KVModel(), h, 0).WriteHTML(&b), "check with Options.Visualize")
	res := CheckOptions(KVModel(), h, Options{Visualize: true})
	require.Equal(t, Illegal, res.Verdict)
	require.NoError(t, res.WriteHTML(&b))
	page := b.String()
	assert.Contains(t, page, "<html")
	assert.Contains(t, page, `get(x) -\u003e \"\"`)
	assert.NotContains(t, page, "cas(y", "an illegal result shows only its illegal parts")

	res = CheckOptions(KVModel(), h[3:], Options{Visualize: true})
	require.Equal(t, Ok, res.Verdict)
	b.Reset()
	require.NoError(t, res.WriteHTML(&b))
	assert.Contains(t, b.String(), `cas(y, \"a\" -\u003e \"b\") -\u003e ok`)
	assert.Contains(t, b.String(), ambiguousNote)

	assert.ErrorContains(t, Result{}.WriteHTML(&b), "did not come from Check")
}

func TestDescribeKV(t *testing.T) {
	cases := []struct {
		in   KVInput
		out  KVOutput
		want string
	}{
		{KVInput{Op: Get, Key: "x"}, KVOutput{Value: "1"}, `get(x) -> "1"`},
		{KVInput{Op: Get, Key: "x"}, KVOutput{Unknown: true}, `get(x) -> ?`},
		{KVInput{Op: Put, Key: "x", Value: "1"}, KVOutput{}, `put(x, "1")`},
		{KVInput{Op: Append, Key: "x", Value: "1"}, KVOutput{Unknown: true}, `append(x, "1") -> ?`},
		{KVInput{Op: CAS, Key: "x", Expect: "1", Value: "2"}, KVOutput{OK: false}, `cas(x, "1" -> "2") -> failed`},
		{KVInput{Op: CAS, Key: "x", Expect: "1", Value: "2"}, KVOutput{Unknown: true}, `cas(x, "1" -> "2") -> ?`},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, describeKV(c.in, c.out))
	}
	assert.Equal(t, "KVOp(9)", KVOp(9).String())
	for _, o := range []KVOp{Get, Put, Append, CAS} {
		p, err := ParseKVOp(o.String())
		require.NoError(t, err)
		assert.Equal(t, o, p)
	}
	_, err := ParseKVOp("delete")
	assert.EqualError(t, err, `unknown op "delete" (want get, put, append, cas)`)
	ok, _ := kvStep("", KVInput{Op: KVOp(9)}, KVOutput{})
	assert.False(t, ok, "an undefined op never happens")
}

// The typed layer also carries non-string states and a model without
// Equal (falling back to ==).
func TestCustomModel(t *testing.T) {
	type counter struct{ n int }
	inc := Model[counter, int, int]{
		Init: func() counter { return counter{} },
		Step: func(s counter, in, out int) (bool, counter) { return out == s.n+in, counter{s.n + in} },
	}
	ok := []Op[int, int]{{Client: 0, Input: 1, Output: 1, Call: 0, Return: 5}, {Client: 1, Input: 2, Output: 3, Call: 1, Return: 6}}
	assert.Equal(t, Ok, Check(inc, ok, 0).Verdict)
	ok[0].Output, ok[1].Output = 3, 2
	assert.Equal(t, Ok, Check(inc, ok, 0).Verdict, "the +2 may go first")
	ok[1].Output = 4
	assert.Equal(t, Illegal, Check(inc, ok, 0).Verdict)
}
