// Package privfile writes files that hold secrets or personal data (the
// WeChat session, workbooks with full phone numbers) the one safe way: a
// temporary file made 0600 whatever the umask, in the target's directory
// (made 0700 if missing), written, flushed to disk, then renamed over the
// target. A crash or a failed write leaves the old file or none, never half
// a file, and the result is never readable by other users.
package privfile

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// Write writes path through write. pattern names the temporary file (see
// os.CreateTemp); a leading dot keeps it out of sight.
func Write(path, pattern string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(w); err != nil {
		return err
	}
	if err = w.Flush(); err != nil {
		return err
	}
	// The data must reach the disk before the rename that names it can.
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable; failing to is not worth failing the
// write over (the file is complete either way).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Scratch creates a private temporary file (0600 whatever the umask) in the
// system's temporary directory and unlinks it at once where the system
// allows: the open handle keeps its content, and the personal data it
// holds is gone with the process however the process ends. removed says
// whether it was unlinked; if not, the caller removes f.Name() when done.
func Scratch(pattern string) (f *os.File, removed bool, err error) {
	f, err = os.CreateTemp("", pattern)
	if err != nil {
		return nil, false, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, false, err
	}
	return f, os.Remove(f.Name()) == nil, nil
}
