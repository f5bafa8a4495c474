package models_test

import (
	"context"
	"testing"
	"time"

	"mobilize/internal/loadgen"
	"mobilize/models"
)

// TestGenerateLoadIsConsistent checks the generator writes what the
// history promises: every registration's current status is its latest
// event's, so benchmarks measure data the application could have written.
func TestGenerateLoadIsConsistent(t *testing.T) {
	s := models.MustOpen(t)
	loc := time.FixedZone("CST", 8*3600)
	c, first, err := loadgen.Generate(context.Background(), s, loadgen.Sizes{Registrations: 3000, ServiceLogs: 300, Pledges: 50, Organizations: 20, Days: 10}, loc)
	if err != nil {
		t.Fatal(err)
	}
	bad := models.RawCount(t, s, `SELECT COUNT(*) FROM registrations r WHERE r.status <> (SELECT status FROM registration_events e
		WHERE e.registration_id = r.id ORDER BY at DESC, id DESC LIMIT 1)`)
	regs := models.RawCount(t, s, `SELECT COUNT(*) FROM registrations WHERE campaign_id = ?`, c.ID)
	promoted := models.RawCount(t, s, `SELECT COUNT(*) FROM registration_events WHERE reason = ?`, models.ReasonPromoted)
	if bad != 0 || regs != 3000 || promoted == 0 {
		t.Errorf("generated %d registrations, %d promotions, %d whose status is not their latest event's", regs, promoted, bad)
	}
	for day := first; day.Before(first.AddDate(0, 0, 10)); day = day.AddDate(0, 0, 1) {
		models.CheckDay(t, s, c, day, day.AddDate(0, 0, 1)) // the ledger built after generating
	}
}
