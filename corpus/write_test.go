package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteFileRefusesNonRegularTargets: a symbolic link, a FIFO and a
// directory are left as they are, with an error naming the path.
func TestWriteFileRefusesNonRegularTargets(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.txt")
	require.NoError(t, os.WriteFile(target, []byte("keep"), 0o644))
	link := filepath.Join(dir, "link.txt")
	require.NoError(t, os.Symlink(target, link))
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))
	dangling := filepath.Join(dir, "dangling")
	require.NoError(t, os.Symlink(filepath.Join(dir, "nowhere"), dangling))

	for _, c := range []struct {
		path, what string
		mode       os.FileMode
	}{
		{link, "a symbolic link", os.ModeSymlink},
		{dangling, "a symbolic link", os.ModeSymlink},
		{fifo, "a FIFO", os.ModeNamedPipe},
		{sub, "a directory", os.ModeDir},
	} {
		err := WriteFile(c.path, []byte("new"))
		require.Error(t, err, c.path)
		assert.Equal(t, c.path+": not replaced: it is "+c.what+", not a regular file", err.Error())
		fi, err := os.Lstat(c.path)
		require.NoError(t, err)
		assert.Equal(t, c.mode, fi.Mode().Type(), "%s is left as it was", c.path)
	}
	data, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "keep", string(data), "nothing written through the link")
	_, err = os.Lstat(filepath.Join(dir, "nowhere"))
	assert.True(t, os.IsNotExist(err), "nothing created through the dangling link")
	assertNoTemp(t, dir)
}

// TestWriteFileModes: a replaced file keeps its mode; a new one gets 0666
// less the umask; a read-only file is not replaced, even by root.
func TestWriteFileModes(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)

	fresh := filepath.Join(dir, "a", "new.txt")
	require.NoError(t, WriteFile(fresh, []byte("1")))
	fi, err := os.Stat(fresh)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm(), "0666 &^ umask 027")

	for _, mode := range []os.FileMode{0o600, 0o755, 0o604} {
		f := filepath.Join(dir, "kept-"+mode.String())
		require.NoError(t, os.WriteFile(f, []byte("old"), 0o600))
		require.NoError(t, os.Chmod(f, mode))
		require.NoError(t, WriteFile(f, []byte("new")))
		fi, err := os.Stat(f)
		require.NoError(t, err)
		assert.Equal(t, mode, fi.Mode().Perm(), "the mode of the replaced file is kept")
		data, _ := os.ReadFile(f)
		assert.Equal(t, "new", string(data))
	}

	ro := filepath.Join(dir, "ro.txt")
	require.NoError(t, os.WriteFile(ro, []byte("old"), 0o644))
	require.NoError(t, os.Chmod(ro, 0o444))
	err = WriteFile(ro, []byte("new"))
	require.Error(t, err)
	assert.Equal(t, ro+": not replaced: the file is read-only (mode -r--r--r--)", err.Error())
	data, _ := os.ReadFile(ro)
	assert.Equal(t, "old", string(data))
	assertNoTemp(t, dir)
	assertNoTemp(t, filepath.Join(dir, "a"))
}

// TestWriteFileIsAtomic: the data reaches the target through a rename in
// the same folder (the target's inode changes, no temporary file is left),
// and a failed write leaves the old file whole.
func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f.txt")
	require.NoError(t, os.WriteFile(f, []byte("old"), 0o644))
	before, err := os.Stat(f)
	require.NoError(t, err)
	require.NoError(t, WriteFile(f, []byte("new")))
	after, err := os.Stat(f)
	require.NoError(t, err)
	assert.False(t, os.SameFile(before, after), "a new file renamed over the old one, not rewritten in place")
	assertNoTemp(t, dir)

	// The folder cannot be made: its parent is a file.
	err = WriteFile(filepath.Join(f, "x", "y.txt"), []byte("z"))
	require.Error(t, err)
	data, _ := os.ReadFile(f)
	assert.Equal(t, "new", string(data))
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	require.NoError(t, err)
	assert.Empty(t, left, "no temporary file left behind")
}

// TestParseRejectsEmptyRequiredValues: found by FuzzParse, an empty system
// or property parsed, and Format then wrote a file Parse rejected.
func TestParseRejectsEmptyRequiredValues(t *testing.T) {
	for _, key := range []string{"system", "property", "expect"} {
		text := "# distcheck counterexample v1\nsystem: raft\nproperty: P\nexpect: violated\nsteps:\n  Init\n"
		text = strings.Replace(text, key+": ", key+":", 1)
		text = strings.Replace(text, key+":"+map[string]string{"system": "raft", "property": "P", "expect": "violated"}[key], key+":", 1)
		_, err := Parse("f", strings.NewReader(text))
		assert.ErrorContains(t, err, key+": has no value", text)
	}
}
