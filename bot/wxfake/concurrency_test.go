package wxfake_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/eatmoreapple/openwechat"
)

// TestConcurrentTraffic sends from several goroutines while messages arrive,
// for -race. The senders share only the group's UserName, not the library's
// *Group: openwechat's sync goroutine rewrites cached Users in place
// (User.Detail does *u = *fresh, called from Message.Sender), so reading a
// cached *Group on another goroutine while messages from it arrive is a data
// race in openwechat v1.4.8. Self.SendTextToGroup reads only the UserName of
// the group it is given.
func TestConcurrentTraffic(t *testing.T) {
	srv := startFake(t)
	b := newBot(t, srv)
	self := b.login(t)
	userName := group(t, self, savedGroup).UserName

	const senders, each, incoming = 4, 5, 10
	var wg sync.WaitGroup
	errs := make(chan error, senders*each)
	for i := range senders {
		wg.Go(func() {
			for j := range each {
				g := &openwechat.Group{User: &openwechat.User{UserName: userName}}
				if _, err := self.SendTextToGroup(g, fmt.Sprintf("%d-%d", i, j)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Go(func() {
		for i := range incoming {
			srv.SendGroupText(savedGroup, bob, fmt.Sprint(i))
			_ = srv.Sent() // readers alongside writers
		}
	})
	seen := map[string]bool{}
	for range incoming {
		seen[b.next(t).content] = true
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("SendText: %v", err)
	}
	if _, err := srv.WaitSent(senders*each, time.Second); err != nil {
		t.Fatal(err)
	}
	if len(seen) != incoming {
		t.Fatalf("%d distinct messages received, want %d", len(seen), incoming)
	}
}
