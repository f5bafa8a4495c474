package chat

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"mobilize/models"
)

// TestReasonTextIsChinese: every error text the sender and the store keep
// on an outbox row reads, for staff, as Chinese without the English —
// wrapped or not — and says what happens next.
func TestReasonTextIsChinese(t *testing.T) {
	stored := []string{
		ErrOffline.Error(), ErrUnknownChat.Error(), ErrNoAdminContact.Error(), ErrUnreachable.Error(), ErrNoFile.Error(),
		fmt.Errorf("send to 营养群: %w", ErrOffline).Error(),
		(&RefusedError{Code: 1205, TooFrequent: true}).Error(), (&RefusedError{Code: 1101, SessionEnded: true}).Error(),
		(&RefusedError{Code: -2}).Error(), fmt.Errorf("wechat: %w", &RefusedError{Code: 1102, SessionEnded: true}).Error(),
		models.WithdrawnReason, models.AdminRemovedReason, InterruptedReason, models.OrphanReason,
		errors.New(`Post "https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxsendmsg": context deadline exceeded`).Error(),
	}
	latin := regexp.MustCompile(`[A-Za-z]`)
	seen := map[string]bool{}
	for _, s := range stored {
		got := ReasonText(s)
		if got == "" || latin.MatchString(got) {
			t.Errorf("%q reads %q, want Chinese without the English", s, got)
		}
		seen[got] = true
	}
	if len(seen) < len(stored)-2 { // the wrapped offline and 1102 read as their plain forms' kind
		t.Errorf("%d distinct wordings for %d kinds: some kinds read alike", len(seen), len(stored))
	}
	for code, want := range map[int]string{1205: "频繁", 1101: "登录已失效"} {
		if got := ReasonText((&RefusedError{Code: code, TooFrequent: code == 1205, SessionEnded: code == 1101}).Error()); !strings.Contains(got, want) || !strings.Contains(got, fmt.Sprint(code)) {
			t.Errorf("code %d reads %q, want %q and the code", code, got, want)
		}
	}
	if ReasonText("") != "" {
		t.Error("no error reads as something")
	}
}
