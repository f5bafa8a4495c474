package bot_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/bot/wxfake"
	"mobilize/broadcast"
	"mobilize/config"
	"mobilize/models"
)

// broadcastGroups is how many organizations' groups the broadcast tests
// reach; each gets the body, an image, a PDF and the footer.
const (
	broadcastGroups = 30
	perGroup        = 4
)

// Pacing of the broadcast tests: small, but large enough that a sender
// ignoring it would show in the fake's recorded times.
var (
	bcMinGap  = 20 * time.Millisecond
	bcMaxGap  = 30 * time.Millisecond
	bcChatGap = 10 * time.Millisecond
)

// broadcastFake is the usual fixture plus thirty saved groups, each bound
// by orgs import to its own organization.
func broadcastFake(t *testing.T) (*wxfake.Server, *models.Store, []string) {
	t.Helper()
	srv, names := broadcastAccount(t)
	st := mustStore(t)
	importBroadcastOrgs(t, st, names)
	return srv, st, names
}

// broadcastAccount starts a fake whose account is in the thirty saved
// groups, and returns their names.
func broadcastAccount(t *testing.T) (*wxfake.Server, []string) {
	t.Helper()
	var groups []wxfake.Group
	var names []string
	for i := 1; i <= broadcastGroups; i++ {
		name := fmt.Sprintf("第%02d协会志愿群", i)
		names = append(names, name)
		groups = append(groups, wxfake.Group{NickName: name, Saved: true, Members: []wxfake.Member{{NickName: "会员"}}})
	}
	return startFake(t, wxfake.WithGroups(groups...)), names
}

// importBroadcastOrgs binds each group to its own organization, as
// `orgs import` does.
func importBroadcastOrgs(t *testing.T, st *models.Store, names []string) {
	t.Helper()
	var rows []models.OrgRow
	for i, name := range names {
		rows = append(rows, models.OrgRow{Name: fmt.Sprintf("第%02d协会", i+1), Kind: "学会", Group: name})
	}
	if _, err := st.ImportOrgsReport(context.Background(), rows, models.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

// broadcastConfig is testConfig with the broadcast tests' pacing.
func broadcastConfig(t *testing.T) config.Config {
	cfg := testConfig(t)
	broadcastPacing(&cfg)
	return cfg
}

// queueInitiative plans and queues the initiative to all bound groups, as
// `mobilize broadcast --yes` does, and returns what it queued.
func queueInitiative(t *testing.T, st *models.Store, cfg config.Config, campaignID uint) broadcast.Result {
	t.Helper()
	dir := t.TempDir()
	img, pdf := filepath.Join(dir, "poster.png"), filepath.Join(dir, "倡议书.pdf")
	if err := os.WriteFile(img, []byte("\x89PNG poster"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 倡议书"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := broadcast.New(st, cfg)
	plan, err := b.Plan(context.Background(), broadcast.Draft{CampaignID: campaignID, Title: "抗疫志愿者招募",
		Body: "各位同仁：\n\n请踊跃报名。", Image: img, File: pdf, Targets: []string{"all"}, By: "test"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Queue(context.Background(), plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// waitBroadcastDone waits until nothing is pending or sending, for longer
// than the usual helper: 120 paced sends with uploads, under -race.
func waitBroadcastDone(t *testing.T, st *models.Store) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		c, err := st.CountOutbox(context.Background(), time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if c.Pending+c.Sending == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("broadcast not done after 90s")
}

// byGroup splits the fake's delivered group messages per group, keeping
// order.
func byGroup(sent []wxfake.SentMessage) map[string][]wxfake.SentMessage {
	out := map[string][]wxfake.SentMessage{}
	for _, m := range sent {
		if m.ToGroup {
			out[m.ToNickName] = append(out[m.ToNickName], m)
		}
	}
	return out
}

// checkGroupGot checks one group's messages: text, image, file, footer, in
// that order, each once — or, with missing ≥ 1, that message (1-based)
// absent and the rest once, in order.
func checkGroupGot(t *testing.T, group string, got []wxfake.SentMessage, missing int) {
	t.Helper()
	want := []int{1, 3, 6, 1}
	var kinds []int
	for i, k := range want {
		if i+1 != missing {
			kinds = append(kinds, k)
		}
	}
	var gotKinds []int
	for _, m := range got {
		gotKinds = append(gotKinds, m.Type)
	}
	if fmt.Sprint(gotKinds) != fmt.Sprint(kinds) {
		t.Errorf("%s received types %v, want %v (text, image, file, footer; each once)", group, gotKinds, kinds)
		return
	}
	for _, m := range got {
		switch {
		case m.Type == 3 && string(m.Data) != "\x89PNG poster":
			t.Errorf("%s: image %q", group, m.Data)
		case m.Type == 6 && (m.FileName != "倡议书.pdf" || string(m.Data) != "%PDF-1.4 倡议书"):
			t.Errorf("%s: file %q %q", group, m.FileName, m.Data)
		}
	}
	if missing != 1 && !strings.HasPrefix(got[0].Content, "【抗疫志愿者招募】") {
		t.Errorf("%s: first message %q", group, got[0].Content)
	}
	if missing != 4 && !strings.Contains(got[len(got)-1].Content, "「报名 先锋 姓名 手机号」") {
		t.Errorf("%s: footer %q", group, got[len(got)-1].Content)
	}
}

// TestBroadcastToThirtyGroupsOnceInOrderAndPaced: through the real client,
// each of thirty groups receives body, image, PDF and footer exactly once,
// in that order, and the fake's clock shows the configured gaps: at least
// min_gap between two chats, at least same_chat_gap within one.
func TestBroadcastToThirtyGroupsOnceInOrderAndPaced(t *testing.T) {
	srv, st, names := broadcastFake(t)
	cfg := broadcastConfig(t)
	h := start(t, srv, st, options{cfg: func(c *config.Config) { *c = cfg }})
	h.waitOnline(t, 1)
	res := queueInitiative(t, st, cfg, 0)
	if res.Queued != broadcastGroups {
		t.Fatalf("queued %d groups", res.Queued)
	}
	// The same command again queues nothing.
	if again := queueInitiative(t, st, cfg, res.Campaign.ID); again.Queued != 0 || again.Skipped != broadcastGroups {
		t.Fatalf("repeat queued %+v", again)
	}
	waitBroadcastDone(t, st)
	sent := srv.Sent()
	got := byGroup(sent)
	for _, g := range names {
		checkGroupGot(t, g, got[g], 0)
	}
	for i := 1; i < len(sent); i++ {
		prev, cur := sent[i-1], sent[i]
		gap, min := cur.Time.Sub(prev.Time), bcMinGap
		if cur.ToUserName == prev.ToUserName {
			min = bcChatGap
		}
		if gap < min {
			t.Errorf("send %d (%s) came %v after the previous, want at least %v", i, cur.ToNickName, gap, min)
		}
	}
	st2, err := broadcast.New(st, cfg).Status(context.Background(), res.Campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st2.Counts[broadcast.StateSent] != broadcastGroups || len(st2.Silent()) != broadcastGroups {
		t.Fatalf("status counts %v, %d silent", st2.Counts, len(st2.Silent()))
	}
}

// TestBroadcastKilledAndRestartedMidway: the bot is stopped a third of the
// way through, a killed process is simulated by a row left "sending", the
// command is repeated, and a new bot finishes the broadcast: every group
// gets every message at most once, and all but the interrupted one
// exactly once.
func TestBroadcastKilledAndRestartedMidway(t *testing.T) {
	srv, st, names := broadcastFake(t)
	cfg := broadcastConfig(t)
	keep := func(c *config.Config) { *c = cfg }
	first := start(t, srv, st, options{cfg: keep})
	first.waitOnline(t, 1)
	res := queueInitiative(t, st, cfg, 0)
	if _, err := srv.WaitSent(broadcastGroups*perGroup/3, 60*time.Second); err != nil {
		t.Fatal(err)
	}
	first.stop()
	ctx := context.Background()
	pending, err := st.OutboxRows(ctx, models.OutboxPending)
	if err != nil || len(pending) == 0 {
		t.Fatalf("pending %d, %v: the bot was stopped too late", len(pending), err)
	}
	// The killed process had claimed the next row and died in the send.
	cut := pending[0]
	if _, err := st.ClaimOutbox(ctx, cut.ID); err != nil {
		t.Fatal(err)
	}
	if again := queueInitiative(t, st, cfg, res.Campaign.ID); again.Queued != 0 {
		t.Fatalf("repeat after the kill queued %d groups", again.Queued)
	}
	second := start(t, srv, st, options{cfg: keep})
	second.waitOnline(t, 1)
	waitBroadcastDone(t, st)
	got := byGroup(srv.Sent())
	seq := 0
	for _, p := range mustParts(t, st, res.Campaign.ID) {
		if p.OutboxID == cut.ID {
			seq = p.Seq
		}
	}
	for _, g := range names {
		missing := 0
		if g == cut.Target {
			missing = seq
		}
		checkGroupGot(t, g, got[g], missing)
	}
	if rows, err := st.OutboxRows(ctx, models.OutboxUncertain); err != nil || len(rows) != 1 || rows[0].ID != cut.ID {
		t.Fatalf("uncertain rows %+v, %v: only the row cut mid-send", rows, err)
	}
}

func mustParts(t *testing.T, st *models.Store, campaignID uint) []models.DeliveryPartView {
	t.Helper()
	parts, err := st.DeliveryParts(context.Background(), campaignID)
	if err != nil {
		t.Fatal(err)
	}
	return parts
}

// TestBroadcastThroughA1101Logout: the session ends (1101, logged in
// elsewhere) in the middle; the bot logs in again and finishes, each group
// still receiving each message exactly once.
func TestBroadcastThroughA1101Logout(t *testing.T) {
	srv, st, names := broadcastFake(t)
	cfg := broadcastConfig(t)
	h := start(t, srv, st, options{cfg: func(c *config.Config) { *c = cfg }})
	h.waitOnline(t, 1)
	queueInitiative(t, st, cfg, 0)
	if _, err := srv.WaitSent(broadcastGroups*perGroup/2, 60*time.Second); err != nil {
		t.Fatal(err)
	}
	if !srv.EndSession("1101") {
		t.Fatal("no session to end")
	}
	waitBroadcastDone(t, st)
	got := byGroup(srv.Sent())
	for _, g := range names {
		checkGroupGot(t, g, got[g], 0)
	}
	if srv.LoginCount() < 2 {
		t.Fatalf("%d logins: the 1101 did not end the session", srv.LoginCount())
	}
}
