package handlers

import (
	"context"
	"fmt"
	"testing"

	"mobilize/chat"
	"mobilize/models"
)

// BenchmarkSignUpThroughRouter measures sign-ups handled per second through
// the whole path: parse, middleware (dedupe writes a row), store
// transaction, reply. Compare with models' BenchmarkBaselineInsert in the
// same run: go test -run XXX -bench . ./models ./handlers
func BenchmarkSignUpThroughRouter(b *testing.B) {
	h := newHarness(b)
	_, err := h.store.CreateCampaign(context.Background(), models.NewCampaign{Title: "bench", Roles: []models.Role{
		{Code: "pioneer", Name: "志愿先锋", Aliases: "先锋", Quota: 1 << 30, PhoneRequired: true}}})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := h.router.Handle(context.Background(), chat.Message{ID: fmt.Sprint("b", i), Group: "广安市营养学会志愿群",
			Sender: fmt.Sprint("成员", i%50), Text: fmt.Sprintf("报名 先锋 志愿者 138%08d", i)})
		if err != nil {
			b.Fatal(err)
		}
		h.rec.take()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "signups/s")
}
