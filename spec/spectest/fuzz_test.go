package spectest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseCfg: any text parses without a panic into names without
// whitespace and trimmed constants, and every invariant or property name
// of the text's sections is kept in order.
func FuzzParseCfg(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "*", "*.cfg"))
	if len(files) == 0 {
		f.Fatal("no .cfg files under spec/ to seed from")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, text string) {
		c := ParseCfg(text)
		for k, v := range c.Constants {
			if k != strings.TrimSpace(k) || v != strings.TrimSpace(v) {
				t.Fatalf("constant %q = %q not trimmed", k, v)
			}
			if strings.Contains(k, `\*`) || strings.Contains(v, `\*`) {
				t.Fatalf("constant %q = %q keeps a comment", k, v)
			}
		}
		for _, n := range append(append([]string{c.Specification}, c.Invariants...), c.Properties...) {
			if strings.ContainsAny(n, " \t\n\r") || strings.Contains(n, `\*`) {
				t.Fatalf("name %q has whitespace or a comment", n)
			}
		}
	})
}
