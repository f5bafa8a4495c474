package models

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestImportReportsClaimsAndMoves(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	c := mustCampaign(t, s, 3, 3)
	mustSignUp(t, s, c, "pioneer", 1) // from testGroup, before any import
	rep, err := s.ImportOrgsReport(ctx, []OrgRow{
		{Line: 2, Name: "营养学会", Kind: "学会", Group: testGroup, Tags: []string{"广安区", " 卫生 ", "广安区"}},
		{Line: 3, Name: "救援队", Kind: "社会服务机构", Group: "救援群"},
	}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notes) != 1 || rep.Notes[0].Kind != ImportAdopted || rep.Notes[0].Signups != 1 || rep.Notes[0].Line != 2 {
		t.Fatalf("first import notes = %+v, want the adopted group with its sign-up", rep.Notes)
	}
	orgs, err := s.TargetGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range orgs {
		if g.Group == testGroup && (g.Org != "营养学会" || g.Tags != ";广安区;卫生;") {
			t.Fatalf("group %+v", g)
		}
	}

	// Two organizations claim one group, and a group moves: refused whole.
	rows := []OrgRow{
		{Line: 2, Name: "新学会", Group: "新群"},
		{Line: 3, Name: "另一会", Group: "新群"},
		{Line: 4, Name: "救援队二", Group: testGroup},
	}
	rep, err = s.ImportOrgsReport(ctx, rows, ImportOptions{})
	if !errors.Is(err, ErrImportConflict) {
		t.Fatalf("err = %v, want ErrImportConflict", err)
	}
	cs := rep.Conflicts()
	if len(cs) != 2 || cs[0].Line != 3 || cs[0].Kind != ImportClaimed || cs[0].FromLine != 2 ||
		cs[1].Line != 4 || cs[1].Kind != ImportMove || cs[1].From != "营养学会" || cs[1].Signups != 1 {
		t.Fatalf("conflicts = %+v", cs)
	}
	if list, err := s.ListOrgs(ctx); err != nil || len(list) != 2 {
		t.Fatalf("after a refused import: %d orgs (%v), want the 2 from before", len(list), err)
	}

	// With Move, the move is done and reported; the double claim still is not.
	rep, err = s.ImportOrgsReport(ctx, rows[2:], ImportOptions{Move: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notes) != 1 || rep.Notes[0].Kind != ImportMoved || rep.Notes[0].To != "救援队二" {
		t.Fatalf("notes = %+v", rep.Notes)
	}
}

// An imported organization, group or contact keeps no control character:
// orgs list, roster and report print them to a terminal.
func TestImportStripsControlCharacters(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	if _, _, err := s.ImportOrgs(ctx, []OrgRow{{Name: "营养\x1b[31m学会", Kind: "学\x07会", Group: "营养\x1b]0;x\x07群", Contact: "王\x1b五"}}); err != nil {
		t.Fatal(err)
	}
	orgs, err := s.ListOrgs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if strings.ContainsAny(o.Name+o.Kind+o.Contact, "\x1b\x07") {
			t.Errorf("organization kept a control character: %+v", o.Organization)
		}
		for _, g := range o.Groups {
			if strings.ContainsAny(g, "\x1b\x07") {
				t.Errorf("group kept a control character: %q", g)
			}
		}
	}
}

// TestImportOrgsFromRollsBackOnARowError: an error from the rows (a bad
// line met while the file is read) undoes the rows already imported.
func TestImportOrgsFromRollsBackOnARowError(t *testing.T) {
	s := mustOpen(t)
	bad := errors.New("第 3 行：缺少组织名称")
	rows := func(yield func(OrgRow, error) bool) {
		_ = yield(OrgRow{Name: "广安市营养学会", Group: "营养学会群"}, nil) &&
			yield(OrgRow{Name: "广安市餐饮商会", Group: "餐饮商会群"}, nil) &&
			yield(OrgRow{}, bad)
	}
	if _, err := s.ImportOrgsFrom(context.Background(), rows, ImportOptions{}); !errors.Is(err, bad) {
		t.Fatalf("err %v, want the row's", err)
	}
	if orgs, err := s.ListOrgs(context.Background()); err != nil || len(orgs) != 0 {
		t.Errorf("after a refused import: %d organizations %v", len(orgs), err)
	}
}
