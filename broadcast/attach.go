package broadcast

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// WeChat's limits on what the web protocol sends. Files: openwechat v1.4.8
// uploads anything in 512 KiB chunks, but the web protocol wants files over
// 25 MiB announced through webwxcheckupload first, which the library never
// calls (global.go needCheckSize) — so 25 MiB is the most it can send.
// Images: 10 MiB, a conservative choice (larger photos are better sent as a
// file).
const (
	MaxImageBytes = 10 << 20
	MaxFileBytes  = 25 << 20
)

// imageExts are the image formats WeChat shows inline.
var imageExts = []string{".jpg", ".jpeg", ".png", ".gif"}

// checkAttachment checks that path is a readable, non-empty regular file
// within WeChat's limit for its media, and an image format for images; and
// that it is none of the files full of phones (attach_guard.go).
func checkAttachment(media, path string) error {
	label, limit := txtFile, int64(MaxFileBytes)
	if media == MediaImage {
		label, limit = txtImage, MaxImageBytes
		if !slices.Contains(imageExts, strings.ToLower(filepath.Ext(path))) {
			return &Error{fmt.Sprintf(txtImageFormat, path)}
		}
	}
	switch refusedKind(path) {
	case "link":
		return &Error{fmt.Sprintf(txtAttachLink, label, path)}
	case "database":
		return &Error{fmt.Sprintf(txtAttachDatabase, label, path)}
	case "workbook":
		return &Error{fmt.Sprintf(txtAttachWorkbook, label, path)}
	}
	st, err := os.Stat(path)
	if err != nil {
		return &Error{fmt.Sprintf(txtAttachMissing, label, path)}
	}
	if !st.Mode().IsRegular() {
		return &Error{fmt.Sprintf(txtAttachDir, label, path)}
	}
	if st.Size() == 0 {
		return &Error{fmt.Sprintf(txtAttachEmpty, label, path)}
	}
	if st.Size() > limit {
		return &Error{fmt.Sprintf(txtAttachTooBig, label, path, float64(st.Size())/(1<<20), limit>>20)}
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{fmt.Sprintf(txtAttachMissing, label, path)}
	}
	return f.Close()
}
