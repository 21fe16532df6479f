package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Header is the first line of every corpus file.
const Header = "# distcheck counterexample v1"

// Entry is one corpus file.
type Entry struct {
	System   string
	Variant  string
	Params   string // "k=v k=v"
	Property string
	// Expect is "violated" (the path violates Property) or "holds" (the
	// path witnesses a Sometimes property).
	Expect   string
	Strategy string
	Seed     uint64
	Command  string // how it was found
	Note     string
	Steps    []string
	// Loop >= 0 makes the path a lasso returning to Steps[Loop] by LoopAction.
	Loop       int
	LoopAction string
}

// Parse reads a corpus file; name is used in errors.
func Parse(name string, r io.Reader) (*Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	e := &Entry{Loop: -1}
	line := 0
	errf := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...))
	}
	if !sc.Scan() {
		return nil, fmt.Errorf("%s: empty file", name)
	}
	line++
	if strings.TrimSpace(sc.Text()) != Header {
		return nil, errf("first line must be %q", Header)
	}
	inSteps := false
	seen := map[string]bool{}
	for sc.Scan() {
		line++
		text := sc.Text()
		if inSteps {
			if strings.TrimSpace(text) == "" {
				continue
			}
			if !strings.HasPrefix(text, "  ") {
				return nil, errf("step lines must be indented by two spaces")
			}
			e.Steps = append(e.Steps, strings.TrimSpace(text))
			continue
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, val, ok := strings.Cut(text, ":")
		if !ok {
			return nil, errf("expected 'key: value', got %q", text)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if seen[key] {
			return nil, errf("duplicate key %q", key)
		}
		seen[key] = true
		switch key {
		case "system":
			e.System = val
		case "variant":
			e.Variant = val
		case "params":
			e.Params = val
		case "property":
			e.Property = val
		case "expect":
			if val != "violated" && val != "holds" {
				return nil, errf("expect must be violated or holds, got %q", val)
			}
			e.Expect = val
		case "strategy":
			e.Strategy = val
		case "seed":
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				return nil, errf("seed %q is not an unsigned integer", val)
			}
			e.Seed = n
		case "command":
			e.Command = val
		case "note":
			e.Note = val
		case "loop":
			n, err := strconv.Atoi(val)
			if err != nil || n < -1 {
				return nil, errf("loop %q is not an index", val)
			}
			e.Loop = n
		case "loop-action":
			e.LoopAction = val
		case "steps":
			if val != "" {
				return nil, errf("steps: takes no value; list the steps on the following lines")
			}
			inSteps = true
		default:
			return nil, errf("unknown key %q", key)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, k := range []string{"system", "property", "expect", "steps"} {
		if !seen[k] {
			return nil, fmt.Errorf("%s: missing %q", name, k)
		}
	}
	if len(e.Steps) == 0 {
		return nil, fmt.Errorf("%s: no steps", name)
	}
	if e.Loop >= len(e.Steps) {
		return nil, fmt.Errorf("%s: loop %d is outside the %d steps", name, e.Loop, len(e.Steps))
	}
	return e, nil
}

// ParseFile reads a corpus file from disk.
func ParseFile(path string) (*Entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, bytes.NewReader(data))
}

// Format renders e in the file format.
func (e *Entry) Format() []byte {
	var b bytes.Buffer
	fmt.Fprintln(&b, Header)
	kv := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	kv("system", e.System)
	kv("variant", e.Variant)
	kv("params", e.Params)
	kv("property", e.Property)
	kv("expect", e.Expect)
	kv("strategy", e.Strategy)
	if e.Strategy == "simulate" {
		kv("seed", strconv.FormatUint(e.Seed, 10))
	}
	kv("command", e.Command)
	kv("note", e.Note)
	if e.Loop >= 0 {
		kv("loop", strconv.Itoa(e.Loop))
		kv("loop-action", e.LoopAction)
	}
	fmt.Fprintln(&b, "steps:")
	for _, s := range e.Steps {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	return b.Bytes()
}

// Write saves e atomically (temporary file, then rename) at path.
func Write(path string, e *Entry) error { return WriteFile(path, e.Format()) }

// WriteFile writes data atomically (temporary file, then rename) at path,
// creating its folder: a reader never sees half a file.
func WriteFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// FileName is the conventional name: variant-property.txt under the system's folder.
func FileName(dir string, e *Entry) string {
	v := e.Variant
	if v == "" {
		v = "default"
	}
	return filepath.Join(dir, e.System, v+"-"+e.Property+".txt")
}
