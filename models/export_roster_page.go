package models

import (
	"context"
	"errors"
	"strings"
)

// RosterQuery is one page of the admin roster: the rows after Offset
// matching Search (a part of the name or of the organization's name, any
// case; empty: all), at most Limit of them.
type RosterQuery struct {
	Search        string
	Offset, Limit int
}

// errPageFull stops the roster stream once a page is complete.
var errPageFull = errors.New("roster page full")

// RosterPage returns one page of the campaign's roster, in the roster's
// order (EachRosterRow), and whether more rows match after it. Rows are
// streamed and only the page is kept, so a view's memory does not grow
// with the campaign (300,000 registrations were 855 MB in one view when
// the console loaded the whole roster); the stream stops at the page's
// end, so the first pages of a million rows cost what a small campaign's do.
func (s *Store) RosterPage(ctx context.Context, campaignID uint, q RosterQuery) (rows []RosterRow, more bool, err error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	needle := strings.ToLower(strings.TrimSpace(q.Search))
	skip := max(q.Offset, 0)
	rows = make([]RosterRow, 0, q.Limit)
	err = s.EachRosterRow(ctx, campaignID, func(r RosterRow) error {
		if needle != "" && !strings.Contains(strings.ToLower(r.Name), needle) &&
			!strings.Contains(strings.ToLower(r.Organization), needle) {
			return nil
		}
		if skip > 0 {
			skip--
			return nil
		}
		if len(rows) == q.Limit {
			more = true
			return errPageFull
		}
		rows = append(rows, r)
		return nil
	})
	if errors.Is(err, errPageFull) {
		err = nil
	}
	return rows, more, err
}
