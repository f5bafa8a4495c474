package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"mobilize/chat"
	"mobilize/models"
)

// status words a row's last send error in Chinese (the row keeps the
// sender's English for the logs): no "chat: not logged in" for staff.
func TestStatusWordsTheLastSendErrorInChinese(t *testing.T) {
	dir := t.TempDir()
	s, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m, _, err := s.EnqueueOutbox(ctx, models.OutboxMessage{Target: "营养群", IsGroup: true, Kind: models.KindNotice, Text: "通知"}, 0)
	if err == nil {
		_, err = s.ClaimOutbox(ctx, m.ID)
	}
	if err == nil {
		err = s.FinishOutbox(ctx, m.ID, models.OutboxOutcome{Status: models.OutboxPending, Err: chat.ErrOffline.Error(), NotBefore: s.Now()})
	}
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, out, _ := mobilize(t, dir, "", "status")
	if !strings.Contains(out, "最近发送错误：营养群 → 账号未登录，登录后自动发送") || strings.Contains(out, "chat:") {
		t.Errorf("status:\n%s", out)
	}
}
