package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
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
		if val == "" && (key == "system" || key == "property" || key == "expect") {
			return nil, errf("%s: has no value", key)
		}
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
	// A simulation's seed is written even when 0; any other non-zero seed
	// is written too, so that no parsed field is lost on a round trip.
	if e.Strategy == "simulate" || e.Seed != 0 {
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

// Write saves e at path with WriteFile.
func Write(path string, e *Entry) error { return WriteFile(path, e.Format()) }

// WriteFile writes data at path atomically, creating its folder: the data
// goes to a temporary file in the same folder, which is synced and then
// renamed over path, so a reader never sees half a file.
//
// It replaces only a regular file, and only a writable one: a symbolic
// link, a FIFO, a device, a socket or a directory at path is an error
// naming the path (a symbolic link is not followed: renaming over it would
// replace the link, and writing through it is not atomic), and so is a
// file without its owner's write permission (even for root, who could
// write it). A file it replaces keeps its permissions; a new file gets
// 0666 less the umask, as os.Create would give it.
func WriteFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	perm := os.FileMode(0o666) // the umask applies at creation
	keep := false
	switch fi, err := os.Lstat(path); {
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("%s: not replaced: it is %s, not a regular file", path, describeType(fi.Mode()))
	case err == nil && fi.Mode().Perm()&0o200 == 0:
		return fmt.Errorf("%s: not replaced: the file is read-only (mode %v)", path, fi.Mode().Perm())
	case err == nil:
		perm, keep = fi.Mode().Perm(), true
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	tmp, err := createTemp(dir, filepath.Base(path))
	if err != nil {
		return err
	}
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if keep {
		// Chmod, unlike the creation mode, is not masked by the umask.
		if err := tmp.Chmod(perm); err != nil {
			return fail(err)
		}
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// createTemp creates a new file beside the target with mode 0666 less the
// umask (os.CreateTemp would make it 0600).
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.tmp-%08x", base, rand.Uint32()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("%s: no free temporary file name", dir)
}

func describeType(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "not a regular file (" + m.Type().String() + ")"
}

// FileName is the conventional name: variant-property.txt under the system's folder.
func FileName(dir string, e *Entry) string {
	v := e.Variant
	if v == "" {
		v = "default"
	}
	return filepath.Join(dir, e.System, v+"-"+e.Property+".txt")
}
