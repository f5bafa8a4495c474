package models

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkBaselineInsert is the yardstick for the sign-up benchmarks: one
// bare single-row INSERT per operation, autocommitted, through the same
// connection settings (WAL, busy_timeout, immediate transactions, one
// connection). Compare handlers' BenchmarkSignUpThroughRouter against it in
// the same run.
func BenchmarkBaselineInsert(b *testing.B) {
	s := mustOpen(b)
	sqlDB, err := s.db.DB()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := sqlDB.Exec(`CREATE TABLE bench (id INTEGER PRIMARY KEY, name TEXT, phone TEXT, created_at DATETIME)`); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := sqlDB.Exec(`INSERT INTO bench (name, phone, created_at) VALUES (?, ?, ?)`,
			"志愿者", fmt.Sprintf("138%08d", i), fixedNow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStoreSignUp is the Store alone: one SignUp transaction per
// operation, without parsing or routing.
func BenchmarkStoreSignUp(b *testing.B) {
	s := mustOpen(b)
	c := mustCampaign(b, s, 1<<30, 1<<30)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.SignUp(context.Background(), SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer",
			Name: "志愿者", Phone: phone(i), GroupName: "群", Sender: "s"}); err != nil {
			b.Fatal(err)
		}
	}
}
