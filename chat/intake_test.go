package chat

import (
	"context"
	"testing"
)

func TestIntakeDropsWhenFull(t *testing.T) {
	block := make(chan struct{})
	h := handlerFunc(func(context.Context, Message) error { <-block; return nil })
	in := NewIntake(h, nil, 1, 0, nil)
	in.Start(context.Background(), 1)
	if !in.Offer(Message{ID: "1"}) {
		t.Fatal("first message refused")
	}
	// The worker holds message 1 (or it is queued); one more fits at most.
	accepted := 0
	for i := range 3 {
		if in.Offer(Message{ID: string(rune('2' + i))}) {
			accepted++
		}
	}
	if accepted > 1 {
		t.Fatalf("%d more accepted with a queue of 1 and a busy worker", accepted)
	}
	close(block)
	in.Close()
	if in.Offer(Message{ID: "late"}) {
		t.Fatal("closed intake accepted a message")
	}
}

type handlerFunc func(context.Context, Message) error

func (f handlerFunc) Handle(ctx context.Context, m Message) error { return f(ctx, m) }
