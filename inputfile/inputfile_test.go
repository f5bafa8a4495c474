package inputfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFileBounds(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "body.txt")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 1024), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(p, 1024); err != nil || len(data) != 1024 {
		t.Fatalf("exactly the limit: %d bytes, %v", len(data), err)
	}
	_, err := ReadFile(p, 1023)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "太大") {
		t.Fatalf("over the limit: %v", err)
	}
}

// TestDevZeroRefused: /dev/zero reads forever; it must be refused at once.
func TestDevZeroRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := ReadFile("/dev/zero", 1<<20)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "不是普通文件") {
		t.Fatalf("/dev/zero: %v", err)
	}
}

// TestFIFORefused: opening a FIFO with no writer blocks forever (and the
// blocked open ignores signals); it must be refused without blocking.
func TestFIFORefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(p, 1<<20); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Fatalf("FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO blocked")
	}
}

func TestLimitStreams(t *testing.T) {
	r := Limit(strings.NewReader(strings.Repeat("a", 100)), "x.csv", 99)
	_, err := io.ReadAll(r)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("stream over the limit: %v", err)
	}
	data, err := io.ReadAll(Limit(strings.NewReader(strings.Repeat("a", 99)), "x.csv", 99))
	if err != nil || len(data) != 99 {
		t.Fatalf("stream at the limit: %d %v", len(data), err)
	}
}
