package report

import (
	"strings"
	"testing"
)

// The tally's ranking names only organizations with people: one whose
// sign-ups were all cancelled, or that only pledged, is counted as having
// answered but never shown as 最多：… 0 (issue 15).
func TestRankingLeavesOutOrganizationsWithNobody(t *testing.T) {
	tl := Tally{Orgs: []OrgTally{
		{Name: "营养学会", Confirmed: 3},
		{Name: "慈善会", Waitlisted: 1},
		{Name: "商会", Cancelled: 2},
	}}
	got := strings.Join(tl.orgLines(), "\n")
	if !strings.Contains(got, "营养学会 3") || !strings.Contains(got, "慈善会 1") || strings.Contains(got, "商会 0") {
		t.Fatalf("ranking:\n%s", got)
	}
	only := Tally{Orgs: []OrgTally{{Name: "商会", Cancelled: 2}}}
	if got := strings.Join(only.orgLines(), "\n"); strings.Contains(got, txtTop) {
		t.Fatalf("a ranking of nobody:\n%s", got)
	}
}
