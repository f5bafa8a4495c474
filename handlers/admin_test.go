package handlers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/models"
)

// queueRecorder is the Queuer of the admin tests.
type queueRecorder struct {
	mu  sync.Mutex
	put []chat.Outgoing
}

func (q *queueRecorder) Put(_ context.Context, m chat.Outgoing) (bool, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.put = append(q.put, m)
	return true, nil
}

// adminHarness is a harness whose router also has a Queuer, with three
// imported organizations' groups.
func adminHarness(t *testing.T) (*harness, *queueRecorder) {
	t.Helper()
	h := newHarness(t)
	q := &queueRecorder{}
	h.cfg.Database = filepath.Join(t.TempDir(), "m.db")
	h.cfg.Location = testNow.Location()
	h.router = New(Deps{Store: h.store, Config: h.cfg, Reply: h.rec, Queue: q, Now: h.store.Now})
	if _, err := h.store.ImportOrgsReport(context.Background(), []models.OrgRow{
		{Name: "营养学会", Kind: "学会", Group: "营养群"},
		{Name: "川渝商会", Kind: "商会", Group: "商会群"},
		{Name: "慈善总会", Kind: "慈善组织", Group: "慈善群"},
	}, models.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return h, q
}

const admin = "民政局值班员"

// private says text to the bot in a private chat as the contact with this
// remark, and returns the replies.
func (h *harness) private(remark, text string) []sentMsg {
	h.t.Helper()
	h.seq++
	return h.sayMsg(chat.Message{ID: fmt.Sprint("p", h.seq), Sender: "昵称" + remark,
		Remark: remark, Text: text, At: testNow})
}

func TestAdminCommandsIgnoredOutsideAnAdminsPrivateChat(t *testing.T) {
	h, _ := adminHarness(t)
	h.campaign("招募", 2, 2)
	cmds := []string{"发布倡议\n标题\n正文", "确认", "取消", "进度", "名单 1", "名单 1 完整", "关闭 1", "递补 1 先锋 1", "提醒 1", "导出 1"}
	for _, cmd := range cmds {
		if out := h.say("营养群", admin, cmd); len(out) != 0 { // an admin's name in a group is not an admin
			t.Errorf("%q in a group got %+v", cmd, out)
		}
		if out := h.private("路人", cmd); len(out) != 0 {
			t.Errorf("%q from a non-admin got %+v", cmd, out)
		}
		if out := h.sayMsg(chat.Message{Sender: admin, Text: cmd, At: testNow}); len(out) != 0 {
			t.Errorf("%q from a nickname without a remark got %+v", cmd, out)
		}
	}
	cs, err := h.store.Campaigns(context.Background(), true)
	if err != nil || len(cs) != 1 {
		t.Fatalf("open campaigns %d (%v): an ignored 关闭 closed one, or an ignored draft created one", len(cs), err)
	}
	// A member's 取消报名 and 帮助 in a group are still member commands.
	contains(t, h.reply("营养群", "张三", "帮助"), "报名")
}

func TestAdminDraftConfirmQueuesEachGroupOnce(t *testing.T) {
	h, _ := adminHarness(t)
	img := filepath.Join(t.TempDir(), "poster.png")
	if err := os.WriteFile(img, []byte("png"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := h.private(admin, "发布倡议 kind:学会 kind:商会\n抗疫志愿者招募\n各位同仁：\n\n请踊跃报名。")
	if len(out) != 1 || out[0].to.Name != admin {
		t.Fatalf("draft replies %+v", out)
	}
	contains(t, out[0].text, "倡议「抗疫志愿者招募」将发往 2 个群", "「报名 先锋 姓名 手机号」报志愿先锋（40 名）", "回复「确认」发布")
	out = h.sayMsg(chat.Message{ID: "img1", Sender: "x", Remark: admin, Media: models.MediaImage, File: img, At: testNow})
	contains(t, out[0].text, "已附上图片「poster.png」")
	contains(t, h.private(admin, "确认")[0].text, "已发布倡议 1「抗疫志愿者招募」：2 个群排队发送")
	contains(t, h.private(admin, "确认")[0].text, "没有待确认的倡议")
	// The same initiative drafted again would reach every group twice.
	contains(t, h.private(admin, "发布倡议\n抗疫志愿者招募\n各位同仁：请踊跃报名。")[0].text, "已有进行中的同名倡议 1「抗疫志愿者招募」，本次未发送")
	rows, err := h.store.OutboxRows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Target+":"+r.Media)
	}
	want := "商会群:|商会群:image|商会群:|营养群:|营养群:image|营养群:" // groups by name
	if strings.Join(got, "|") != want {
		t.Fatalf("outbox %v, want %s", got, want)
	}
	contains(t, h.private(admin, "进度")[0].text, "群：共 2，已送达 0，待发送 2", "未响应（2）")
	contains(t, h.private(admin, "关闭 1")[0].text, "已关闭", "撤回未发出的消息 6 条（2 个群没有收到）")
	contains(t, auditText(t, h.store), "admin:"+admin+" broadcast.queue 倡议 1「抗疫志愿者招募」：2 个群排队，0 个已发过跳过",
		"admin:"+admin+" campaign.close 倡议 1；撤回未发出的消息 6 条（2 个群）")
}

// auditText is the audit log, one "actor action detail" line per record.
func auditText(t *testing.T, s *models.Store) string {
	t.Helper()
	trail, err := s.AuditTrail(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, a := range trail {
		fmt.Fprintf(&b, "%s %s %s\n", a.Actor, a.Action, a.Detail)
	}
	return b.String()
}

func TestAdminDraftExpiresAndCancels(t *testing.T) {
	h, _ := adminHarness(t)
	now := testNow
	h.router.deps.Now = func() time.Time { return now }
	h.private(admin, "发布倡议\n标题\n正文")
	contains(t, h.private(admin, "取消")[0].text, "已取消")
	contains(t, h.private(admin, "确认")[0].text, "没有待确认的倡议")
	h.private(admin, "发布倡议\n标题\n正文")
	now = now.Add(11 * time.Minute)
	contains(t, h.private(admin, "确认")[0].text, "没有待确认的倡议")
	contains(t, h.private(admin, "发布倡议 kind:基金会\n标题\n正文")[0].text, "没有类型为「基金会」")
	contains(t, h.private(admin, "发布倡议")[0].text, "请按格式发送")
	if cs, err := h.store.Campaigns(context.Background(), false); err != nil || len(cs) != 0 {
		t.Fatalf("campaigns %d %v", len(cs), err)
	}
}

func TestAdminRosterPromoteRemindCloseExport(t *testing.T) {
	h, q := adminHarness(t)
	h.campaign("招募", 1, 5)
	h.private(admin, "帮助")
	h.reply("营养群", "张三", "报名 先锋 张三 13800138000")
	h.reply("商会群", "李四", "报名 先锋 李四 13800138001") // waitlisted
	contains(t, h.private(admin, "名单")[0].text, "张三 138****8000 志愿先锋 已确认（营养群）", "李四 138****8001 志愿先锋 候补1（商会群）")

	if out := h.private(admin, "名单 1 完整"); len(out) != 0 {
		t.Fatalf("full roster went through the masked reply path: %+v", out)
	}
	if len(q.put) != 1 || q.put[0].Kind != models.KindRoster || !strings.Contains(q.put[0].Text, "13800138001") || q.put[0].To.Group {
		t.Fatalf("full roster: %+v", q.put)
	}

	out := h.private(admin, "递补 1 先锋 1")
	if len(out) != 2 || out[1].to.Name != "商会群" {
		t.Fatalf("promotion replies %+v", out)
	}
	contains(t, out[0].text, "志愿先锋递补 1 人：李四（138****8001）")
	contains(t, out[1].text, "李四（138****8001）已由候补递补为志愿先锋")
	contains(t, h.private(admin, "递补 1 先锋 1")[0].text, "没有可递补的候补")
	contains(t, h.private(admin, "递补 1 司机 1")[0].text, "没有岗位「司机」")

	contains(t, h.private(admin, "提醒 1")[0].text, "还没有发往任何群")
	h.private(admin, "发布倡议\n另一倡议\n正文")
	contains(t, h.private(admin, "关闭 1")[0].text, "倡议 1「招募」已关闭")
	contains(t, h.private(admin, "关闭 1")[0].text, "倡议 1 已关闭")
	contains(t, h.private(admin, "关闭 x")[0].text, "倡议编号应为数字")

	q.put = nil
	out = h.private(admin, "导出 1")
	contains(t, out[0].text, "文件随后发送")
	if len(q.put) != 1 || q.put[0].Media != models.MediaFile || q.put[0].To.Name != admin {
		t.Fatalf("export queued %+v", q.put)
	}
	if st, err := os.Stat(q.put[0].Path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("workbook %v %v", st, err)
	}
}
