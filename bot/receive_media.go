package bot

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
)

// maxInboundMedia bounds a downloaded attachment: what the bot can send
// on as a file anyway (openwechat v1.4.8 uploads at most 25 MiB without
// webwxcheckupload, which it never calls).
const maxInboundMedia = 25 << 20

// receiveMedia takes an image or file an admin sends in a private chat
// (an attachment for a 倡议 being drafted). Only admins' media is fetched:
// the bot downloads nothing from anyone else. The download runs on its own
// goroutine, never on the sync loop, and the message is offered once the
// file is on disk.
func (s *session) receiveMedia(m *openwechat.Message, offer func(chat.Message), at time.Time) {
	if s.mediaDir == "" || m.IsSendBySelf() || m.IsSendByGroup() || !(m.IsPicture() || m.HasAttachment()) {
		return
	}
	f, err := m.Sender()
	if err != nil {
		s.log.Warn("incoming media: sender unknown; dropped", "msg_id", m.MsgId, "err", redact(err))
		return
	}
	remark := cleanName(f.RemarkName)
	if !s.dir.isAdmin(remark) {
		return
	}
	msg := chat.Message{ID: m.MsgId, At: at, Sender: cleanName(f.NickName), Remark: remark, Media: "file"}
	name := m.FileName
	if m.IsPicture() {
		msg.Media, name = "image", m.MsgId+".jpg"
	}
	go func() {
		path, err := s.download(m, name)
		if err != nil {
			s.log.Warn("incoming media: download failed; dropped", "msg_id", m.MsgId, "err", redact(err))
			return
		}
		msg.File = path
		offer(msg)
	}()
}

// download saves a message's media under the session's media directory,
// mode 0600 (an attachment may be a roster), named by message id so a
// duplicated delivery overwrites rather than piles up.
func (s *session) download(m *openwechat.Message, name string) (string, error) {
	resp, err := m.GetFile()
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("download: HTTP %d", resp.StatusCode)
	}
	if err := os.MkdirAll(s.mediaDir, 0o700); err != nil {
		return "", err
	}
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if base == "." || base == "/" || base == "" {
		base = "attachment"
	}
	path := filepath.Join(s.mediaDir, m.MsgId+"-"+base)
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return "", err
	}
	n, err := io.Copy(out, io.LimitReader(resp.Body, maxInboundMedia+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > maxInboundMedia {
		err = fmt.Errorf("attachment over %d MiB", maxInboundMedia>>20)
	}
	if err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}
