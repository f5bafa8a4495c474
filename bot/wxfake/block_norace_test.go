//go:build !race

package wxfake_test

import (
	"context"
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
	err := b.Logout()
	// openwechat's trap: the logout ends the session, the sync loop's
	// synccheck answers 1101 and cancels the bot's context, and the
	// logout request, made with that context, may lose its own answer
	// (about one run in twenty-five); either exit may be recorded first.
	// The session must be over, and nothing else may have gone wrong.
	// Read once: the later exit overwrites the reason.
	reason := b.CrashReason()
	ret, _ := retOf(reason)
	byLogout := errors.Is(reason, openwechat.ErrUserLogout)
	if (err != nil && !errors.Is(err, context.Canceled)) || (!byLogout && ret != 1101) || srv.SessionValid() {
		t.Fatalf("Logout: %v; CrashReason %v, session valid %v", err, reason, srv.SessionValid())
	}
}
