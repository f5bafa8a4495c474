package privfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tempPatterns are the names of the temporary files Write is given for
// files full of phones (the bot's 导出, mobilize export): one left behind
// by a kill holds as much as the finished file.
var tempPatterns = []string{".export-*.xlsx", ".mobilize-export-*.tmp"}

// stale is how long a temporary file must have gone unmodified to be taken
// for one left by a kill: a file being written is flushed every 64 KiB.
const stale = 10 * time.Minute

// Sweep removes from dir the temporary files of interrupted writes and the
// workbooks (mobilize-*.xlsx) older than keep, so nothing full of phones
// outlives its use; it reports how many it removed. keep 0 removes
// temporary files only. A missing dir holds nothing.
func Sweep(dir string, keep time.Duration, now time.Time) (int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	removed := 0
	var errs []error
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		age := now.Sub(info.ModTime())
		if !(isTemp(e.Name()) && age > stale || keep > 0 && isWorkbook(e.Name()) && age > keep) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed++
	}
	return removed, errors.Join(errs...)
}

// isTemp reports a temporary file of Write for personal data.
func isTemp(name string) bool {
	for _, p := range tempPatterns {
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
	}
	return false
}

// isWorkbook reports a workbook the bot or the CLI wrote.
func isWorkbook(name string) bool {
	return strings.HasPrefix(name, "mobilize-") && strings.HasSuffix(name, ".xlsx")
}

// Within reports whether path lies in dir (the exports directory): only
// such files are the bot's own to delete once sent.
func Within(path, dir string) bool {
	if dir == "" || path == "" {
		return false
	}
	rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(path))
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}
