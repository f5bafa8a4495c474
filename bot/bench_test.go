package bot_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"mobilize/chat"
	"mobilize/config"
)

// BenchmarkMessageToReply measures a group message's trip through the real
// openwechat client and the fake server: sync, intake, handler, outbox,
// sender, send. Pacing gaps are zero; the handler only queues a reply.
func BenchmarkMessageToReply(b *testing.B) {
	srv := startFake(b)
	st := mustStore(b)
	echo := func(h *harness) chat.Handler {
		return handlerFunc(func(ctx context.Context, m chat.Message) error {
			return h.outbox.Send(ctx, m.ReplyTarget(), "收到")
		})
	}
	noGaps := func(c *config.Config) {
		c.Send.MinGap, c.Send.MaxGap, c.Send.SameChatGap = 0, 0, 0
	}
	h := start(b, srv, st, options{handler: echo, cfg: noGaps})
	h.waitOnline(b, 1)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		begin := time.Now()
		srv.SendGroupText(groupA, li, "报名")
		if _, err := srv.WaitSent(i+1, 10*time.Second); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(begin))
	}
	b.StopTimer()
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	at := func(p float64) float64 {
		return float64(lat[min(int(p*float64(len(lat))), len(lat)-1)]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
