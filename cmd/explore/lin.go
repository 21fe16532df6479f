package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/distcheck/distcheck/cli"
	"github.com/distcheck/distcheck/corpus"
	"github.com/distcheck/distcheck/linearizability"
)

// runLin checks a recorded client history (JSON lines, see the
// linearizability package) for linearizability with porcupine (claim C4).
func runLin(args []string, stdout, stderr io.Writer) (int, error) {
	const synopsis = "lin FILE [-format jsonl|jepsen] [-timeout 10s] [-html OUT.html] [-json] [-model kv|register]"
	fs := flag.NewFlagSet("lin", flag.ContinueOnError)
	timeout := fs.Duration("timeout", 10*time.Second, "give up after this long: verdict unknown, exit 3 (0: no limit)")
	htmlOut := fs.String("html", "", "write porcupine's visualization to `OUT.html` (default, for an illegal history only: FILE without its extension + .html)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	modelName := fs.String("model", "kv", "kv (a store, checked key by key) or register (one register, keys ignored)")
	format := fs.String("format", "jsonl", "jsonl (distcheck's JSON lines) or jepsen (a Jepsen log of the register workload: read, write, cas)")
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		flagHelp(fs, stdout, synopsis)
		return exitHolds, nil
	}
	if err != nil {
		return exitUsage, err
	}
	if len(pos) != 1 {
		return exitUsage, usagef("want exactly one history FILE (JSON lines), got %d arguments", len(pos))
	}
	read := linearizability.ReadJSONL
	switch *format {
	case "jsonl":
	case "jepsen":
		read = linearizability.ReadJepsenLog
	default:
		return exitUsage, usagef("unknown format %q (want jsonl or jepsen)", *format)
	}
	if *timeout < 0 {
		return exitUsage, usagef("-timeout must not be negative")
	}
	var m linearizability.Model[string, linearizability.KVInput, linearizability.KVOutput]
	switch *modelName {
	case "kv":
		m = linearizability.KVModel()
	case "register":
		m = linearizability.RegisterModel()
	default:
		return exitUsage, usagef("unknown model %q (want kv or register)", *modelName)
	}
	file := pos[0]
	f, err := os.Open(file)
	if err != nil {
		return exitUsage, cli.AsUsage(err)
	}
	h, err := read(f)
	f.Close()
	if err != nil {
		return exitUsage, cli.AsUsage(fmt.Errorf("%s: %w", file, err))
	}
	res := linearizability.Check(m, h, *timeout)
	if res.Err != nil {
		return exitUsage, cli.AsUsage(fmt.Errorf("%s: %w", file, res.Err))
	}

	html := *htmlOut
	if html == "" && res.Verdict == linearizability.Illegal {
		html = strings.TrimSuffix(file, filepath.Ext(file)) + ".html"
		if html == file { // FILE.html: never overwrite the input
			html += ".html"
		}
	}
	if html != "" {
		var b bytes.Buffer
		if err := res.WriteHTML(&b); err != nil {
			return exitUsage, fmt.Errorf("rendering the visualization: %w", err)
		}
		if err := corpus.WriteFile(html, b.Bytes()); err != nil {
			return exitUsage, fmt.Errorf("writing the visualization: %w", err)
		}
	}

	if *asJSON {
		out := struct {
			File      string                  `json:"file"`
			Model     string                  `json:"model"`
			Ops       int                     `json:"ops"`
			Ambiguous int                     `json:"ambiguous"`
			Parts     int                     `json:"parts"`
			Verdict   linearizability.Verdict `json:"verdict"`
			Illegal   []string                `json:"illegal,omitempty"`
			Seconds   float64                 `json:"seconds"`
			HTML      string                  `json:"html,omitempty"`
		}{file, m.Name, res.Ops, res.Ambiguous, len(res.Parts), res.Verdict, res.IllegalParts(), res.Elapsed.Seconds(), html}
		if err := writeJSON(stdout, out); err != nil {
			return exitUsage, err
		}
	} else {
		parts := fmt.Sprintf("%d keys", len(res.Parts))
		if m.Partition == nil {
			parts = "one register"
		}
		fmt.Fprintf(stdout, "%s: %d operations (%d with unknown outcome), %s, model %s, %.2fs\n",
			file, res.Ops, res.Ambiguous, parts, m.Name, res.Elapsed.Seconds())
		switch res.Verdict {
		case linearizability.Ok:
			fmt.Fprintln(stdout, "verdict: ok (linearizable)")
		case linearizability.Illegal:
			what := "the history"
			if m.Partition != nil {
				what = "key " + strings.Join(quoteAll(res.IllegalParts()), ", key ")
			}
			fmt.Fprintf(stdout, "verdict: illegal (not linearizable): %s\n", what)
		default:
			fmt.Fprintf(stdout, "verdict: unknown (no answer within -timeout %v; raise it, 0 for no limit)\n", *timeout)
		}
		if html != "" {
			fmt.Fprintf(stdout, "visualization: %s\n", html)
		}
	}
	switch res.Verdict {
	case linearizability.Ok:
		return exitHolds, nil
	case linearizability.Illegal:
		return exitViolated, nil
	}
	return exitUnknown, nil
}

// quoteAll quotes keys that would otherwise be unreadable (empty, spaces,
// commas, control characters).
func quoteAll(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k
		if k == "" || strings.ContainsAny(k, " ,\"\t\n") || fmt.Sprintf("%q", k) != `"`+k+`"` {
			out[i] = fmt.Sprintf("%q", k)
		}
	}
	return out
}
