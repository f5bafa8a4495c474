package broadcast

import (
	"fmt"
	"slices"
	"strings"
)

// accountsDetail is the audit record's account part: with several
// configured accounts, how many of the groups queued each account was
// given (值班号1 40 个群、值班号2 35 个群), in the configuration's order,
// accounts no longer configured after them, and the groups no account
// serves yet last. Staff reading the log later can tell which account a
// broadcast's load fell on. With one account it says nothing: everything
// is that account's.
func accountsDetail(configured []string, perAccount map[string]int) string {
	if len(configured) < 2 || len(perAccount) == 0 {
		return ""
	}
	var parts []string
	for _, a := range accountOrder(configured, perAccount) {
		if a == "" {
			parts = append(parts, fmt.Sprintf(txtAuditNoAccount, perAccount[a]))
			continue
		}
		parts = append(parts, fmt.Sprintf(txtAuditAccount, a, perAccount[a]))
	}
	return fmt.Sprintf(txtAuditAccounts, strings.Join(parts, "、"))
}

// accountOrder lists the accounts perAccount counts: the configured ones
// first, in order, then any other by name, "" last.
func accountOrder(configured []string, perAccount map[string]int) []string {
	var out, rest []string
	for _, a := range configured {
		if perAccount[a] > 0 {
			out = append(out, a)
		}
	}
	for a, n := range perAccount {
		if n > 0 && a != "" && !slices.Contains(configured, a) {
			rest = append(rest, a)
		}
	}
	slices.Sort(rest)
	out = append(out, rest...)
	if perAccount[""] > 0 {
		out = append(out, "")
	}
	return out
}
