package wxfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// The wire types below carry the fields openwechat v1.4.8 reads (entity.go,
// user.go, message.go) under the real servers' field names.

type baseRequest struct {
	Uin      int64
	Sid      string
	Skey     string
	DeviceID string
}

type baseResponse struct {
	Ret    int
	ErrMsg string
}

type keyVal struct{ Key, Val int64 }

type syncKey struct {
	Count int
	List  []keyVal
}

// newSyncKey makes a SyncKey whose key 1 carries seq, the position in the
// account's message log; the other keys are there because real ones are.
func newSyncKey(seq int64) syncKey {
	return syncKey{Count: 4, List: []keyVal{{1, seq}, {2, seq}, {3, 0}, {1000, 1700000000}}}
}

// seq returns the message-log position in k (key 1), 0 if absent.
func (k syncKey) seq() int64 {
	for _, kv := range k.List {
		if kv.Key == 1 {
			return kv.Val
		}
	}
	return 0
}

// parseSyncKeyParam reads synccheck's "1_5|2_5|3_0" form.
func parseSyncKeyParam(v string) int64 {
	for _, part := range strings.Split(v, "|") {
		k, val, ok := strings.Cut(part, "_")
		if ok && k == "1" {
			n, err := strconv.ParseInt(val, 10, 64)
			if err == nil {
				return n
			}
		}
	}
	return 0
}

type wireUser struct {
	Uin             int64
	UserName        string
	NickName        string
	HeadImgUrl      string
	ContactFlag     int
	MemberCount     int
	MemberList      []wireUser
	RemarkName      string
	Sex             int
	Signature       string
	VerifyFlag      int
	DisplayName     string
	EncryChatRoomId string
	AttrStatus      int64
	KeyWord         string
	OwnerUin        int
	IsOwner         int
}

type recommendInfo struct {
	UserName, NickName, Content, Ticket, Alias string
	QQNum                                      int64
	AttrStatus                                 int64
	Province, City, Signature                  string
	Scene, VerifyFlag, OpCode, Sex             int
}

type appInfo struct {
	AppID string
	Type  int
}

type wireMsg struct {
	MsgId                string
	NewMsgId             int64
	FromUserName         string
	ToUserName           string
	MsgType              int
	Content              string
	Status               int
	ImgStatus            int
	CreateTime           int64
	VoiceLength          int
	PlayLength           int
	FileName             string
	FileSize             string
	MediaId              string
	Url                  string
	AppMsgType           int
	StatusNotifyCode     int
	StatusNotifyUserName string
	RecommendInfo        recommendInfo
	ForwardFlag          int
	AppInfo              appInfo
	HasProductId         int
	Ticket               string
	ImgHeight            int
	ImgWidth             int
	SubMsgType           int
	OriContent           string
	EncryFileName        string
}

// sendMsg is the Msg of a send request (openwechat.SendMessage).
type sendMsg struct {
	Type         int
	Content      string
	FromUserName string
	ToUserName   string
	LocalID      string
	ClientMsgId  string
	MediaId      string
}

// writeJSON answers like the real servers: JSON without HTML escaping.
func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// writeBase answers with only a BaseResponse, which is what openwechat's
// MessageResponseParser.Err reads.
func writeBase(w http.ResponseWriter, ret int, msg string) {
	writeJSON(w, struct{ BaseResponse baseResponse }{baseResponse{Ret: ret, ErrMsg: msg}})
}

// writeJS answers the login and synccheck endpoints, which return
// JavaScript that the client matches with regular expressions.
func writeJS(w http.ResponseWriter, format string, args ...any) {
	w.Header().Set("Content-Type", "text/javascript")
	_, _ = fmt.Fprintf(w, format, args...)
}

// decodeBody reads a JSON request body into v.
func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// retOf turns a synccheck retcode into the Ret of a JSON answer.
func retOf(code string) int {
	n, err := strconv.Atoi(code)
	if err != nil {
		return 1101
	}
	return n
}
