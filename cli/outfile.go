package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mobilize/privfile"
	"mobilize/report"
)

// Messages for a refused --out; the user sees them as they are.
const (
	msgOutNotXLSX     = "输出文件 %s 应以 .xlsx 结尾"
	msgOutIsDatabase  = "输出文件 %s 是数据库文件本身（或其 -wal/-shm），不能覆盖"
	msgOutIsSymlink   = "输出文件 %s 是符号链接，为安全起见不写入；请给出真实路径"
	msgOutNotRegular  = "输出文件 %s 不是普通文件，不能覆盖"
	msgOutNotWorkbook = "输出文件 %s 已存在且不是 Excel 工作簿，不会覆盖；请换一个文件名"
	msgOutDir         = "输出目录不可写：%s"
)

// checkOut refuses an output path that would destroy something: a name
// without .xlsx, the database or its -wal/-shm (by resolved path and by
// file identity, so ./m.db, a hard link and a symlinked directory are all
// caught), a symlink (never followed), or an existing file that is not an
// Excel workbook. Only an existing workbook may be replaced.
func checkOut(out, database string) error {
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return fmt.Errorf(msgOutNotXLSX, out)
	}
	st, err := os.Lstat(out)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf(msgOutDir, out)
	}
	if exists && st.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf(msgOutIsSymlink, out)
	}
	if database != ":memory:" && database != "" {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if sameFile(out, database+suffix) {
				return fmt.Errorf(msgOutIsDatabase, out)
			}
		}
	}
	if !exists {
		return nil
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf(msgOutNotRegular, out)
	}
	if !report.IsWorkbook(out) {
		return fmt.Errorf(msgOutNotWorkbook, out)
	}
	return nil
}

// sameFile reports whether paths a and b name one file: the same inode when
// both exist, or the same fully resolved path when either does not yet.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil && os.SameFile(sa, sb) {
		return true
	}
	ra, okA := resolve(a)
	rb, okB := resolve(b)
	return okA && okB && ra == rb
}

// resolve is path made absolute with every symlink in it resolved; for a
// path that does not exist, its directory is resolved and the name kept.
func resolve(p string) (string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r, true
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", false
	}
	return filepath.Join(dir, filepath.Base(abs)), true
}

// writePrivate writes a file holding personal data through privfile (0600,
// temporary file, synced, renamed), so a failed export never leaves half a
// file. The caller has run checkOut.
func writePrivate(out string, write func(io.Writer) error) error {
	err := privfile.Write(out, ".mobilize-export-*.tmp", write)
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Op == "createtemp" {
		return fmt.Errorf(msgOutDir, filepath.Dir(out))
	}
	return err
}
