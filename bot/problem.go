package bot

import (
	"errors"
	"strings"

	"github.com/eatmoreapple/openwechat"
)

// A login or session problem is told to the operator as one Chinese line
// that says what happened and what to do (text.go, problemLines). The raw
// error, full of Go internals and URLs, goes to the debug log only.

// problemNetwork and problemUnknown are the keys of the two problems that
// have no WeChat retcode.
const (
	problemNetwork = -1
	problemUnknown = -2
)

// loginProblemCode names the problem behind a failed login: a WeChat
// retcode (1100, 1101, 1102, 1203, 1205), problemNetwork when the servers
// could not be reached, problemUnknown otherwise.
func loginProblemCode(err error) int {
	var ret openwechat.Ret
	switch {
	case errors.As(err, &ret):
		return int(ret)
	case errors.Is(err, openwechat.ErrForbidden), isLoginEnvRefusal(err):
		return retLoginEnv
	case openwechat.IsNetworkError(err):
		return problemNetwork
	}
	return problemUnknown
}

// isLoginEnvRefusal: webwxnewloginpage's non-zero ret reaches us as its
// message only (openwechat's LoginInfo.Err), and 1203's message is the
// one that says web login is refused for this account.
func isLoginEnvRefusal(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "登录环境异常") || strings.Contains(msg, "不能登录web微信")
}

// loginProblem is the operator's line for a failed login.
func loginProblem(err error) string { return problemLine(loginProblemCode(err)) }

// problemLine is the operator's line for a problem code (a retcode that
// ended a session, or one of loginProblemCode's).
func problemLine(code int) string {
	if line, ok := problemLines[code]; ok {
		return line
	}
	return problemLines[problemUnknown]
}
