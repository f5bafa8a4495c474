// Package inputfile opens the files an operator hands the program (the
// configuration, a broadcast body, an organizations CSV) with a bound on
// what is read. A path can name /dev/zero, which reads forever, or a FIFO,
// whose open blocks until a writer appears and in the meantime ignores
// SIGINT and SIGTERM: both are refused before anything is read, and a
// regular file larger than the caller's limit is refused instead of being
// read into memory. It imports nothing of the project and must stay a leaf.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// ErrNotRegular means the path names a FIFO, a device, a socket or a
// directory rather than a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge means the file holds more than the caller's limit.
var ErrTooLarge = errors.New("file too large")

// Error is a refusal of one file, worded for the operator (Chinese) by
// Error and matched by errors.Is against ErrNotRegular or ErrTooLarge.
type Error struct {
	Path  string
	Limit int64 // the byte limit, for ErrTooLarge
	Dir   bool  // the path is a directory, for ErrNotRegular
	Err   error
}

// Error words the refusal in Chinese, naming the file and the limit.
func (e *Error) Error() string {
	if errors.Is(e.Err, ErrTooLarge) {
		return fmt.Sprintf(txtTooLarge, e.Path, sizeText(e.Limit))
	}
	if e.Dir {
		return fmt.Sprintf(txtDir, e.Path)
	}
	return fmt.Sprintf(txtNotRegular, e.Path)
}

// Unwrap lets errors.Is match the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Open opens path for reading if it is a regular file. The open itself is
// non-blocking, so a FIFO put in place between the check and the open
// cannot hang the process; the opened descriptor is checked again.
func Open(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Path: path, Dir: st.IsDir(), Err: ErrNotRegular}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, err
		}
		return nil, &Error{Path: path, Err: ErrNotRegular}
	}
	return f, nil
}

// ReadFile reads the regular file at path whole, refusing one over limit
// bytes. The size is checked on the open file and the read is bounded as
// well, so a file that grows meanwhile is refused too.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > limit {
		return nil, &Error{Path: path, Limit: limit, Err: ErrTooLarge}
	}
	data, err := io.ReadAll(Limit(f, path, limit))
	if err != nil {
		return nil, err
	}
	return data, nil
}

// Limit returns a reader of r that fails with an *Error (ErrTooLarge)
// once more than limit bytes have come from it, for callers that stream.
func Limit(r io.Reader, path string, limit int64) io.Reader {
	return &limited{r: r, path: path, limit: limit, left: limit}
}

type limited struct {
	r     io.Reader
	path  string
	limit int64
	left  int64
}

// Read passes reads through until the limit; a byte beyond it is an error,
// so a file of exactly limit bytes is accepted.
func (l *limited) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, &Error{Path: l.path, Limit: l.limit, Err: ErrTooLarge}
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n - int(-l.left), &Error{Path: l.path, Limit: l.limit, Err: ErrTooLarge}
	}
	return n, err
}

// sizeText is a limit in the unit operators think in.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
