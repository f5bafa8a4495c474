package web

import (
	"cmp"
	"fmt"
	"strings"

	"mobilize/broadcast"
	"mobilize/pii"
)

// groupsText returns how the 进度 page lists an organization's groups.
// With several accounts serving the groups each group names the account
// that sends (or sent) it the campaign — its delivery's rows' account, or,
// not yet sent to, its owner — as `broadcast status` does: 营养学会群（值班号2）.
// With one account (默认) nothing is added: a small bureau's page reads as
// before.
func groupsText(bc broadcast.Status) func(groups []string) string {
	if !bc.SeveralAccounts() {
		return func(groups []string) string { return pii.MaskJoin(groups, "、") }
	}
	senders := bc.Senders()
	return func(groups []string) string {
		parts := make([]string, len(groups))
		for i, g := range groups {
			parts[i] = fmt.Sprintf(ctxt.GroupAccount, pii.Mask(g), cmp.Or(senders[g], ctxt.NoSender))
		}
		return strings.Join(parts, "、")
	}
}
