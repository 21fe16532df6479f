package linearizability

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFiles adds every testdata file matching glob to the fuzzer's corpus.
func seedFiles(f *testing.F, glob string) {
	files, err := filepath.Glob(filepath.Join("testdata", glob))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files %s: %v", glob, err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzReadJSONL: any input is read or rejected without a panic; what is
// read is a valid history that WriteJSONL writes and ReadJSONL reads back
// unchanged, and Check accepts it.
func FuzzReadJSONL(f *testing.F) {
	seedFiles(f, "*.jsonl")
	f.Add([]byte(`{"client":1,"op":"cas","key":"x","expect":"1","value":"2","ok":true,"call":3,"return":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadJSONL(bytes.NewReader(data))
		if err != nil {
			if h != nil {
				t.Fatalf("a history with an error: %v", err)
			}
			return
		}
		if err := Validate(h); err != nil {
			t.Fatalf("ReadJSONL returned an invalid history: %v", err)
		}
		var b bytes.Buffer
		if err := WriteJSONL(&b, h); err != nil {
			t.Fatalf("WriteJSONL: %v", err)
		}
		h2, err := ReadJSONL(&b)
		if err != nil {
			t.Fatalf("reading back what WriteJSONL wrote: %v\n%s", err, b.String())
		}
		if len(h2) != len(h) {
			t.Fatalf("round trip: %d ops, then %d", len(h), len(h2))
		}
		for i := range h {
			if h[i].Input != h2[i].Input || h[i].Call != h2[i].Call || h[i].Return != h2[i].Return || h[i].Client != h2[i].Client {
				t.Fatalf("round trip changed op %d: %+v -> %+v", i, h[i], h2[i])
			}
		}
		if len(h) <= 12 { // small enough to decide at once
			if res := Check(KVModel(), h, 0); res.Err != nil {
				t.Fatalf("Check rejected a history ReadJSONL accepted: %v", res.Err)
			}
		}
	})
}

// FuzzReadJepsenLog: any input is read or rejected without a panic; what is
// read is a valid history of the register "r".
func FuzzReadJepsenLog(f *testing.F) {
	seedFiles(f, "*.log")
	f.Add([]byte("INFO  jepsen.util - 0\t:invoke\t:cas\t[1 2]\nINFO  jepsen.util - 0\t:info\t:cas\t[1 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadJepsenLog(bytes.NewReader(data))
		if err != nil {
			if !strings.Contains(err.Error(), "line") && err.Error() != ErrEmpty.Error() && !strings.Contains(err.Error(), "empty") {
				t.Fatalf("an error that names no line: %v", err)
			}
			return
		}
		if len(h) == 0 {
			t.Fatal("an empty history without an error")
		}
		if err := Validate(h); err != nil {
			t.Fatalf("ReadJepsenLog returned an invalid history: %v", err)
		}
		if len(h) <= 12 {
			if res := Check(RegisterModel(), h, 0); res.Err != nil {
				t.Fatalf("Check rejected a history ReadJepsenLog accepted: %v", res.Err)
			}
		}
	})
}
