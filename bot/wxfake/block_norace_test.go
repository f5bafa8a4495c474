//go:build !race

package wxfake_test

import (
	"errors"
	"testing"
	"time"

	"github.com/eatmoreapple/openwechat"
)

// This file is left out of -race builds. In openwechat v1.4.8, Bot.Block
// reads Bot.self (bot.go:274) and the sync goroutine's Exit writes it
// (bot.go:283) without synchronisation, so a Block that is waiting when the
// servers end the session is a data race; Logout and Exit from another
// goroutine race with the sync loop's Alive the same way. Race-free: wait on
// <-bot.Context().Done(), then read bot.CrashReason(); stop a bot by
// cancelling the context given with openwechat.WithContextOption.

func TestBlockReturnsSessionEnd(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	b.login(t)
	done := make(chan error, 1)
	go func() { done <- b.Block() }()
	time.Sleep(20 * time.Millisecond)
	srv.EndSession("1101")
	select {
	case err := <-done:
		if ret, _ := retOf(err); ret != 1101 || !errors.Is(b.CrashReason(), openwechat.Ret(1101)) {
			t.Fatalf("Block = %v, CrashReason = %v; want Ret 1101", err, b.CrashReason())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Block did not return")
	}
	// Block after the end does not report the reason: Exit cleared self.
	if err := b.Block(); err == nil || errors.Is(err, openwechat.Ret(1101)) {
		t.Fatalf("late Block = %v", err)
	}
}

func TestLogout(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	b.login(t)
	if err := b.Logout(); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	if !errors.Is(b.CrashReason(), openwechat.ErrUserLogout) || srv.SessionValid() {
		t.Fatalf("after Logout: CrashReason %v, session valid %v", b.CrashReason(), srv.SessionValid())
	}
}
