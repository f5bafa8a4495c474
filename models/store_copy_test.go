package models_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"mobilize/internal/loadgen"
	"mobilize/models"
)

// TestCopyAllKeepsEverything copies a SQLite database with a generated
// campaign (history, promotions, cancellations, service, pledges) and a
// morning of chat sign-ups into a new database (PostgreSQL in the
// suite's PostgreSQL pass): every table has the source's rows, the roster
// and the tally read the same, and the copy takes new sign-ups with new
// ids.
func TestCopyAllKeepsEverything(t *testing.T) {
	ctx := context.Background()
	src := models.MustOpenSQLite(t)
	loc := time.FixedZone("CST", 8*3600)
	c, first, err := loadgen.Generate(ctx, src, loadgen.Sizes{Registrations: 400, ServiceLogs: 60, Pledges: 20, Organizations: 12, Days: 5}, loc)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		if _, err := src.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: "pioneer", Name: fmt.Sprintf("周%d", i),
			Phone: fmt.Sprintf("137%08d", i), GroupName: "第0001志愿群", Sender: fmt.Sprintf("周%d", i), MsgID: fmt.Sprint("m", i)}); err != nil {
			t.Fatal(err)
		}
	}
	zone, err := src.LedgerZone(ctx)
	if err != nil || zone == nil {
		t.Fatalf("source ledger zone %v %v", zone, err)
	}
	dst, err := models.Open(models.TestDSN(t), nil, models.WithZone(zone))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	dst.Now = src.Now

	report, err := models.CopyAll(ctx, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	var regs int64
	for _, r := range report {
		if r.Table == "registrations" {
			regs = r.Copy
		}
	}
	if len(report) != len(models.CopiedTables()) || regs != 430 {
		t.Errorf("report %+v (registrations %d, want 430)", report, regs)
	}

	end := first.AddDate(0, 0, 6)
	for _, s := range []*models.Store{src, dst} {
		s.Now = func() time.Time { return end }
	}
	a, _ := src.StatusCounts(ctx, c.ID, end.AddDate(0, 0, -1), end)
	b, _ := dst.StatusCounts(ctx, c.ID, end.AddDate(0, 0, -1), end)
	if !reflect.DeepEqual(models.CountsMap(a), models.CountsMap(b)) || len(a) == 0 {
		t.Errorf("status counts differ:\n%v\n%v", models.CountsMap(a), models.CountsMap(b))
	}
	ra, _ := src.Roster(ctx, c.ID)
	rb, _ := dst.Roster(ctx, c.ID)
	if len(ra) != 430 || len(ra) != len(rb) {
		t.Fatalf("roster %d vs %d rows", len(ra), len(rb))
	}
	for i := range ra {
		if ra[i].ID != rb[i].ID || ra[i].Volunteer.Phone != rb[i].Volunteer.Phone ||
			ra[i].Status != rb[i].Status || !ra[i].CreatedAt.Equal(rb[i].CreatedAt) {
			t.Fatalf("roster row %d: %+v vs %+v", i, ra[i].Registration, rb[i].Registration)
		}
	}
	res, err := dst.SignUp(ctx, models.SignUpRequest{CampaignID: c.ID, RoleCode: "reserve", Name: "新人", Phone: "13600136000",
		GroupName: "第0002志愿群", Sender: "新人"})
	if err != nil || res.Reg.ID <= 430 {
		t.Errorf("a sign-up after the copy: %+v %v", res.Reg, err)
	}

	if _, err := models.CopyAll(ctx, src, dst); !errors.Is(err, models.ErrTargetNotEmpty) {
		t.Errorf("copy into a used database: %v, want ErrTargetNotEmpty", err)
	}
}
