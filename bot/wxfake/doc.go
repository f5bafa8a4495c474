// Package wxfake is a fake of the WeChat web ("wx.qq.com") servers, served on
// loopback, that the real github.com/eatmoreapple/openwechat v1.4.8 client can
// log in to, sync with, receive messages from and send text, images and files
// through.
//
// Tests must never touch the network or need a phone to scan a QR code, yet
// the bot's riskiest code is its use of openwechat: per-session UserNames,
// de-duplication, the mangled group Content, Ret 1205, sessions that end,
// hot login and transport retries. A fake at the HTTP level lets tests drive
// the unmodified library through all of it.
//
// Point a bot at the fake by replacing the transport of the library's HTTP
// client:
//
//	srv := wxfake.New(wxfake.WithGroups(...))
//	srv.Start()
//	defer srv.Close()
//	bot := openwechat.DefaultBot(openwechat.Desktop)
//	bot.UUIDCallback = func(string) {} // the default opens a browser
//	bot.Caller.Client.HTTPClient().Transport = srv.Transport()
//
// The transport sends every request to the loopback server and keeps the
// original host (login.wx.qq.com, wx.qq.com, file.wx.qq.com,
// webpush.wx.qq.com, ...) in the Host header; the fake routes on it. The
// cookie jar still sees the original https URLs, so cookie domains behave as
// they do against the real servers.
//
// Stop a bot by cancelling the context given with
// openwechat.WithContextOption, and wait for its end with
// <-bot.Context().Done() and bot.CrashReason(): in openwechat v1.4.8 Block,
// Exit and Logout touch Bot.self without synchronisation while the sync
// goroutine uses it, which -race reports. A bot whose session ended cannot
// log in again (its context is cancelled); make a new one.
//
// Several bot accounts in overlapping groups are a World (world.go): one
// Server per account, each with its own listener and logins, sharing the
// groups and their members; a member's message reaches every account in
// the group, each with its own MsgId unless WithSharedMsgIDs, and an
// account's message to a group reaches the other accounts in it.
//
// The fake answers the exchanges listed in docs/wechat-protocol.md, as
// the library sends and parses them. Where the real servers' behaviour is not
// known (for example the Ret for a send to an unknown UserName) the fake picks
// a plausible answer and the doc comment says so.
package wxfake
