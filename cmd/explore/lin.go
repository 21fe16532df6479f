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
	const synopsis = "lin FILE|- [-format jsonl|jepsen] [-timeout 10s] [-mem MiB] [-all-keys] [-html OUT.html] [-json] [-model kv|register]"
	fs := flag.NewFlagSet("lin", flag.ContinueOnError)
	timeout := fs.Duration("timeout", 10*time.Second, "give up after this long, the whole check together: verdict unknown, exit 3 (0: no limit)")
	memMiB := fs.Int("mem", 4096, "give up when the heap exceeds this many MiB: verdict unknown, exit 3 (0: no limit)")
	allKeys := fs.Bool("all-keys", false, "check every key to its verdict (by default the first illegal key decides and stops the others)")
	htmlOut := fs.String("html", "", "write porcupine's visualization to `OUT.html` (default, for an illegal history read from a regular file only: FILE without its extension + .html)")
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
	if *memMiB < 0 {
		return exitUsage, usagef("-mem must not be negative")
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
	var h linearizability.KVHistory
	regular := false
	if file == "-" {
		h, err = read(os.Stdin)
	} else {
		// A pipe (lin <(cat f)) is read like a file; only a regular file
		// gets a visualization written next to it by default.
		f, oerr := os.Open(file)
		if oerr != nil {
			return exitUsage, cli.AsUsage(oerr)
		}
		if fi, err := f.Stat(); err == nil {
			regular = fi.Mode().IsRegular()
		}
		h, err = read(f)
		f.Close()
	}
	if err != nil {
		return exitUsage, cli.AsUsage(fmt.Errorf("%s: %w", file, err))
	}
	res := linearizability.CheckOptions(m, h, linearizability.Options{
		Timeout: *timeout, MemoryLimit: uint64(*memMiB) << 20, AllParts: *allKeys, Visualize: true,
	})
	if res.Err != nil {
		return exitUsage, cli.AsUsage(fmt.Errorf("%s: %w", file, res.Err))
	}

	html := *htmlOut
	if html == "" && res.Verdict == linearizability.Illegal && regular {
		html = strings.TrimSuffix(file, filepath.Ext(file)) + ".html"
		if html == file { // FILE.html: never overwrite the input
			html += ".html"
		}
	}
	// The verdict comes first; the visualization is an attachment, and a
	// failure to write it is a warning that does not change the exit code.
	if *asJSON {
		out := struct {
			File      string                  `json:"file"`
			Model     string                  `json:"model"`
			Ops       int                     `json:"ops"`
			Ambiguous int                     `json:"ambiguous"`
			Parts     int                     `json:"parts"`
			Verdict   linearizability.Verdict `json:"verdict"`
			Illegal   []string                `json:"illegal,omitempty"`
			Keys      []linearizability.Part  `json:"keys"`
			Stopped   string                  `json:"stopped,omitempty"`
			Seconds   float64                 `json:"seconds"`
			HTML      string                  `json:"html,omitempty"`
		}{file, m.Name, res.Ops, res.Ambiguous, len(res.Parts), res.Verdict, res.IllegalParts(), res.Parts, res.Stopped, res.Elapsed.Seconds(), html}
		if err := writeJSON(stdout, out); err != nil {
			return exitUsage, err
		}
	} else {
		parts := plural(len(res.Parts), "key", "keys")
		if m.Partition == nil {
			parts = "one register"
		}
		fmt.Fprintf(stdout, "%s: %s (%d with unknown outcome), %s, model %s, %.2fs\n",
			file, plural(res.Ops, "operation", "operations"), res.Ambiguous, parts, m.Name, res.Elapsed.Seconds())
		if m.Partition != nil && len(res.Parts) > 1 {
			fmt.Fprintf(stdout, "keys: %d ok, %d illegal, %d undecided", res.Count(linearizability.Ok), res.Count(linearizability.Illegal), res.Count(linearizability.Unknown))
			if res.Stopped != "" {
				fmt.Fprintf(stdout, " (%s)", res.Stopped)
			}
			fmt.Fprintln(stdout)
		}
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
			fmt.Fprintf(stdout, "verdict: unknown (%s; raise -timeout or -mem, 0 for no limit)\n", res.Stopped)
		}
	}
	if html != "" {
		var b bytes.Buffer
		err := res.WriteHTML(&b)
		if err == nil {
			err = corpus.WriteFile(html, b.Bytes())
		}
		if err != nil {
			fmt.Fprintf(stderr, "explore lin: warning: no visualization written: %v\n", err)
		} else if !*asJSON {
			fmt.Fprintf(stdout, "visualization: %s\n", html)
			if res.Verdict == linearizability.Unknown {
				fmt.Fprintln(stdout, "  (incomplete: the check stopped before every key was decided)")
			}
		}
	} else if res.Verdict == linearizability.Illegal && *htmlOut == "" && !regular && !*asJSON {
		fmt.Fprintf(stdout, "visualization: none (%s is not a regular file; give -html OUT.html)\n", file)
	}
	switch res.Verdict {
	case linearizability.Ok:
		return exitHolds, nil
	case linearizability.Illegal:
		return exitViolated, nil
	}
	return exitUnknown, nil
}

// plural says "1 key", "2 keys".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
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
