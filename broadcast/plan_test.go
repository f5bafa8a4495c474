package broadcast

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/config"
	"mobilize/models"
)

var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// fixture opens a store with three imported organizations' groups and one
// group that spoke without being imported.
func fixture(t *testing.T) (*Broadcaster, *models.Store) {
	t.Helper()
	return fixtureAt(t, filepath.Join(t.TempDir(), "b.db"))
}

// fixtureAt is fixture on the database db names.
func fixtureAt(t *testing.T, db string) (*Broadcaster, *models.Store) {
	t.Helper()
	s, err := models.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return testNow }
	ctx := context.Background()
	if _, err := s.ImportOrgsReport(ctx, []models.OrgRow{
		{Name: "营养学会", Kind: "学会", Group: "营养群", Tags: []string{"广安区"}},
		{Name: "川渝商会", Kind: "商会", Group: "商会群"},
		{Name: "慈善总会", Kind: "慈善组织", Group: "慈善群", Tags: []string{"广安区"}},
	}, models.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureGroup(ctx, "自来群"); err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Location = testNow.Location()
	return New(s, cfg), s
}

func writeFile(t *testing.T, name string, size int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanRefusesBeforeQueueing(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	big := filepath.Join(t.TempDir(), "big.pdf")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	closed, err := s.CreateCampaign(ctx, models.NewCampaign{Title: "旧", Body: "旧文"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CloseCampaign(ctx, closed.ID, "test"); err != nil {
		t.Fatal(err)
	}
	past := testNow.Add(-time.Hour)
	over, err := s.CreateCampaign(ctx, models.NewCampaign{Title: "已截止", Body: "正文", Deadline: &past})
	if err != nil {
		t.Fatal(err)
	}
	ok := Draft{Title: "招募", Body: "正文", Targets: []string{"all"}}
	cases := []struct {
		name string
		edit func(d *Draft)
		want string
	}{
		{"empty body", func(d *Draft) { d.Body = " \n " }, "正文不能为空"},
		{"empty title", func(d *Draft) { d.Title = "" }, "标题不能为空"},
		{"body as the title", func(d *Draft) { d.Title = strings.Repeat("字", 61) }, "标题过长：61 字，最多 60 字"},
		{"oversized body", func(d *Draft) { d.Body = strings.Repeat("字", 20001) }, "正文过长：20001 字，最多 20000 字"},
		{"unknown target", func(d *Draft) { d.Targets = []string{"kind:基金会"} }, "没有类型为「基金会」"},
		{"missing image", func(d *Draft) { d.Image = "/nonexistent/p.png" }, "图片「/nonexistent/p.png」不存在"},
		{"image not an image", func(d *Draft) { d.Image = writeFile(t, "p.txt", 10) }, "应为 jpg、png 或 gif"},
		{"empty file", func(d *Draft) { d.File = writeFile(t, "d.pdf", 0) }, "是空文件"},
		{"file over WeChat's limit", func(d *Draft) { d.File = big }, "超过微信网页版的上限 25 MB"},
		{"unknown campaign", func(d *Draft) { d.CampaignID = 99 }, "没有编号为 99 的倡议"},
		{"closed campaign", func(d *Draft) { d.CampaignID = closed.ID }, "已关闭"},
		{"deadline typed in the past", func(d *Draft) { d.Deadline = &past }, "截止时间 2026-11-23 08:00 已经过去"},
		{"same title as an open campaign", func(d *Draft) { d.Title = "已截止" }, fmt.Sprintf("已有进行中的同名倡议 %d「已截止」", over.ID)},
		{"campaign past its deadline", func(d *Draft) { d.CampaignID = over.ID }, fmt.Sprintf("倡议 %d 的报名已于 2026-11-23 08:00 截止", over.ID)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := ok
			tc.edit(&d)
			_, err := b.Plan(ctx, d)
			if text, isUser := UserText(err); !isUser || !strings.Contains(text, tc.want) {
				t.Fatalf("err = %v, want a user error containing %q", err, tc.want)
			}
		})
	}
	rows, err := s.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 0 {
		t.Fatalf("%d outbox rows after refused drafts", len(rows))
	}
	if _, err := b.Plan(ctx, Draft{Title: "已截止", Body: "正文", Targets: []string{"all"}, Again: true}); err != nil {
		t.Fatalf("a second campaign of a title, asked for: %v", err)
	}
}

func TestQueueOncePerGroupAndStatus(t *testing.T) {
	b, s := fixture(t)
	ctx := context.Background()
	img, pdf := writeFile(t, "poster.png", 100), writeFile(t, "倡议书.pdf", 100)
	d := Draft{Title: "抗疫志愿者招募", Body: "各位同仁：\n\n请踊跃报名。", Image: img, File: pdf,
		Targets: []string{"tag:广安区"}, By: "cli"}
	p, err := b.Plan(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Groups) != 2 || p.New() != 2 || len(p.Messages) != 4 {
		t.Fatalf("plan: %d groups, %d new, %d messages", len(p.Groups), p.New(), len(p.Messages))
	}
	res, err := b.Queue(ctx, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Queued != 2 || res.Campaign.ID == 0 {
		t.Fatalf("result %+v", res)
	}
	// The same broadcast again, widened to all: only the new group gets it.
	d.CampaignID, d.Targets = res.Campaign.ID, []string{"all"}
	p2, err := b.Plan(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if p2.New() != 1 || !strings.Contains(PreviewGroups(p2), "其中 2 个群已发过本倡议") {
		t.Fatalf("second plan: %d new\n%s", p2.New(), PreviewGroups(p2))
	}
	res2, err := b.Queue(ctx, p2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Queued != 1 || res2.Skipped != 2 {
		t.Fatalf("second result %+v", res2)
	}
	rows, err := s.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perGroup := map[string]int{}
	for _, r := range rows {
		perGroup[r.Target]++
	}
	if len(rows) != 12 || perGroup["营养群"] != 4 || perGroup["商会群"] != 4 || perGroup["慈善群"] != 4 {
		t.Fatalf("outbox per group = %v (%d rows), want 4 each", perGroup, len(rows))
	}

	// One group answers.
	if _, err := s.SignUp(ctx, models.SignUpRequest{CampaignID: res.Campaign.ID, RoleCode: "pioneer", Name: "张三",
		Phone: "13800138000", GroupName: "商会群", Sender: "张三"}); err != nil {
		t.Fatal(err)
	}
	st, err := b.Status(ctx, res.Campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Groups) != 3 || st.Counts[StatePending] != 3 || st.Answered() != 1 {
		t.Fatalf("status %+v", st)
	}
	if st.Orgs[0].Organization != "川渝商会" || st.Orgs[0].Roles[0].Confirmed != 1 || st.Orgs[2].Answered() {
		t.Fatalf("orgs not ordered answered-first: %+v", st.Orgs)
	}
	sum := Summary(st, 10)
	if !strings.Contains(sum, "组织：已响应 1/3") || !strings.Contains(sum, "未响应（2）：慈善总会、营养学会") {
		t.Fatalf("summary:\n%s", sum)
	}
	// Closing withdraws what has not gone out.
	if err := s.CloseCampaign(ctx, res.Campaign.ID, "test"); err != nil {
		t.Fatal(err)
	}
	st, err = b.Status(ctx, res.Campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Counts[StateWithdrawn] != 3 || st.Open {
		t.Fatalf("after close: %+v", st.Counts)
	}
}

func TestPreviewMessagesShowsEverything(t *testing.T) {
	b, _ := fixture(t)
	p, err := b.Plan(context.Background(), Draft{Title: "招募", Body: "正文", Image: writeFile(t, "p.jpg", 5),
		Targets: []string{"all"}})
	if err != nil {
		t.Fatal(err)
	}
	got := PreviewMessages(p.Messages)
	for _, want := range []string{"── 第 1 条：文字 ──\n【招募】\n\n正文", "── 第 2 条：图片 p.jpg（1 KB） ──", "── 第 3 条：文字 ──\n【报名方式】",
		"「报名 先锋 姓名 手机号」报志愿先锋（40 名）"} {
		if !strings.Contains(got, want) {
			t.Fatalf("preview lacks %q:\n%s", want, got)
		}
	}
}
