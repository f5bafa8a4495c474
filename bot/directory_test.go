package bot

import (
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
