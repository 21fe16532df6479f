package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelperMain is the explore binary when run by TestInterruptReports (the
// test binary re-executes itself: no build needed).
func TestHelperMain(t *testing.T) {
	args := os.Getenv("DISTCHECK_HELPER_ARGS")
	if args == "" {
		t.Skip("only run as a subprocess by TestInterruptReports")
	}
	os.Exit(run(strings.Fields(args), os.Stdout, os.Stderr))
}

// TestInterruptReports: SIGINT or SIGTERM to a long check stops it; it
// prints the partial statistics and each verdict so far (unknown where
// undecided), saves what -save asked for, and exits 3.
func TestInterruptReports(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			// A large Raft model: minutes to explore, violations of the
			// seeded bug found in the first second.
			args := "check raft -variant vote-not-persisted -set servers=3,maxTerm=3,maxLogLen=1,crashes=2 -all -progress 50ms -save " + dir
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMain$")
			cmd.Env = append(os.Environ(), "DISTCHECK_HELPER_ARGS="+args)
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			stderr, err := cmd.StderrPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			// Wait for progress: the search is under way.
			sc := bufio.NewScanner(stderr)
			var errText strings.Builder
			deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
			defer deadline.Stop()
			for sc.Scan() {
				errText.WriteString(sc.Text() + "\n")
				if strings.HasPrefix(sc.Text(), "progress:") && strings.Count(errText.String(), "progress:") >= 3 {
					break
				}
			}
			require.NoError(t, cmd.Process.Signal(sig))
			for sc.Scan() {
				errText.WriteString(sc.Text() + "\n")
			}
			err = cmd.Wait()
			out := stdout.String()
			require.Error(t, err, out)
			assert.Equal(t, exitUnknown, cmd.ProcessState.ExitCode(), "stdout:\n%s\nstderr:\n%s", out, errText.String())
			assert.Contains(t, out, "incomplete: interrupted")
			assert.Contains(t, out, "unknown", "undecided properties are unknown")
			assert.Contains(t, out, "ElectionSafety")
			assert.Contains(t, out, "verdict: violated", "a violation found before the signal is kept")
			assert.Contains(t, errText.String(), "interrupted: the verdicts above are those reached so far")
			saved, _ := filepath.Glob(filepath.Join(dir, "raft", "*.txt"))
			assert.NotEmpty(t, saved, "the violations found are saved")
			for _, f := range saved {
				assert.Contains(t, out, "saved: "+f)
			}
		})
	}
}
