package models

import (
	"context"
	"testing"
)

// Two takers share a cut-off account's four shared groups by the rule;
// each pass reports all four groups' rows as handed over — the first
// taker's before the second moved its part, the second's after — so the
// admins' notice, sent once by whichever passes first, counts every row,
// not that taker's share. The group no other account serves is not among
// them.
func TestHandedCountsEveryTakersShare(t *testing.T) {
	ctx := context.Background()
	s, _ := twoTakersStore(t)
	moved := 0
	for _, taker := range []string{"值班号3", "值班号2", "值班号3"} {
		got, err := s.TakeOver(ctx, taker, live(fixedNow))
		if err != nil || len(got) != 1 {
			t.Fatalf("%s: %+v %v", taker, got, err)
		}
		c := got[0]
		moved += c.Moved
		if c.Handed != 4 || c.HandedGroups != 4 {
			t.Errorf("%s's pass: handed %d rows of %d groups (moved %d itself), want 4 of 4", taker, c.Handed, c.HandedGroups, c.Moved)
		}
	}
	if moved != 4 {
		t.Fatalf("moved %d rows in all, want 4", moved)
	}
}
