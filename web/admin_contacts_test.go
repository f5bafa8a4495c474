package web

import (
	"context"
	"testing"
	"time"

	"mobilize/models"
)

// The console's first page names an admin without a matching 备注, and
// says nothing when every admin has one.
func TestConsoleNamesAdminsWithoutContact(t *testing.T) {
	f := newFixture(t, 1)
	c := f.client()
	f.login(c)
	mustNotContain(t, c.get(f.ts.URL+"/admin"), "管理员无对应联系人")
	now := time.Now()
	if err := f.store.SaveBotState(context.Background(), models.BotState{Online: true, Since: now, Beat: now,
		NoContact: "民政局值班员"}); err != nil {
		t.Fatal(err)
	}
	mustContain(t, c.get(f.ts.URL+"/admin"), "管理员无对应联系人：民政局值班员", "不会按昵称发送")
}
