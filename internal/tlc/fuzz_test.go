package tlc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: any output parses without a panic; a result without an error
// has a known outcome, a property exactly for a named violation, and
// figures that are not negative.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"TLC2 Version 2.19 of 08 August 2024 (rev: 5a47802)\nModel checking completed. No error has been found.\n1254387 states generated, 87023 distinct states found, 0 states left on queue.\nThe depth of the complete state graph search is 26.\n",
		"Error: Invariant Agreement is violated.\n12 states generated, 10 distinct states found, 3 states left on queue.\n",
		"Error: Temporal property EventuallyChosen was violated.\n51077 states generated, 18641 distinct states found, 0 states left on queue.\n",
		"Error: Deadlock reached.\n1,234 states generated, 1,000 distinct states found, 0 states left on queue.\n",
		"Exception in thread main",
	} {
		f.Add(s)
	}
	// Spec READMEs quote TLC's output.
	files, _ := filepath.Glob(filepath.Join("..", "..", "spec", "*", "README.md"))
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, out string) {
		r, err := Parse(out, nil)
		if r == nil {
			t.Fatal("nil result")
		}
		if err != nil {
			return
		}
		switch r.Outcome {
		case "success", "deadlock":
			if r.Property != "" {
				t.Fatalf("outcome %s names property %q", r.Outcome, r.Property)
			}
		case "safety":
			if r.Property == "" {
				t.Fatal("a safety violation names no invariant")
			}
		case "liveness":
		default:
			t.Fatalf("unknown outcome %q", r.Outcome)
		}
		if r.Distinct < 0 || r.Generated < 0 || r.Depth < 0 {
			t.Fatalf("negative figures %+v", r)
		}
		if !strings.Contains(out, "distinct states found") {
			t.Fatal("figures without TLC's state line")
		}
	})
}
