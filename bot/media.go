package bot

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
)

// sendMedia uploads the file at path and sends it to a chat of this
// session, as an image or as a file. It does the two steps itself rather
// than through the library's WebWxSendImageMsg / WebWxSendFile so that a
// failure is judged by the step it happened in: an upload never delivers
// anything and is safe to retry, while a send request that was written may
// have been delivered.
func (s *session) sendMedia(ctx context.Context, to chat.Target, path string, image bool) (string, error) {
	userName, ok := s.dir.resolve(to)
	if !ok {
		return "", s.dir.unreachable(to)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%w: %v", chat.ErrNoFile, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("%w: %v", chat.ErrNoFile, err)
	}
	up, err := s.bot.Caller.UploadMedia(ctx, f, &openwechat.CallerUploadMediaOptions{
		FromUserName: s.selfUserName, ToUserName: userName, BaseRequest: s.req, LoginInfo: s.info,
	})
	if err != nil {
		return "", uploadError(err)
	}
	sendCtx, wrote := traceWrite(ctx)
	var id string
	if image {
		id, err = s.postImage(sendCtx, userName, up.MediaId)
	} else {
		id, err = s.postFile(sendCtx, userName, up.MediaId, st)
	}
	if err != nil {
		return "", sendError(err, wrote.Load())
	}
	return id, nil
}

// uploadError: a refused or failed upload delivered nothing. A Ret keeps
// its meaning (too frequent, session ended); anything else is a refusal
// that counts against the row's attempts, so a file WeChat will not take
// fails after a few tries instead of looping.
func uploadError(err error) error {
	var ret openwechat.Ret
	if errors.As(err, &ret) {
		return refused(int(ret))
	}
	return fmt.Errorf("upload: %v: %w", err, &chat.RefusedError{Code: -1})
}

// postImage sends an uploaded image (Type 3).
func (s *session) postImage(ctx context.Context, userName, mediaID string) (string, error) {
	msg := openwechat.NewMediaSendMessage(openwechat.MsgTypeImage, s.selfUserName, userName, mediaID)
	resp, err := s.bot.Caller.Client.WebWxSendMsgImg(ctx, &openwechat.ClientWebWxSendMsgOptions{
		BaseRequest: s.req, LoginInfo: s.info, Message: msg,
	})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	parser := openwechat.MessageResponseParser{Reader: resp.Body}
	return parser.MsgID()
}

// postFile sends an uploaded file as an app message (Type 6), with the
// attachment XML WeChat's web client sends.
func (s *session) postFile(ctx context.Context, userName, mediaID string, st os.FileInfo) (string, error) {
	content, err := fileAppMessage(st.Name(), st.Size(), mediaID)
	if err != nil {
		return "", err
	}
	msg := openwechat.NewSendMessage(openwechat.AppMessage, content, s.selfUserName, userName, "")
	sent, err := s.bot.Caller.WebWxSendAppMsg(ctx, msg, s.req)
	if err != nil {
		return "", err
	}
	return sent.MsgId, nil
}

// fileAppID is the app id WeChat's web client puts on file messages.
const fileAppID = "wxeb7ec651dd0aefa9"

// appMsg is the XML body of a file message.
type appMsg struct {
	XMLName   xml.Name `xml:"appmsg"`
	AppID     string   `xml:"appid,attr"`
	SDKVer    string   `xml:"sdkver,attr"`
	Title     string   `xml:"title"`
	Des       string   `xml:"des"`
	Action    string   `xml:"action"`
	Type      int      `xml:"type"`
	Content   string   `xml:"content"`
	URL       string   `xml:"url"`
	LowURL    string   `xml:"lowurl"`
	ExtInfo   string   `xml:"extinfo"`
	AppAttach struct {
		TotalLen int64  `xml:"totallen"`
		AttachID string `xml:"attachid"`
		FileExt  string `xml:"fileext"`
	} `xml:"appattach"`
}

// fileAppMessage renders the XML of a file message for an uploaded file.
func fileAppMessage(name string, size int64, mediaID string) (string, error) {
	m := appMsg{AppID: fileAppID, Title: name, Type: 6}
	m.AppAttach.TotalLen, m.AppAttach.AttachID = size, mediaID
	m.AppAttach.FileExt = strings.TrimPrefix(filepath.Ext(name), ".")
	if m.AppAttach.FileExt == "" {
		m.AppAttach.FileExt = "undefined"
	}
	b, err := xml.Marshal(m)
	return string(b), err
}
