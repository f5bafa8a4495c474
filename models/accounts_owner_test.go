package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestRuleOwnerIsStableAndSpreadsGroups(t *testing.T) {
	accounts := []string{"值班号1", "值班号2", "值班号3"}
	count := map[string]int{}
	for i := range 300 {
		g := fmt.Sprintf("第%03d社会组织群", i)
		owner := ruleOwner(g, accounts)
		if again := ruleOwner(g, []string{"值班号3", "值班号1", "值班号2"}); again != owner {
			t.Fatalf("%s: owner %s, in another order %s", g, owner, again)
		}
		count[owner]++
		// A fourth account takes a group only where it scores highest:
		// the others keep theirs.
		if four := ruleOwner(g, append(slices.Clone(accounts), "值班号4")); four != owner && four != "值班号4" {
			t.Fatalf("%s moved from %s to %s when 值班号4 came", g, owner, four)
		}
	}
	for _, a := range accounts {
		if count[a] < 70 || count[a] > 130 {
			t.Fatalf("owners %v: far from a third each", count)
		}
	}
}

func TestNoteServedElectsAnOwnerAndStaffAssignmentSticks(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	const g = "广安市营养学会志愿群"
	if owner, err := s.GroupOwner(ctx, g); err != nil || owner != "" {
		t.Fatalf("owner of a group nobody serves = %q, %v", owner, err)
	}
	if err := s.NoteServed(ctx, "值班号1", []string{g, "家人群"}); err != nil {
		t.Fatal(err)
	}
	if owner, _ := s.GroupOwner(ctx, g); owner != "值班号1" {
		t.Fatalf("owner %q, want the only serving account", owner)
	}
	if err := s.NoteServed(ctx, "值班号2", []string{g}); err != nil {
		t.Fatal(err)
	}
	want := ruleOwner(g, []string{"值班号1", "值班号2"})
	if owner, _ := s.GroupOwner(ctx, g); owner != want {
		t.Fatalf("owner %q, want the rule's %q", owner, want)
	}
	other := "值班号1"
	if want == other {
		other = "值班号2"
	}
	before, after, err := s.AssignOwner(ctx, g, other, "staff:王局")
	if err != nil || before != want || after != other {
		t.Fatalf("assign = %q → %q, %v", before, after, err)
	}
	// A third account logging in, and both logging in again, leave the
	// staff's choice alone.
	for _, a := range []string{"值班号3", "值班号1", "值班号2"} {
		if err := s.NoteServed(ctx, a, []string{g}); err != nil {
			t.Fatal(err)
		}
	}
	if owner, _ := s.GroupOwner(ctx, g); owner != other {
		t.Fatalf("owner %q after logins, want the staff's %q", owner, other)
	}
	owners, err := s.GroupOwners(ctx)
	if err != nil || owners[g].Account != other || !owners[g].ByStaff || len(owners[g].Serving) != 3 {
		t.Fatalf("owners %+v, %v", owners[g], err)
	}
	if _, ok := owners["家人群"]; !ok {
		t.Fatal("a served group missing from GroupOwners")
	}
	if groups, _ := s.TargetGroups(ctx); len(groups) != 0 {
		t.Fatalf("serving a group made group rows: %+v", groups)
	}
	// Back to the rule, now with three accounts.
	if _, after, err := s.AssignOwner(ctx, g, "", "staff:王局"); err != nil || after != ruleOwner(g, []string{"值班号1", "值班号2", "值班号3"}) {
		t.Fatalf("back to the rule: %q, %v", after, err)
	}
	audit, err := s.RecentAudit(ctx, AuditOwnerAssign, 10)
	if err != nil || len(audit) != 2 || audit[1].Actor != "staff:王局" || audit[1].Detail != fmt.Sprintf("群「%s」：%s → %s", g, want, other) {
		t.Fatalf("audit %+v, %v", audit, err)
	}
}

func TestAssignOwnerRefusesAnAccountOutsideTheGroup(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if err := s.NoteServed(ctx, "值班号1", []string{"甲群"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AssignOwner(ctx, "甲群", "值班号2", "staff"); !errors.Is(err, ErrNotServing) {
		t.Fatalf("assign to a non-member: %v, want ErrNotServing", err)
	}
	if _, _, err := s.AssignOwner(ctx, "没有的群", "值班号1", "staff"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("assign in an unknown group: %v, want ErrNotFound", err)
	}
	if owner, _ := s.GroupOwner(ctx, "甲群"); owner != "值班号1" {
		t.Fatalf("a refused assignment changed the owner to %q", owner)
	}
	if n, _ := s.ServedCount(ctx); n["值班号1"] != 1 {
		t.Fatalf("served count %v", n)
	}
}

func TestNoteServedManyGroupsInBatches(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	var groups []string
	for i := range 450 {
		groups = append(groups, fmt.Sprintf("群%03d", i))
	}
	for range 2 { // a second login changes nothing
		if err := s.NoteServed(ctx, "值班号1", groups); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ServedGroups(ctx, "值班号1")
	if err != nil || len(got) != 450 {
		t.Fatalf("%d served groups, %v", len(got), err)
	}
	owners, _ := s.GroupOwners(ctx)
	if len(owners) != 450 || owners["群449"].Account != "值班号1" {
		t.Fatalf("%d owners; 群449 %+v", len(owners), owners["群449"])
	}
}
