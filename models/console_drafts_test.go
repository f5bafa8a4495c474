package models

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func consoleDraft(key string) ConsoleDraft {
	return ConsoleDraft{Key: key, Admin: "值班员", Title: "冬季送温暖", Body: "正文", Targets: "all",
		ExpiresAt: fixedNow.Add(time.Hour)}
}

func buildFrom(d ConsoleDraft) NewCampaign {
	return NewCampaign{Title: d.Title, Body: d.Body, CreatedBy: "web:" + d.Admin,
		Roles: []Role{{Code: "p", Name: "先锋", Quota: 3}}}
}

// TestConsoleDraftConfirmsOnceAcrossStores: two stores on one file stand
// for two processes (or one process before and after a restart); the same
// key confirmed on both, concurrently, creates one campaign, and a
// confirmed key can be neither previewed over nor expire for a replay.
func TestConsoleDraftConfirmsOnceAcrossStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	a, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	if _, err := a.SaveConsoleDraft(ctx, consoleDraft("k1"), fixedNow); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	ids := make([]uint, 4)
	for i := range ids {
		s := a
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			_, c, err := s.ConfirmConsoleDraft(ctx, "k1", fixedNow, buildFrom)
			if err != nil {
				t.Error(err)
			}
			ids[i] = c.ID
		})
	}
	wg.Wait()
	for _, id := range ids {
		if id == 0 || id != ids[0] {
			t.Fatalf("confirm campaigns %v, want one", ids)
		}
	}
	if cs, _ := a.Campaigns(ctx, false); len(cs) != 1 {
		t.Fatalf("%d campaigns, want 1", len(cs))
	}
	again := consoleDraft("k1")
	again.Title = "改过的标题"
	if d, err := b.SaveConsoleDraft(ctx, again, fixedNow); !errors.Is(err, ErrDraftConfirmed) || d.CampaignID != ids[0] {
		t.Fatalf("preview over a confirmed key: %+v, %v", d, err)
	}
	late := fixedNow.Add(48 * time.Hour)
	if _, c, err := b.ConfirmConsoleDraft(ctx, "k1", late, buildFrom); err != nil || c.ID != ids[0] || c.Title != "冬季送温暖" {
		t.Fatalf("late replay: %+v, %v", c, err)
	}
}

// TestConsoleDraftExpiresAndIsReplaced: an unconfirmed draft is replaced
// by a new preview of the same form, refuses a confirm after it expired,
// and is dropped when a later preview is saved.
func TestConsoleDraftExpiresAndIsReplaced(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	s.SaveConsoleDraft(ctx, consoleDraft("old"), fixedNow)
	d := consoleDraft("k")
	s.SaveConsoleDraft(ctx, d, fixedNow)
	d.Body = "第二次预览"
	if _, err := s.SaveConsoleDraft(ctx, d, fixedNow); err != nil {
		t.Fatal(err)
	}
	got, err := s.ConsoleDraftByKey(ctx, "k")
	if err != nil || got.Body != "第二次预览" {
		t.Fatalf("draft %+v, %v", got, err)
	}
	late := fixedNow.Add(2 * time.Hour)
	if _, _, err := s.ConfirmConsoleDraft(ctx, "k", late, buildFrom); !errors.Is(err, ErrNotFound) {
		t.Fatalf("expired confirm: %v", err)
	}
	if _, err := s.SaveConsoleDraft(ctx, consoleDraft("new"), late); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ConsoleDraftByKey(ctx, "old"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an expired draft was kept: %v", err)
	}
	if cs, _ := s.Campaigns(ctx, false); len(cs) != 0 {
		t.Fatalf("%d campaigns, want none", len(cs))
	}
}
