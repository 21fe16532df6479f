package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/internal/browser"
)

const vnpFile = "../../corpora/raft/vote-not-persisted-ElectionSafety.txt"

// view is the part of the explorer's JSON answer the tests read.
type view struct {
	Session    string
	Pos        int
	History    []struct{ Label string }
	Properties []cli.Judgement
	Actions    []struct{ Label string }
	Note       string
	Error      string
}

func (v view) status(prop string) string {
	for _, p := range v.Properties {
		if p.Name == prop {
			return p.Status
		}
	}
	return "absent"
}

func explorer(t *testing.T) *httptest.Server {
	sys, err := cli.Lookup("raft")
	require.NoError(t, err)
	params, err := sys.Resolve("vote-not-persisted", nil)
	require.NoError(t, err)
	x, err := cli.NewExplorer(sys, "vote-not-persisted", params, 100000)
	require.NoError(t, err)
	srv := httptest.NewServer(x.Handler())
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, srv *httptest.Server, op, session string, query string, body string) view {
	t.Helper()
	resp, err := http.Post(srv.URL+"/api/"+op+"?s="+session+query, "text/plain", strings.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var v view
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	return v
}

// TestExplorerClicksThroughTheCounterexample follows the saved
// counterexample of vote-not-persisted action by action, as a user
// clicking would, and sees ElectionSafety break at its last step.
func TestExplorerClicksThroughTheCounterexample(t *testing.T) {
	srv := explorer(t)
	e, err := corpus.ParseFile(vnpFile)
	require.NoError(t, err)
	v := post(t, srv, "new", "", "", "")
	s := v.Session
	for i, a := range e.Steps[1:] {
		assert.Equal(t, "holds", v.status("ElectionSafety"), "before step %d", i+1)
		k := -1
		for j, x := range v.Actions {
			if x.Label == a {
				k = j
			}
		}
		require.GreaterOrEqual(t, k, 0, "step %d %q is offered", i+1, a)
		v = post(t, srv, "step", s, fmt.Sprintf("&i=%d", k), "")
		require.Empty(t, v.Error)
		assert.Equal(t, i+1, v.Pos)
	}
	assert.Equal(t, "violated", v.status("ElectionSafety"))
	// Back and forward along the history.
	v = post(t, srv, "goto", s, "&pos=3", "")
	assert.Equal(t, 3, v.Pos)
	assert.Len(t, v.History, len(e.Steps))
	assert.Equal(t, "holds", v.status("ElectionSafety"))
	v = post(t, srv, "goto", s, "&pos=99", "")
	assert.Equal(t, "no such step", v.Error)

	// The shortest path to a violation from the start is BFS's.
	v = post(t, srv, "restart", s, "", "")
	v = post(t, srv, "find", s, "&prop=Conformance", "")
	require.Empty(t, v.Error)
	assert.Equal(t, "violated", v.status("Conformance"))
	assert.Len(t, v.History, 3, "check finds Conformance violated after 2 steps")
	v = post(t, srv, "find", s, "&prop=LeaderElected", "")
	assert.Equal(t, "satisfied", v.status("LeaderElected"))
	v = post(t, srv, "find", s, "&prop=NoSuch", "")
	assert.Contains(t, v.Error, "unknown property")

	// Loading a saved path; a path of another system is refused.
	data, err := os.ReadFile(vnpFile)
	require.NoError(t, err)
	v = post(t, srv, "load", s, "", string(data))
	require.Empty(t, v.Error)
	assert.Equal(t, 0, v.Pos)
	assert.Len(t, v.History, len(e.Steps))
	other, err := os.ReadFile("../../corpora/paxos-spec/MCPaxosDuel-EventuallyChosen.txt")
	require.NoError(t, err)
	v = post(t, srv, "load", s, "", string(other))
	assert.Contains(t, v.Error, "paxos-spec")
	v = post(t, srv, "load", s, "", "not a corpus file")
	assert.NotEmpty(t, v.Error)
}

func TestExplorerBounds(t *testing.T) {
	srv := explorer(t)
	first := post(t, srv, "new", "", "", "").Session
	for range cli.MaxSessions {
		post(t, srv, "new", "", "", "")
	}
	v := post(t, srv, "state", first, "", "")
	assert.NotEqual(t, first, v.Session, "the oldest session was evicted")
	assert.Contains(t, v.Note, "expired")

	// Only localhost may ask (a page elsewhere cannot rebind a name to it).
	req, err := http.NewRequest("GET", srv.URL+"/", nil)
	require.NoError(t, err)
	req.Host = "attacker.example"
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
}

func TestServeCommand(t *testing.T) {
	code, _, stderr := runCLI("serve", "raft", "-variant", "nosuch")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "nosuch")
	code, _, stderr = runCLI("serve", "raft", "-variant", "vote-not-persisted", "-load", "../../corpora/paxos-spec/MCPaxosDuel-EventuallyChosen.txt")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "paxos-spec")
	// A port that is taken is an error, not a hang.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	code, _, _ = runCLI("serve", "raft", "-port", fmt.Sprint(ln.Addr().(*net.TCPAddr).Port))
	assert.Equal(t, exitUsage, code)
}

// TestExplorerInBrowser clicks through the explorer in Chromium.
func TestExplorerInBrowser(t *testing.T) {
	srv := explorer(t)
	p := browser.New(t, 1400, 900)
	p.Do(t, chromedp.Navigate(srv.URL+"/"))
	browser.WaitFor(t, p, `document.querySelector("button.take")`)
	pos := func() int { return browser.Eval[int](t, p, `document.querySelectorAll("li.hist").length - 1`) }
	assert.Equal(t, 0, pos())
	first := browser.Eval[string](t, p, `document.querySelector("button.take").textContent`)
	assert.Equal(t, "Timer n1 election", first)
	browser.Click(t, p, "button.take")
	browser.WaitFor(t, p, `document.querySelector("li.hist.current[data-pos='1']")`)
	assert.Equal(t, "Timer n1 election", browser.Eval[string](t, p, `document.querySelector("li.hist.current").textContent`))
	assert.Contains(t, browser.Eval[string](t, p, `document.querySelector("#state").textContent`), "Candidate")
	browser.Click(t, p, "#back")
	browser.WaitFor(t, p, `document.querySelector("li.hist.current[data-pos='0']")`)
	// The shortest path to a violation of ElectionSafety, then its last state.
	browser.Click(t, p, `li.prop[data-name="ElectionSafety"] button.find`)
	browser.WaitFor(t, p, `document.querySelector('li.prop[data-name="ElectionSafety"][data-status="violated"]')`)
	assert.Equal(t, 8, pos(), "BFS's shortest violation of ElectionSafety has 8 steps")
	assert.Empty(t, p.Errors())
	if dir := os.Getenv("DISTCHECK_SCREENSHOTS"); dir != "" {
		browser.Click(t, p, "li.hist[data-pos='7']")
		browser.WaitFor(t, p, `document.querySelector("li.hist.current[data-pos='7']")`)
		p.Screenshot(t, filepath.Join(dir, "explorer.png"))
	}
}
