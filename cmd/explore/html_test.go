package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/internal/browser"
	"github.com/distcheck/distcheck/internal/longtest"
	"github.com/distcheck/distcheck/viz"
)

// page is a report written for a browser test, with what it must show.
type page struct {
	name, file string
	violation  int
	lanes      int
	arrows     int
}

// bugReports writes an HTML report for every variant that explore list
// says violates something: from its first saved counterexample with
// report (fast), or with check -html when none is saved.
func bugReports(t *testing.T, dir string) []page {
	var pages []page
	for _, name := range cli.Names() {
		sys, err := cli.Lookup(name)
		require.NoError(t, err)
		for _, v := range sys.Variants() {
			if len(v.Violates) == 0 && !v.Bug {
				continue
			}
			files, err := filepath.Glob(filepath.Join("..", "..", "corpora", name, v.Name+"-*.txt"))
			require.NoError(t, err)
			var mine []string
			for _, f := range files {
				e, err := corpus.ParseFile(f)
				require.NoError(t, err)
				if e.Variant == v.Name && e.Expect == "violated" {
					mine = append(mine, f)
				}
			}
			if len(mine) == 0 {
				out := filepath.Join(dir, name+"-"+v.Name+".html")
				code, stdout, stderr := runCLI("check", name, "-variant", v.Name, "-quiet", "-html", out)
				require.Equal(t, exitViolated, code, "%s/%s: %s", name, v.Name, stderr)
				require.Contains(t, stderr, "HTML report: "+out)
				// The first violated property's path, as check printed it.
				i := strings.Index(stdout, " violated after ")
				require.GreaterOrEqual(t, i, 0, stdout)
				prop := stdout[strings.LastIndex(stdout[:i], "\n")+1 : i]
				var steps int
				_, err := fmt.Sscanf(stdout[i:], " violated after %d steps", &steps)
				require.NoError(t, err)
				params, err := sys.Resolve(v.Name, nil)
				require.NoError(t, err)
				pages = append(pages, expected(t, sys, v.Name, params, prop, out, steps, nil, -1, ""))
				continue
			}
			// One saved counterexample per variant keeps the test fast;
			// internal/systems replays them all.
			for _, f := range mine[:1] {
				out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), ".txt")+"-"+name+".html")
				code, stdout, stderr := runCLI("report", f, "-o", out)
				require.Equal(t, exitHolds, code, "%s: %s", f, stderr)
				e, err := corpus.ParseFile(f)
				require.NoError(t, err)
				r, err := cli.Verify(e)
				require.NoError(t, err)
				assert.Contains(t, stdout, fmt.Sprintf("%s violated at step %d", e.Property, r.At))
				_, params, err := cli.Resolve(e)
				require.NoError(t, err)
				p := expected(t, sys, v.Name, params, e.Property, out, -1, e.Steps, e.Loop, e.LoopAction)
				p.violation = r.At
				pages = append(pages, p)
			}
		}
	}
	return pages
}

// expected reads back what a report file must show from the data it was
// drawn from.
func expected(t *testing.T, sys cli.System, variant string, params map[string]int, prop, file string, steps int, actions []string, loop int, loopAction string) page {
	html, err := os.ReadFile(file)
	require.NoError(t, err)
	p := page{name: sys.Name() + "/" + variant + "/" + prop, file: file, violation: steps}
	if i := strings.Index(string(html), `class="step violation" data-step="`); i >= 0 && steps < 0 {
		fmt.Sscanf(string(html[i+len(`class="step violation" data-step="`):]), "%d", &p.violation)
	}
	// The lanes and arrows the diagram must draw: the layout of the same
	// path, replayed here (from the report's own step labels when the path
	// is not given).
	if actions == nil {
		for _, part := range strings.Split(string(html), `<td class="action">`)[1:] {
			label := part[:strings.Index(part, "</td>")]
			if i := strings.Index(label, ` <span class="badge">`); i >= 0 {
				label = label[:i]
			}
			actions = append(actions, unescape(label))
		}
	}
	r, err := sys.Visual(variant, params, prop, actions, loop, loopAction)
	require.NoError(t, err, p.name)
	if d := viz.Layout(r); d != nil {
		p.lanes, p.arrows = len(d.Lanes), len(d.Arrows)
	}
	return p
}

func unescape(s string) string {
	return strings.NewReplacer("&gt;", ">", "&lt;", "<", "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(s)
}

// TestEveryBugReportOpensInBrowser: for every seeded bug, the HTML report
// opens in Chromium without errors, draws its diagram, and shows the
// violating step. Long (DISTCHECK_LONG=1): TestReportInBrowser opens one
// report in the short run.
func TestEveryBugReportOpensInBrowser(t *testing.T) {
	longtest.Skip(t)
	p := browser.New(t, 1600, 900)
	dir := t.TempDir()
	start := time.Now()
	pages := bugReports(t, dir)
	t.Logf("reports written in %v", time.Since(start))
	require.NotEmpty(t, pages)
	for _, pg := range pages {
		// Navigate returns after the load event; the page's script is
		// inline, so the diagram is drawn by then.
		p.Do(t, chromedp.Navigate(browser.FileURL(pg.file)))
		type shown struct {
			Step                 string
			Badge                bool
			Lanes, Arrows, Bands int
		}
		got := browser.Eval[shown](t, p, `(function () {
			var v = document.querySelector("tr.violation");
			return {Step: v ? v.dataset.step : "none", Badge: !!document.querySelector("tr.violation .badge"),
				Lanes: window.vizDrawn.lanes, Arrows: document.querySelectorAll("#diagram path.arrow").length,
				Bands: document.querySelectorAll("#diagram .violationband").length};
		})()`)
		want := shown{Step: fmt.Sprint(pg.violation), Badge: true, Lanes: pg.lanes, Arrows: pg.arrows}
		if pg.lanes > 0 {
			want.Bands = 1
		}
		assert.Equal(t, want, got, "%s: what the page shows", pg.name)
	}
	if dir := os.Getenv("DISTCHECK_SCREENSHOTS"); dir != "" {
		// The README's picture: Raft's unpersisted vote, two leaders in term 1.
		out := filepath.Join(t.TempDir(), "vnp.html")
		code, _, stderr := runCLI("report", "../../corpora/raft/vote-not-persisted-ElectionSafety.txt", "-o", out)
		require.Equal(t, exitHolds, code, stderr)
		p.Do(t, chromedp.Navigate(browser.FileURL(out)))
		p.Screenshot(t, filepath.Join(dir, "report.png"))
	}
	assert.Empty(t, p.Errors())
	for _, u := range p.Requests() {
		assert.Regexp(t, `^(file|data|about):`, u, "a report must load nothing from the network")
	}
	t.Logf("%d reports opened", len(pages))
}

func TestHTMLFlagAndReportCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "vnp.html")
	code, stdout, stderr := runCLI("check", "raft", "-variant", "vote-not-persisted", "-quiet", "-html", out)
	assert.Equal(t, exitViolated, code)
	assert.Contains(t, stdout, "verdict: violated")
	assert.Contains(t, stderr, "HTML report: "+out)
	html, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(html), `<svg id="diagram"`)
	assert.Contains(t, string(html), "vote-not-persisted")
	assert.Contains(t, string(html), "<th>spec state</th>", "raft's states are shown abstracted to the spec too")
	assert.Contains(t, string(html), "votedFor=s1")

	// A failed write is a warning; the verdict and exit code stand.
	code, stdout, stderr = runCLI("check", "raft", "-variant", "vote-not-persisted", "-quiet", "-html", dir)
	assert.Equal(t, exitViolated, code)
	assert.Contains(t, stdout, "verdict: violated")
	assert.Contains(t, stderr, "warning: HTML report not written")

	code, _, stderr = runCLI("check", "connectivity", "-quiet", "-html", filepath.Join(dir, "none.html"))
	assert.Equal(t, exitHolds, code)
	assert.Contains(t, stderr, "no counterexample")
	assert.NoFileExists(t, filepath.Join(dir, "none.html"))

	code, stdout, _ = runCLI("report", filepath.Join("..", "..", "corpora", "kv", "ap-Linearizable.txt"))
	assert.Equal(t, exitHolds, code)
	assert.Contains(t, stdout, `<iframe id="attachment"`, "porcupine's drawing is embedded")

	code, _, stderr = runCLI("report", filepath.Join(dir, "nosuch.txt"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "nosuch.txt")
	code, _, _ = runCLI("report")
	assert.Equal(t, exitUsage, code)
}
