// Package browser runs tests in a headless Chromium driven over the
// DevTools protocol (chromedp): it finds the browser, starts it with a
// fresh profile and no background networking, and collects what the page
// reports as errors.
package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Find returns the path of a Chromium or Chrome binary: $CHROMIUM if set,
// else the first of chromium, chromium-browser, google-chrome on $PATH; ""
// when there is none.
func Find() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Timeout bounds each action run in a page.
const Timeout = 15 * time.Second

// Page is a browser tab under test.
type Page struct {
	Ctx context.Context

	mu       sync.Mutex
	errors   []string
	requests []string
}

// Errors lists the uncaught exceptions and console errors seen so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// Requests lists the URLs the page asked for.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// New starts a headless browser for the test, with a window of w×h pixels.
// Without a browser the test is skipped, except under CI (CI set), where
// .ci/run installs one and its absence is a failure.
func New(t testing.TB, w, h int) *Page {
	t.Helper()
	bin := Find()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found under CI: .ci/run should have installed it (apt-get install chromium)")
		}
		t.Skip("no Chromium found (install Debian's chromium package, or set CHROMIUM to a Chrome binary): browser test skipped")
	}
	dir := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(w, h),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	// The first Run starts the browser; a timeout on its context would
	// bound the browser's whole life, so a watchdog stops a hung start.
	stop := time.AfterFunc(30*time.Second, cancelC)
	_, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1"))
	stop.Stop()
	if err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	p := &Page{Ctx: ctx}
	err = chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.errors = append(p.errors, "exception: "+(&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				p.errors = append(p.errors, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				p.errors = append(p.errors, "console.error: "+strings.Join(parts, " "))
			}
		case *network.EventRequestWillBeSent:
			p.requests = append(p.requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	return p
}

// Do runs actions in the page, failing the test on an error.
func (p *Page) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v (page errors: %v)", err, p.Errors())
	}
}

// Eval evaluates a JavaScript expression in the page into a T.
func Eval[T any](t testing.TB, p *Page, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("browser: evaluating %s: %v (page errors: %v)", expr, err, p.Errors())
	}
	return v
}

// Screenshot saves a PNG of the whole page to path.
func (p *Page) Screenshot(t testing.TB, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("browser: screenshot: %v", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// FileURL is the file:// URL of a local file.
func FileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return fmt.Sprintf("file://%s", filepath.ToSlash(abs))
}

// WaitFor polls a JavaScript condition until it is true, failing the test
// after Timeout. (It stands in for chromedp's WaitVisible, which does not
// return on these pages with the browser here.)
func WaitFor(t testing.TB, p *Page, cond string) {
	t.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		ok, err := chromedp.Run(p.Ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("browser: %s still false after %v (last error %v; page errors: %v)", cond, Timeout, err, p.Errors())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Click clicks the middle of the first element matching a CSS selector
// with a real mouse event (pressed and released), after scrolling it into
// view; it fails the test when nothing matches.
func Click(t testing.TB, p *Page, selector string) {
	t.Helper()
	type point struct{ X, Y float64 }
	sel, _ := json.Marshal(selector)
	at := Eval[*point](t, p, `(function () {
		var e = document.querySelector(`+string(sel)+`);
		if (!e) { return null; }
		e.scrollIntoView({block: "center"});
		var r = e.getBoundingClientRect();
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2};
	})()`)
	if at == nil {
		t.Fatalf("browser: nothing matches %s to click", selector)
	}
	p.Do(t, chromedp.MouseClickXY(at.X, at.Y))
}
