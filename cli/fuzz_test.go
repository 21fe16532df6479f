package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// FuzzParseParams: any -set value parses or is rejected without a panic;
// what parses has non-empty names free of separators, and written back as
// name=value pairs it parses to the same parameters.
func FuzzParseParams(f *testing.F) {
	for _, s := range []string{"servers=3,crashes=0", "a=1 b=2", "gst=9223372036854775807", "x=-1", "k=", "=1", "a=1,a=2", "servers"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseParams(s)
		if err != nil {
			if p != nil {
				t.Fatal("parameters with an error")
			}
			return
		}
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(p)) {
			if k == "" || strings.ContainsAny(k, ", =") {
				t.Fatalf("name %q", k)
			}
			parts = append(parts, fmt.Sprintf("%s=%d", k, p[k]))
		}
		q, err := ParseParams(strings.Join(parts, ","))
		if err != nil || !maps.Equal(p, q) {
			t.Fatalf("round trip of %q: %v, %v", s, q, err)
		}
	})
}
