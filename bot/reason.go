package bot

import "fmt"

// Synccheck retcodes that end a web session.
const (
	retLoggedOut = 1100
	retElsewhere = 1101
	retRejected  = 1102
	// retTooFrequent is WeChat's answer to sending too fast.
	retTooFrequent = 1205
	// retLoginEnv refuses web login for this account (登录环境异常).
	retLoginEnv = 1203
)

// reasonWordsZh says in a few words, for the admins' message, why a
// session ended.
func reasonWordsZh(code int) string {
	if w, ok := endReasons[code]; ok {
		return w
	}
	if code == 0 {
		return "同步中断"
	}
	return fmt.Sprintf("微信返回 %d", code)
}
