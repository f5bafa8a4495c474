package bot

import (
	"html"
	"strings"
)

// groupSenderSep separates the sender's UserName from the text in a group
// message's raw content: "@abc…:<br/>text".
const groupSenderSep = ":<br/>"

// plainText turns a message's raw content into the text the sender typed.
// openwechat's Content deletes every ":<br/>" in a group message ("报名:\n张三"
// arrives as "报名张三"), so the bot reads RawContent: only the leading
// "@sender:<br/>" is removed, line breaks become "\n" and HTML entities are
// unescaped.
func plainText(raw string, fromGroupMember bool) string {
	if fromGroupMember && strings.HasPrefix(raw, "@") {
		if i := strings.Index(raw, groupSenderSep); i > 0 {
			raw = raw[i+len(groupSenderSep):]
		}
	}
	raw = strings.NewReplacer("<br/>", "\n", "<br />", "\n", "<br>", "\n").Replace(raw)
	return html.UnescapeString(raw)
}
