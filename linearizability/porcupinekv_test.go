package linearizability

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// porcupineDir is porcupine's module directory (for its test_data), or the
// test is skipped.
func porcupineDir(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/anishathalye/porcupine").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("porcupine's module directory not found: %v", err)
	}
	return dir
}

// kvLine is one line of porcupine's test_data/kv logs (Jepsen's EDN maps).
var kvLine = regexp.MustCompile(`^\{:process (\d+), :type :(invoke|ok), :f :(get|put|append), :key "(.*)", :value (nil|"(.*)")\}$`)

// readPorcupineKV reads one of porcupine's kv logs. An operation without
// :ok is pending (its outcome unknown), where porcupine's own parser gives it
// an empty output at the end.
func readPorcupineKV(t testing.TB, name string) KVHistory {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Skipf("porcupine's test data not found: %v", err)
	}
	defer f.Close()
	var h KVHistory
	open := map[int]int{} // process -> index in h
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := int64(0); sc.Scan(); n++ {
		m := kvLine.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("%s:%d: unexpected line %q", name, n+1, sc.Text())
		}
		proc, _ := strconv.Atoi(m[1])
		op, err := ParseKVOp(m[3])
		if err != nil {
			t.Fatal(err)
		}
		if m[2] == "invoke" {
			open[proc] = len(h)
			h = append(h, kvOp{Client: proc, Input: KVInput{Op: op, Key: m[4], Value: m[6]}, Call: n, Return: Pending})
			continue
		}
		i, ok := open[proc]
		if !ok {
			t.Fatalf("%s:%d: process %d returns without a call", name, n+1, proc)
		}
		delete(open, proc)
		h[i].Return = n
		if op == Get {
			h[i].Output.Value = m[6]
		}
	}
	for _, i := range open {
		h[i].Output.Unknown = true
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return h
}

func porcupineKV(t testing.TB, log string) KVHistory {
	return readPorcupineKV(t, filepath.Join(porcupineDir(t), "test_data", "kv", fmt.Sprintf("%s.txt", log)))
}

// TestPorcupineKVLogs: porcupine's own kv histories get porcupine's
// verdicts. c50-bad has keys that porcupine cannot decide in minutes and
// keys it proves illegal in milliseconds; checked one key after another
// against one deadline, the first undecidable key used the whole budget
// and the verdict was unknown. Checked concurrently, the illegal keys are
// found within the timeout.
func TestPorcupineKVLogs(t *testing.T) {
	for _, c := range []struct {
		log  string
		want Verdict
	}{{"c01-ok", Ok}, {"c01-bad", Illegal}, {"c10-ok", Ok}, {"c10-bad", Illegal}, {"c50-ok", Ok}, {"c50-bad", Illegal}} {
		t.Run(c.log, func(t *testing.T) {
			h := porcupineKV(t, c.log)
			res := Check(KVModel(), h, 10*time.Second)
			require.NoError(t, res.Err)
			assert.Equal(t, c.want, res.Verdict, "%v %s", res.Parts, res.Stopped)
			n := 0
			for _, p := range res.Parts {
				n += p.Ops
			}
			assert.Equal(t, len(h), n, "every operation is in a part")
		})
	}
}

// hardPart is key 0 of c50-bad as one register: porcupine does not decide
// it in minutes.
func hardPart(t *testing.T) KVHistory {
	var h KVHistory
	for _, op := range porcupineKV(t, "c50-bad") {
		if op.Input.Key == "0" {
			h = append(h, op)
		}
	}
	require.Len(t, h, 230)
	return h
}

// TestLimitsBoundTheWholeCheck: the timeout bounds the check (every part
// together) and the visualization is drawn from it without checking again,
// saying it is incomplete; the memory limit stops a search that grows.
func TestLimitsBoundTheWholeCheck(t *testing.T) {
	h := hardPart(t)
	// Two copies of the hard key under other names, and an easy key.
	var many KVHistory
	for _, k := range []string{"a", "b"} {
		for _, op := range h {
			op.Input.Key = k
			many = append(many, op)
		}
	}
	many = append(many, put(99, "easy", "1", 0, 1), get(99, "easy", "1", 2, 3))
	start := time.Now()
	res := CheckOptions(KVModel(), many, Options{Timeout: 300 * time.Millisecond, Visualize: true})
	assert.Equal(t, Unknown, res.Verdict)
	assert.Equal(t, "timeout 300ms", res.Stopped)
	assert.Equal(t, []Part{{"a", 230, Unknown}, {"b", 230, Unknown}, {"easy", 2, Ok}}, res.Parts)
	var b bytes.Buffer
	require.NoError(t, res.WriteHTML(&b))
	assert.Less(t, time.Since(start), 5*time.Second, "the page is drawn from the check, not by checking again")
	assert.Contains(t, b.String(), "INCOMPLETE: verdict unknown (timeout 300ms)")
	data, err := pageData(b.Bytes())
	require.NoError(t, err)
	var d struct{ Partitions []json.RawMessage }
	require.NoError(t, json.Unmarshal(data, &d))
	assert.Len(t, d.Partitions, 3, "every part is drawn")

	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	limit := sample[0].Value.Uint64() + 32<<20
	res = CheckOptions(RegisterModel(), h, Options{MemoryLimit: limit, Timeout: 2 * time.Minute})
	assert.Equal(t, Unknown, res.Verdict)
	assert.Equal(t, fmt.Sprintf("memory limit %d MiB", limit>>20), res.Stopped)
}

// TestAllPartsAndMergedPage: with AllParts every illegal part is named and
// drawn on one page.
func TestAllPartsAndMergedPage(t *testing.T) {
	h := porcupineKV(t, "c10-bad")
	res := CheckOptions(KVModel(), h, Options{AllParts: true, Timeout: time.Minute, Visualize: true})
	require.Equal(t, Illegal, res.Verdict)
	assert.Equal(t, []string{"0", "1", "2", "3", "5", "6", "7", "9"}, res.IllegalParts())
	var b bytes.Buffer
	require.NoError(t, res.WriteHTML(&b))
	assert.NotContains(t, b.String(), "INCOMPLETE")
	data, err := pageData(b.Bytes())
	require.NoError(t, err)
	var d struct{ Partitions []json.RawMessage }
	require.NoError(t, json.Unmarshal(data, &d))
	assert.Len(t, d.Partitions, 8, "the illegal parts, one page")
}
