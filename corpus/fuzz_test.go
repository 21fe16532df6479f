package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse: any input parses or is rejected without a panic; what parses
// formats to a file that parses back to the same entry.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "corpora", "*", "*.txt"))
	if len(files) == 0 {
		f.Fatal("no corpus files to seed from")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Parse("fuzz", bytes.NewReader(data))
		if err != nil {
			return
		}
		text := e.Format()
		e2, err := Parse("formatted", bytes.NewReader(text))
		if err != nil {
			t.Fatalf("Format wrote what Parse rejects: %v\n%s", err, text)
		}
		if !reflect.DeepEqual(e, e2) {
			t.Fatalf("round trip changed the entry:\n%+v\n%+v", e, e2)
		}
	})
}
