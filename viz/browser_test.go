package viz_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/distcheck/distcheck/checker/actor"
	"github.com/distcheck/distcheck/impl/raft/raftmodel"
	"github.com/distcheck/distcheck/internal/browser"
	"github.com/distcheck/distcheck/viz"
)

// drawn is what the page's script reports having drawn.
type drawn struct {
	Lanes, Arrows, Marks int
}

func TestReportInBrowser(t *testing.T) {
	env := actor.Env{MaxDrops: 1, MaxDuplicates: 1, MaxCrashes: 1, MaxInFlight: 4}
	r := raftReport(t, raftmodel.Config{Servers: 2, Values: 1, MaxTerm: 1, Env: env}, twoVotes)
	var b bytes.Buffer
	require.NoError(t, viz.Write(&b, r))
	file := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(file, b.Bytes(), 0o644))

	p := browser.New(t, 1280, 800)
	p.Do(t, chromedp.Navigate(browser.FileURL(file)))
	got := browser.Eval[drawn](t, p, `({lanes: window.vizDrawn.lanes, arrows: window.vizDrawn.arrows, marks: window.vizDrawn.marks})`)
	d := viz.Layout(r)
	assert.Equal(t, drawn{Lanes: 2, Arrows: len(d.Arrows), Marks: len(d.Marks)}, got)
	// What the script says it drew is in the document.
	assert.Equal(t, len(d.Arrows), browser.Eval[int](t, p, `document.querySelectorAll("#diagram path.arrow").length`))
	assert.Equal(t, 2, browser.Eval[int](t, p, `document.querySelectorAll("#diagram .lanegroup").length`))
	assert.Equal(t, 1, browser.Eval[int](t, p, `document.querySelectorAll("#diagram .violationband").length`))
	assert.Equal(t, "7", browser.Eval[string](t, p, `document.querySelector("tr.violation").dataset.step`))
	// Clicking a row selects it and thickens its arrows.
	browser.Click(t, p, "#step-2")
	hot := 0
	for _, a := range d.Arrows {
		if a.Send == 2 || a.At == 2 {
			hot++
		}
	}
	assert.Equal(t, 3, hot) // the request delivered, the reply and its duplicate sent
	assert.Equal(t, hot, browser.Eval[int](t, p, `document.querySelectorAll("#diagram path.arrow.hot").length`))
	assert.Empty(t, p.Errors())
	for _, u := range p.Requests() {
		assert.Regexp(t, `^(file|data|about):`, u, "the report must load nothing from the network")
	}
	if dir := os.Getenv("DISTCHECK_SCREENSHOTS"); dir != "" {
		p.Screenshot(t, filepath.Join(dir, "viz-sample.png"))
	}
}
