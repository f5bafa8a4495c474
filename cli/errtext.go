package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"mobilize/models"
)

// userText is what the user reads of a command's error. Commands word
// their own refusals in Chinese; this catches what reaches the top from
// below — database faults, file errors and the store's sentinels — so no
// Go or SQLite internals
// (“open x: no such file or directory”, “campaign 99: not found”) show.
func userText(err error) string {
	var pe *fs.PathError
	if f, ok := models.FaultOf(err); ok {
		return f.Advice()
	}
	switch {
	case errors.As(err, &pe):
		return fmt.Sprintf("文件 %s %s", pe.Path, fileProblem(pe.Err))
	case errors.Is(err, models.ErrNotFound):
		return "要找的记录不存在"
	}
	return err.Error()
}

// fileProblem names what went wrong with a file, in words.
func fileProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有读写权限"
	case errors.Is(err, fs.ErrExist):
		return "已存在"
	case errors.Is(err, syscall.EISDIR):
		return "是目录，不是文件"
	case errors.Is(err, syscall.ENOTDIR):
		return "不是目录（或路径中有一段不是目录）"
	case errors.Is(err, syscall.EROFS):
		return "在只读文件系统上"
	case errors.Is(err, syscall.ENOSPC):
		return "所在磁盘已满"
	}
	return "无法读写（" + err.Error() + "）"
}

// campaignError words "no such campaign" for the number the user gave.
func campaignError(id int, err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return fmt.Errorf("没有编号为 %d 的倡议（mobilize campaign list 列出所有倡议）", id)
	}
	return err
}
