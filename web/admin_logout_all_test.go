package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// TestLogoutAllEndsEveryDeviceOfThisAdmin: 退出所有设备 on one device
// ends that admin's sessions on every device and their unused link,
// keeps another admin's, is audited, and answers how to log in again; a
// post without the form token ends nothing.
func TestLogoutAllEndsEveryDeviceOfThisAdmin(t *testing.T) {
	f := newFixture(t, 3)
	f.cfg.Admins = []string{"民政局值班员", "王局"}
	f.start()
	ctx := context.Background()
	phone, laptop := f.client(), f.client()
	f.login(phone)
	f.login(laptop)
	if _, err := f.store.NewLoginLink(ctx, "民政局值班员", LoginTTL); err != nil {
		t.Fatal(err)
	}
	colleagueLink, err := f.store.NewLoginLink(ctx, "王局", LoginTTL)
	if err != nil {
		t.Fatal(err)
	}
	colleague, _, err := f.store.UseLoginLink(ctx, colleagueLink, time.Hour, models.SessionDevice{})
	if err != nil {
		t.Fatal(err)
	}

	mustContain(t, phone.get(f.ts.URL+"/admin"), `id="logout-all"`, "退出所有设备")
	phone.post(f.ts.URL+"/admin/logout-all", url.Values{"csrf": {"forged"}})
	if phone.status != http.StatusForbidden {
		t.Fatalf("a post without the form token: %d", phone.status)
	}
	if laptop.get(f.ts.URL + "/admin"); laptop.status != http.StatusOK {
		t.Fatalf("a refused post ended a session: %d", laptop.status)
	}

	phone.get(f.ts.URL + "/admin")
	body := phone.post(f.ts.URL+"/admin/logout-all", url.Values{})
	if phone.status != http.StatusOK {
		t.Fatalf("logout-all: %d\n%s", phone.status, excerpt(body))
	}
	mustContain(t, body, "已退出所有设备", "的 2 个管理后台登录都已结束", "发送“登录”")
	if strings.Contains(body, `id="logout-all"`) {
		t.Error("the page after logging out still offers the console's buttons")
	}
	for name, c := range map[string]*client{"this device": phone, "the other device": laptop} {
		if c.get(f.ts.URL + "/admin"); c.status != http.StatusUnauthorized {
			t.Errorf("%s still in the console: %d", name, c.status)
		}
	}
	if who, err := f.store.SessionAdmin(ctx, colleague); err != nil || who != "王局" {
		t.Errorf("another admin's session ended: %q %v", who, err)
	}
	rows, err := f.store.RecentAudit(ctx, models.AuditRevoke, 5)
	if err != nil || len(rows) != 1 || rows[0].Actor != models.ActorWeb("民政局值班员") ||
		!strings.Contains(rows[0].Detail, "2 个后台会话，作废 1 个登录链接") {
		t.Errorf("audit %+v %v", rows, err)
	}
}
