package examples

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOwnProtocol builds the ownprotocol module (its own go.mod, which
// replaces distcheck with this checkout) and runs its command line: the
// correct variant holds (exit 0), the seeded bug is caught (exit 1), its
// counterexample is saved and replays (exit 0).
func TestOwnProtocol(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a separate module")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "ownprotocol")
	build := exec.Command(goCmd, "build", "-o", bin, ".")
	build.Dir = "ownprotocol"
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go build in examples/ownprotocol:\n%s", out)

	run := func(args ...string) (string, int) {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return stdout.String() + stderr.String(), exit.ExitCode()
		}
		require.NoError(t, err)
		return stdout.String() + stderr.String(), 0
	}
	text, code := run("list")
	assert.Equal(t, 0, code, text)
	assert.Contains(t, text, "twopc")
	text, code = run("check", "twopc")
	assert.Equal(t, 0, code, text)
	assert.Contains(t, text, "verdict: holds")
	corpora := filepath.Join(dir, "corpora")
	text, code = run("check", "twopc", "-variant", "eager", "-save", corpora)
	assert.Equal(t, 1, code, text)
	assert.Regexp(t, `Validity +always +violated`, text)
	saved, err := filepath.Glob(filepath.Join(corpora, "twopc", "*.txt"))
	require.NoError(t, err)
	require.Len(t, saved, 1, text)
	text, code = run("replay", saved[0])
	assert.Equal(t, 0, code, text)
	assert.True(t, strings.HasPrefix(text, "ok"), text)
	_, code = run("check", "nosuch")
	assert.Equal(t, 2, code, "an unknown system is a usage error")
}
