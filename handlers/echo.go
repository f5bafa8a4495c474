package handlers

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"mobilize/grammar"
	"mobilize/pii"
)

// Bounds on what the bot sends back: a member's text is echoed only masked
// and cut short, and no reply is longer than one WeChat message.

// maxEcho is how much of a member's line a reply repeats (in characters):
// enough to find the line, too little to carry anything else.
const maxEcho = 24

// maxReplyRunes is the longest reply, in characters. WeChat documents no
// limit on a text message; the lowest figure cited is 2,000 characters, and
// a phone screen shows a few hundred, so a reply longer than this is cut at
// a line and says how many lines were left out.
const maxReplyRunes = 2000

// echo is a member's text as a reply may repeat it: every phone number
// masked, at most maxEcho characters.
func echo(s string) string {
	s = pii.MaskPhones(s)
	if utf8.RuneCountInString(s) <= maxEcho {
		return s
	}
	r := []rune(s)
	return string(r[:maxEcho-1]) + txtEllipsis
}

// fitMessage cuts text to maxReplyRunes at a line boundary, ending it with
// how many lines were left out. A single line too long on its own is cut
// inside.
func fitMessage(text string) string {
	if utf8.RuneCountInString(text) <= maxReplyRunes {
		return text
	}
	lines := strings.Split(text, "\n")
	budget := maxReplyRunes - utf8.RuneCountInString(fmt.Sprintf(txtCut, len(lines))) - 1
	var kept []string
	used := 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l) + 1
		if used+n > budget {
			break
		}
		kept, used = append(kept, l), used+n
	}
	if len(kept) == 0 {
		kept = []string{string([]rune(lines[0])[:budget])}
	}
	return strings.Join(kept, "\n") + "\n" + fmt.Sprintf(txtCut, len(lines)-len(kept))
}

// senderLabel names the sender in a reply: the nickname when it passes for
// a name, else nothing (您).
func (c *Context) senderLabel() string {
	if n, ok := grammar.NicknameAsName(c.Msg.Sender, c.vocab); ok {
		return n + " "
	}
	return txtYou
}
