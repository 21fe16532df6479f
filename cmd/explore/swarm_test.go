package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/distcheck/distcheck/internal/longtest"
)

// A swarm as it runs for real: N separate processes of the built binary,
// each told its shard only through the environment variable a Kubernetes
// Indexed Job sets, then merged. The merged counts equal one process
// running every walk.
func TestSwarmOfProcessesMergesToTheWholeRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	longtest.Skip(t) // building the binary and running three processes takes a minute on two cores
	dir := t.TempDir()
	bin := filepath.Join(dir, "explore")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	args := []string{"simulate", "raft", "-seed", "3", "-walks", "120", "-depth", "25", "-quiet"}
	const shards = 3
	var wg sync.WaitGroup
	errs := make([]error, shards)
	for i := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, append(args, "-shard", fmt.Sprint(shards), "-out", filepath.Join(dir, fmt.Sprintf("shard-%d.json", i)))...)
			cmd.Env = append(os.Environ(), fmt.Sprintf("JOB_COMPLETION_INDEX=%d", i))
			if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != exitUnknown {
				errs[i] = fmt.Errorf("shard %d: %v: %s", i, err, out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "shard-*.json"))
	require.NoError(t, err)
	require.Len(t, files, shards)

	type stats struct {
		Verdict string
		Stats   struct{ Distinct, Generated uint64 }
	}
	var swarm, whole stats
	code, sout, serr := runCLI(append([]string{"merge", "-json"}, files...)...)
	require.Equal(t, exitUnknown, code, serr)
	require.NoError(t, json.Unmarshal([]byte(sout), &swarm))
	code, wout, werr := runCLI(append(args, "-json")...)
	require.Equal(t, exitUnknown, code, werr)
	require.NoError(t, json.Unmarshal([]byte(wout), &whole))
	assert.Equal(t, whole, swarm)
	assert.Positive(t, swarm.Stats.Distinct)
}

// deploy/swarm-job.yaml's command line must stay a valid simulate command
// whose shard count equals the Job's completions.
func TestSwarmJobManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "deploy", "swarm-job.yaml"))
	require.NoError(t, err)
	var job struct {
		Kind string
		Spec struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int
			Template       struct {
				Spec struct {
					Containers []struct {
						Command []string
					}
				}
			}
		}
	}
	require.NoError(t, yaml.NewDecoder(bytes.NewReader(data)).Decode(&job))
	assert.Equal(t, "Job", job.Kind)
	assert.Equal(t, "Indexed", job.Spec.CompletionMode)
	require.Len(t, job.Spec.Template.Spec.Containers, 1)
	command := job.Spec.Template.Spec.Containers[0].Command
	require.Len(t, command, 3)
	line, _, ok := strings.Cut(command[2], ";")
	require.True(t, ok, "the shell line runs explore, then maps its exit code")
	args := strings.Fields(line)
	require.Equal(t, "explore", args[0])
	args = args[1:]
	out := filepath.Join(t.TempDir(), "shard.json")
	for i := 0; i+1 < len(args); i++ {
		switch args[i] {
		case "-shard":
			assert.Equal(t, fmt.Sprint(job.Spec.Completions), args[i+1], "-shard N must equal completions")
		case "-walks":
			args[i+1] = "40" // of 8 shards, this one runs 5
		case "-depth":
			args[i+1] = "12"
		case "-out":
			assert.Contains(t, args[i+1], "$JOB_COMPLETION_INDEX")
			args[i+1] = out
		}
	}
	t.Setenv("JOB_COMPLETION_INDEX", "7")
	code, _, errs := runCLI(args...)
	assert.Contains(t, []int{exitViolated, exitUnknown}, code, errs)
	_, err = os.Stat(out)
	assert.NoError(t, err)
}
