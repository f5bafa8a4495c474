package handlers

import (
	"strings"
	"testing"
)

// TestRepliesNeverCarryAPhoneFromAGroupName: a group named with a phone
// (groups are named by members) is echoed in thank-you replies; whatever
// the replier is, the router hands it masked text.
func TestRepliesNeverCarryAPhoneFromAGroupName(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 3, 3)
	for _, group := range []string{"群A 13800138007", "群C 139 0000 0001", "王五１３７００１３７０００的群"} {
		got := h.reply(group, "路人", "捐赠 口罩 5个")
		flat := strings.NewReplacer(" ", "", "１", "1", "３", "3", "７", "7", "０", "0").Replace(got)
		for _, phone := range []string{"13800138007", "13900000001", "13700137000"} {
			if strings.Contains(flat, phone) {
				t.Errorf("group %q: reply carries %s: %q", group, phone, got)
			}
		}
		if !strings.Contains(got, "****") {
			t.Errorf("group %q: reply %q shows no masked group name", group, got)
		}
	}
}
