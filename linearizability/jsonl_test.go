package linearizability

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadJSONLErrorsNameTheLine(t *testing.T) {
	const ok = `{"client":0,"op":"put","key":"x","value":"1","call":0,"return":1}`
	cases := []struct {
		name, text, want string
	}{
		{"unknown op", `{"client":0,"op":"del","key":"x","call":0,"return":1}`, `line 1: unknown op "del" (want get, put, append, cas)`},
		{"missing key", `{"client":0,"op":"get","value":"","call":0,"return":1}`, `line 1: missing field "key"`},
		{"missing client", `{"op":"get","key":"x","value":"","call":0,"return":1}`, `line 1: missing field "client"`},
		{"missing call", `{"client":0,"op":"get","key":"x","value":"","return":1}`, `line 1: missing field "call"`},
		{"call after return", ok + "\n" + `{"client":1,"op":"get","key":"x","value":"1","call":5,"return":3}`, "line 2: call 5 > return 3"},
		{"unknown field", `{"client":0,"op":"put","key":"x","value":"1","call":0,"return":1,"colour":"red"}`, `line 1: unknown field "colour"`},
		{"string time", `{"client":0,"op":"put","key":"x","value":"1","call":"0","return":1}`, `line 1: field "call": want an integer, got string`},
		{"fractional time", `{"client":0,"op":"put","key":"x","value":"1","call":0.5,"return":1}`, `line 1: field "call": want an integer, got number 0.5`},
		{"number value", `{"client":0,"op":"put","key":"x","value":1,"call":0,"return":1}`, `line 1: field "value": want a string, got number`},
		{"string ok", `{"client":0,"op":"cas","key":"x","expect":"","value":"1","ok":"yes","call":0,"return":1}`, `line 1: field "ok": want true or false, got string`},
		{"negative return", `{"client":0,"op":"put","key":"x","value":"1","call":0,"return":-1}`, "line 1: return -1 is negative (write null for an unknown outcome)"},
		{"negative call", `{"client":0,"op":"put","key":"x","value":"1","call":-2,"return":1}`, "line 1: call time -2 is negative"},
		{"negative client", `{"client":-1,"op":"put","key":"x","value":"1","call":0,"return":1}`, "line 1: client -1 is negative"},
		{"put without value", `{"client":0,"op":"put","key":"x","call":0,"return":1}`, `line 1: a put needs field "value"`},
		{"get without value", `{"client":0,"op":"get","key":"x","call":0,"return":1}`, `line 1: a get needs field "value"`},
		{"cas without expect", `{"client":0,"op":"cas","key":"x","value":"1","ok":true,"call":0,"return":1}`, `line 1: a cas needs field "expect"`},
		{"cas without ok", `{"client":0,"op":"cas","key":"x","expect":"","value":"1","call":0,"return":1}`, `line 1: a cas needs field "ok"`},
		{"get with ok", `{"client":0,"op":"get","key":"x","value":"","ok":true,"call":0,"return":1}`, `line 1: a get has no field "ok"`},
		{"put with expect", `{"client":0,"op":"put","key":"x","value":"1","expect":"0","call":0,"return":1}`, `line 1: a put has no field "expect"`},
		{"pending get with value", `{"client":0,"op":"get","key":"x","value":"1","call":0,"return":null}`, `line 1: a get with an unknown outcome (return null) has no field "value"`},
		{"pending cas with ok", `{"client":0,"op":"cas","key":"x","expect":"","value":"1","ok":true,"call":0}`, `line 1: a cas with an unknown outcome (return null) has no field "ok"`},
		{"not an object", `[1, 2]`, "line 1: want a JSON object, got array"},
		{"truncated", `{"client":0,"op":"put"`, "line 1: truncated JSON object"},
		{"syntax", `{"client":0 "op":"put"}`, "line 1: invalid character"},
		{"two objects", ok + " " + ok, "line 1: unexpected text after the JSON object"},
		{"trailing junk", ok + " x", "line 1: unexpected text after the JSON object"},
		{"null line", `null`, `line 1: missing field "client"`},
		{"comments and blanks count", "# c\n\n  # indented comment\n" + ok + "\n\r\n{}", `line 6: missing field "client"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadJSONL(strings.NewReader(c.text))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			var le *LineError
			require.True(t, errors.As(err, &le), "a %T, not a *LineError", err)
		})
	}
	for _, empty := range []string{"", "\n\n", "# nothing\n   \n# here"} {
		_, err := ReadJSONL(strings.NewReader(empty))
		assert.ErrorIs(t, err, ErrEmpty)
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	unknown := put(4, "k", "v", 2, 9)
	unknown.Output.Unknown = true
	h := KVHistory{
		put(0, "x", "1", 3, 7), get(2, "x", "1", 4, 9), appendOp(0, "x", "ab", 1, 2),
		cas(0, "x", "1", "2", true, 10, 12), cas(1, "y", "", "3", false, 11, 11),
		put(3, "y", "5", 8, Pending), get(3, "z \"quoted\" <&>", "", 13, Pending), cas(1, "y", "a", "b", false, 14, Pending),
		put(5, "", "", 0, 0), unknown,
	}
	var b bytes.Buffer
	require.NoError(t, WriteJSONL(&b, h))
	want := `{"client":0,"op":"put","key":"x","value":"1","call":3,"return":7}
{"client":2,"op":"get","key":"x","value":"1","call":4,"return":9}
{"client":0,"op":"append","key":"x","value":"ab","call":1,"return":2}
{"client":0,"op":"cas","key":"x","expect":"1","value":"2","ok":true,"call":10,"return":12}
{"client":1,"op":"cas","key":"y","expect":"","value":"3","ok":false,"call":11,"return":11}
{"client":3,"op":"put","key":"y","value":"5","call":8,"return":null}
{"client":3,"op":"get","key":"z \"quoted\" <&>","call":13,"return":null}
{"client":1,"op":"cas","key":"y","expect":"a","value":"b","call":14,"return":null}
{"client":5,"op":"put","key":"","value":"","call":0,"return":0}
{"client":4,"op":"put","key":"k","value":"v","call":2,"return":null}
`
	assert.Equal(t, want, b.String())
	back, err := ReadJSONL(&b)
	require.NoError(t, err)
	// Reading normalizes unknown outcomes: pending, output unknown and empty.
	norm := append(KVHistory(nil), h...)
	for i := range norm {
		if norm[i].Return < 0 || norm[i].Output.Unknown {
			norm[i].Return, norm[i].Output = Pending, KVOutput{Unknown: true}
		}
	}
	assert.Equal(t, norm, back)
	// And normal forms are fixed points.
	b.Reset()
	require.NoError(t, WriteJSONL(&b, back))
	again, err := ReadJSONL(&b)
	require.NoError(t, err)
	assert.Equal(t, back, again)
	assert.Equal(t, Check(KVModel(), h, 0).Verdict, Check(KVModel(), back, 0).Verdict)

	assert.ErrorContains(t, WriteJSONL(&b, KVHistory{get(0, "x", "", 5, 1)}), "operation 0 (client 0): call 5 > return 1")
	assert.ErrorContains(t, WriteJSONL(&b, KVHistory{{Input: KVInput{Op: 7}}}), "undefined op KVOp(7)")
}

// testdataCases is every file of testdata/ with what it must give: a
// verdict (and the illegal keys) under the kv model, or a read error. The
// CLI's tests use the same files.
var testdataCases = map[string]struct {
	verdict  Verdict
	illegal  []string
	register Verdict // verdict under RegisterModel
	err      string
}{
	"ok-concurrent.jsonl":         {verdict: Ok, register: Ok},
	"ok-pending-write.jsonl":      {verdict: Ok, register: Illegal},
	"illegal-stale-read.jsonl":    {verdict: Illegal, illegal: []string{"x"}, register: Illegal},
	"illegal-lost-cas.jsonl":      {verdict: Illegal, illegal: []string{"x"}, register: Illegal},
	"kv-only.jsonl":               {verdict: Ok, register: Illegal},
	"bad-call-after-return.jsonl": {err: "line 2: call 5 > return 3"},
	"bad-unknown-op.jsonl":        {err: `line 4: unknown op "delete"`},
	"bad-unknown-field.jsonl":     {err: `line 1: unknown field "colour"`},
	"bad-missing-key.jsonl":       {err: `line 2: missing field "key"`},
	"bad-empty.jsonl":             {err: "empty history: no operations"},
}

func TestTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.jsonl"))
	require.NoError(t, err)
	require.Len(t, files, len(testdataCases), "every testdata file has an expectation, and every expectation a file")
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			want, ok := testdataCases[name]
			require.True(t, ok, "no expectation for %s", name)
			f, err := os.Open(file)
			require.NoError(t, err)
			defer f.Close()
			h, err := ReadJSONL(f)
			if want.err != "" {
				assert.ErrorContains(t, err, want.err)
				return
			}
			require.NoError(t, err)
			res := Check(KVModel(), h, 0)
			require.NoError(t, res.Err)
			assert.Equal(t, want.verdict, res.Verdict)
			assert.Equal(t, want.illegal, res.IllegalParts())
			assert.Equal(t, want.register, Check(RegisterModel(), h, 0).Verdict)
		})
	}
}
