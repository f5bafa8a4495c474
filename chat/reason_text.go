package chat

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"mobilize/models"
)

// InterruptedReason is the last error of a row its process left
// "sending" (Recover): WeChat may have delivered it.
const InterruptedReason = "interrupted mid-send; may or may not have been delivered; not resent"

// reasonWords are the Chinese, for staff, of the error texts the sender
// and the store keep on an outbox row. The row keeps the English (what
// the logs say, and what rows written by earlier versions hold); every
// view a person reads words it with ReasonText.
// A stored text that contains one of them (an adapter may wrap the
// sentinel with more words) is worded by it.
var reasonWords = []struct{ stored, words string }{
	{ErrOffline.Error(), "账号未登录，登录后自动发送"},
	{ErrUnknownChat.Error(), "本次登录找不到这个群（未保存到通讯录的群，要等群里有人发言后才找得到），稍后自动重试"},
	{ErrNoAdminContact.Error(), "通讯录里没有备注为这位管理员的联系人，设好备注后自动发送"},
	{ErrUnreachable.Error(), "连不上微信服务器，稍后自动重试"},
	{ErrNoFile.Error(), "附件文件不见了或读不出，无法发送"},
	{models.WithdrawnReason, "发出前倡议已关闭，已撤回，没有发送"},
	{models.AdminRemovedReason, "发出前收件人已不是管理员，已撤回，没有发送"},
	{InterruptedReason, "发送到一半程序停止，可能已发出也可能没有，不会重发，请到群里确认"},
	{models.OrphanReason, "发送到一半其账号已从配置中删除，可能已发出也可能没有，不会重发，请到群里确认"},
}

// refusedText matches RefusedError's words.
var refusedText = regexp.MustCompile(`send refused(: too frequent|: session ended)? \(code (-?\d+)\)`)

// ReasonText words a row's stored error in Chinese. An error of no known
// kind (a network failure in the client's own words) is said to be one,
// without the English: the log has it in full.
func ReasonText(stored string) string {
	if stored == "" {
		return ""
	}
	for _, r := range reasonWords {
		if strings.Contains(stored, r.stored) {
			return r.words
		}
	}
	if m := refusedText.FindStringSubmatch(stored); m != nil {
		code, _ := strconv.Atoi(m[2])
		switch m[1] {
		case ": too frequent":
			return fmt.Sprintf("微信提示操作过于频繁（%d），本账号暂停一会儿后自动重试", code)
		case ": session ended":
			return fmt.Sprintf("微信登录已失效（%d），重新登录后自动发送", code)
		}
		return fmt.Sprintf("微信拒绝发送（错误码 %d）", code)
	}
	return "没有收到微信的明确答复（网络中断或超时等，详见日志）"
}
