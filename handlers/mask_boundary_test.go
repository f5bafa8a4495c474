package handlers

import (
	"context"
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

// TestNicknameWithAPhoneIsStoredMasked: the sender's name is stored
// masked on the registration, and the same member can still cancel by it.
func TestNicknameWithAPhoneIsStoredMasked(t *testing.T) {
	h := newHarness(t)
	c := h.campaign("抗疫", 3, 3)
	contains(t, h.reply("群A", "孙八13800138005", "报名 先锋 孙八 13900139005"), "报名成功")
	regs, err := h.store.Roster(context.Background(), c.ID)
	if err != nil || len(regs) != 1 {
		t.Fatalf("roster %d rows, %v", len(regs), err)
	}
	if strings.Contains(regs[0].Sender, "13800138005") {
		t.Fatalf("registration sender stored whole: %q", regs[0].Sender)
	}
	contains(t, h.reply("群A", "孙八13800138005", "取消报名"), "已取消")
}
