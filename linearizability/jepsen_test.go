package linearizability

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/internal/longtest"
)

func TestReadJepsenLog(t *testing.T) {
	log := strings.Join([]string{
		"INFO  jepsen.core - some other logger line",
		"INFO  jepsen.util - 0\t:invoke\t:write\t3",
		"INFO  jepsen.util - 1\t:invoke\t:read\tnil",
		"INFO  jepsen.util - 0   :ok     :write  3",
		"INFO  jepsen.util - 1\t:ok\t:read\t3",
		"INFO  jepsen.util - 2\t:invoke\t:cas\t[3 4]",
		"INFO  jepsen.util - 2\t:fail\t:cas\t[3 4]",
		"INFO  jepsen.util - 0\t:invoke\t:write\t5",
		"INFO  jepsen.util - 0\t:info\t:write\t:timed-out",
		"INFO  jepsen.util - 1\t:invoke\t:write\t6",
		"INFO  jepsen.util - 1\t:fail\t:write\t6",
		"INFO  jepsen.util - 1\t:invoke\t:read\tnil",
	}, "\n")
	h, err := ReadJepsenLog(strings.NewReader(log))
	require.NoError(t, err)
	want := KVHistory{
		{Client: 0, Input: KVInput{Op: Put, Key: "r", Value: "3"}, Call: 2, Return: 4, Output: KVOutput{OK: true}},
		{Client: 1, Input: KVInput{Op: Get, Key: "r"}, Call: 3, Return: 5, Output: KVOutput{Value: "3", OK: true}},
		{Client: 2, Input: KVInput{Op: CAS, Key: "r", Expect: "3", Value: "4"}, Call: 6, Return: 7},
		{Client: 0, Input: KVInput{Op: Put, Key: "r", Value: "5"}, Call: 8, Return: Pending, Output: KVOutput{Unknown: true}},
		{Client: 1, Input: KVInput{Op: Get, Key: "r"}, Call: 12, Return: Pending, Output: KVOutput{Unknown: true}},
	}
	assert.Equal(t, want, h, "the failed write is left out; :info and the unfinished read stay pending")
	// The cas failed although the register held 3 throughout it: illegal.
	assert.Equal(t, Illegal, Check(RegisterModel(), h, 0).Verdict)
	// Had the write of 5, whose outcome is unknown, begun before the cas
	// ended, it could have taken effect first, and the failure is explained.
	early := strings.Replace(log, "INFO  jepsen.util - 2\t:fail\t:cas\t[3 4]\n", "", 1) + "\nINFO  jepsen.util - 2\t:fail\t:cas\t[3 4]"
	h, err = ReadJepsenLog(strings.NewReader(early))
	require.NoError(t, err)
	assert.Equal(t, Ok, Check(RegisterModel(), h, 0).Verdict)

	for _, c := range []struct{ text, want string }{
		{"INFO  jepsen.util - x\t:invoke\t:read\tnil", `line 1: process "x" is not an integer`},
		{"INFO  jepsen.util - 0\t:invoke\t:delete\t1", `line 1: unknown operation ":delete"`},
		{"INFO  jepsen.util - 0\t:ok\t:read\t1", "line 1: process 0 completes an operation it never invoked"},
		{"INFO  jepsen.util - 0\t:invoke\t:cas\t[1]", "line 1: cas of \"[1]\": want [EXPECTED NEW]"},
		{"INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:invoke\t:read\tnil", "line 2: process 0 invokes again"},
		{"INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:write\t1", "line 2: process 0 completes :write but invoked :read"},
		{"INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:done\t:read\t1", `line 2: unknown type ":done"`},
		{"INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tx", `line 2: value "x" is neither an integer nor nil`},
		{"nothing from jepsen here", "empty history"},
	} {
		_, err := ReadJepsenLog(strings.NewReader(c.text))
		assert.ErrorContains(t, err, c.want, c.text)
	}
}

// TestJepsenEtcdHistories checks the histories Jepsen recorded from etcd
// that porcupine ships (test_data/jepsen, in the module cache) and expects
// porcupine's own verdict for each, as its test file states it: a check
// of this package's reader and unknown-outcome handling against histories
// from another system. Skipped when the module's files are not present.
func TestJepsenEtcdHistories(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/anishathalye/porcupine").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("porcupine's module directory not found: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "porcupine_test.go"))
	if err != nil {
		t.Skipf("porcupine's tests not found: %v", err)
	}
	expect := regexp.MustCompile(`checkJepsen\(t, (\d+), (true|false)\)`).FindAllStringSubmatch(string(src), -1)
	require.NotEmpty(t, expect, "porcupine's test file names no Jepsen histories")
	if testing.Short() || !longtest.Enabled() {
		expect = expect[:10] // all 102 with DISTCHECK_LONG=1
	}
	legal := 0
	for _, e := range expect {
		n, _ := strconv.Atoi(e[1])
		name := filepath.Join(dir, "test_data", "jepsen", "etcd_"+strings.Repeat("0", 3-len(e[1]))+e[1]+".log")
		f, err := os.Open(name)
		require.NoError(t, err)
		h, err := ReadJepsenLog(f)
		f.Close()
		require.NoError(t, err, name)
		want := Illegal
		if e[2] == "true" {
			want, legal = Ok, legal+1
		}
		assert.Equal(t, want, Check(RegisterModel(), h, 0).Verdict, "etcd_%03d.log", n)
	}
	t.Logf("%d histories, %d linearizable", len(expect), legal)
}
