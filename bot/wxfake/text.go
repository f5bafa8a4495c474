package wxfake

// Every Chinese string the fake sends lives here, so that the wording can be
// checked against the real servers in one place.
const (
	// textLoginEnv is the message of ret 1203 on webwxnewloginpage, as the
	// real servers word it.
	textLoginEnv = "当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。你可以通过Windows微信、Mac微信或者手机客户端微信登录。"
	// textFileHelper is the NickName of the file transfer helper.
	textFileHelper = "文件传输助手"
	// textDefaultSelf is the account's NickName unless WithSelf sets one.
	textDefaultSelf = "机器人"
)
