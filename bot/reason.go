package bot

import "fmt"

// Synccheck retcodes that end a web session.
const (
	retLoggedOut = 1100
	retElsewhere = 1101
	retRejected  = 1102
	// retTooFrequent is WeChat's answer to sending too fast.
	retTooFrequent = 1205
)

// reasonWords says in words, for the log, why a session ended.
func reasonWords(code int) string {
	switch code {
	case retLoggedOut:
		return "logged out on the phone"
	case retElsewhere:
		return "logged in elsewhere or session expired"
	case retRejected:
		return "session rejected by the servers (cookie invalid; possibly a ban)"
	case 0:
		return "sync loop stopped"
	}
	return fmt.Sprintf("WeChat answered retcode %d", code)
}

// reasonWordsZh says the same for the admins.
func reasonWordsZh(code int) string {
	if w, ok := endReasons[code]; ok {
		return w
	}
	if code == 0 {
		return "同步中断"
	}
	return fmt.Sprintf("微信返回 %d", code)
}
