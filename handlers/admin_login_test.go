package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/models"
	"mobilize/web"
)

func TestLoginGivesAdminsAOneTimeConsoleLink(t *testing.T) {
	h := newHarness(t)
	h.router = New(Deps{Store: h.store, Config: h.cfg, Reply: h.rec, Now: h.store.Now,
		LoginLink: func(ctx context.Context, admin string) (string, error) {
			return web.NewLoginLink(ctx, h.store, h.cfg.Web, admin)
		}})
	admin := chat.Message{ID: "l1", Sender: "老王", Remark: "民政局值班员", Text: " 登录 ", At: testNow}
	out := h.sayMsg(admin)
	if len(out) != 1 || out[0].to.Name != "民政局值班员" || out[0].to.Group ||
		!strings.Contains(out[0].text, "http://127.0.0.1:8080/admin/login/") {
		t.Fatalf("admin's 登录: %+v", out)
	}
	token := out[0].text[strings.LastIndex(out[0].text, "/")+1:]
	if _, who, err := h.store.UseLoginLink(context.Background(), token, time.Hour, models.SessionDevice{}); err != nil || who != "民政局值班员" {
		t.Errorf("the link does not log in: %q %v", who, err)
	}
	if again := h.sayMsg(admin); len(again) != 0 {
		t.Errorf("a duplicate delivery minted another link: %+v", again)
	}
	for _, m := range []chat.Message{
		{ID: "l2", Sender: "民政局值班员", Text: "登录"},                                 // a nickname is not a remark
		{ID: "l3", Sender: "老王", Remark: "张三", Text: "登录"},                       // not an admin
		{ID: "l4", Group: "营养学会志愿群", Sender: "老王", Remark: "民政局值班员", Text: "登录"}, // a group
		{ID: "l5", Sender: "老王", Remark: "民政局值班员", Text: "登录后台怎么弄"},
	} {
		if out := h.sayMsg(m); len(out) != 0 {
			t.Errorf("%+v got an answer: %+v", m, out)
		}
	}
}
