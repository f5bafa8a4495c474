package bot

import (
	"errors"
	"testing"

	"github.com/eatmoreapple/openwechat"

	"mobilize/chat"
)

func TestDirectoryRefusesSharedNames(t *testing.T) {
	d := newDirectory()
	d.load(openwechat.Members{
		{UserName: "@@g1", NickName: "志愿群"},
		{UserName: "@@g2", NickName: "志愿群"},
		{UserName: "@@g3", NickName: "救援群"},
	})
	if _, ok := d.resolve(chat.Target{Name: "志愿群", Group: true}); ok {
		t.Error("two groups named 志愿群: sending to either would be a guess")
	}
	if u, ok := d.resolve(chat.Target{Name: "救援群", Group: true}); !ok || u != "@@g3" {
		t.Errorf("unique group: %q %v", u, ok)
	}
}

// Admin traffic goes to a 备注 only: a friend who calls themselves
// 民政局值班员 gets nothing, the admin's message waits with
// chat.ErrNoAdminContact, and the admin is named as missing. A member's
// private reply still finds them by nickname.
func TestDirectoryReachesAdminsByRemarkOnly(t *testing.T) {
	d := newDirectory("民政局值班员", "区应急办")
	d.load(openwechat.Members{
		{UserName: "@impostor", NickName: "民政局值班员"},
		{UserName: "@real", NickName: "老王", RemarkName: "区应急办"},
		{UserName: "@member", NickName: "张三"},
	})
	admin := chat.Target{Name: "民政局值班员"}
	if u, ok := d.resolve(admin); ok {
		t.Fatalf("admin resolved to %q by nickname", u)
	}
	if err := d.unreachable(admin); !errors.Is(err, chat.ErrNoAdminContact) {
		t.Errorf("unreachable admin: %v", err)
	}
	if u, ok := d.resolve(chat.Target{Name: "区应急办"}); !ok || u != "@real" {
		t.Errorf("admin by remark: %q %v", u, ok)
	}
	if u, ok := d.resolve(chat.Target{Name: "张三"}); !ok || u != "@member" {
		t.Errorf("member by nickname: %q %v", u, ok)
	}
	if err := d.unreachable(chat.Target{Name: "李四"}); !errors.Is(err, chat.ErrUnknownChat) {
		t.Errorf("unknown member: %v", err)
	}
	if got := d.missingAdmins(); len(got) != 1 || got[0] != "民政局值班员" {
		t.Errorf("missing admins = %v", got)
	}
}

// TestDirectoryReadsAdminsLive: an admin added by a config reload is
// reached by remark only from that moment — a friend whose nickname is
// the new admin's name gets nothing — and an admin removed is no longer
// named as missing; no new login is needed.
func TestDirectoryReadsAdminsLive(t *testing.T) {
	admins := []string{"民政局值班员"}
	d := newLiveDirectory(func() []string { return admins })
	d.load(openwechat.Members{{UserName: "@impostor", NickName: "新值班员"}})
	if u, ok := d.resolve(chat.Target{Name: "新值班员"}); !ok || u != "@impostor" {
		t.Fatalf("before the reload the name is a member's: %q %v", u, ok)
	}
	admins = []string{"新值班员"}
	if u, ok := d.resolve(chat.Target{Name: "新值班员"}); ok {
		t.Errorf("a new admin resolved to %q by nickname", u)
	}
	if got := d.missingAdmins(); len(got) != 1 || got[0] != "新值班员" {
		t.Errorf("missing admins = %v", got)
	}
}
