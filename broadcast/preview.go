package broadcast

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"mobilize/pii"
)

// PreviewGroups lists the groups the plan reaches, one per line with its
// organization, and says how many already had it.
func PreviewGroups(p Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, txtPreviewGroups, p.New())
	if n := len(p.Groups) - p.New(); n > 0 {
		fmt.Fprintf(&b, txtPreviewAlready, n)
	}
	for _, g := range p.Groups {
		mark := ""
		if p.Already[g.GroupID] {
			mark = " ✓"
		}
		// A group may be named with a phone: the preview (console, terminal)
		// shows it masked.
		fmt.Fprintf(&b, "\n  %s（%s）%s", pii.Mask(g.Group), pii.Mask(g.Org), mark)
	}
	return b.String()
}

// PreviewMessages renders exactly what one group receives, message by
// message.
func PreviewMessages(msgs []Message) string {
	var b strings.Builder
	for i, m := range msgs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, txtPreviewMsg+"\n", i+1, mediaLabel(m))
		if m.Media == MediaText {
			b.WriteString(m.Text + "\n")
		}
	}
	return b.String()
}

func mediaLabel(m Message) string {
	switch m.Media {
	case MediaImage:
		return fmt.Sprintf(txtKindImage, filepath.Base(m.Path), fileSize(m.Path))
	case MediaFile:
		return fmt.Sprintf(txtKindFile, filepath.Base(m.Path), fileSize(m.Path))
	}
	return txtKindText
}

// fileSize is a file's size as staff read it (35 KB, 1.2 MB), so the
// preview shows which file goes, not only its name.
func fileSize(path string) string {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return "?"
	case st.Size() < 1<<20:
		return fmt.Sprintf("%d KB", (st.Size()+1023)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(st.Size())/(1<<20))
}
