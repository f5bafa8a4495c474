package models

import (
	"context"
	"sort"
	"time"
)

// Answer is the one definition of "an organization answered a campaign",
// which every view counts with (broadcast status, the console's 进度,
// report and the daily tally, the workbook, the demo): the organization
// has at least one registration for the campaign filed under one of its
// groups — in any status, since one cancelled later was still an answer.
// Answers are counted among the organizations the campaign was sent to (a
// delivery queued for one of their groups); organizations that answered
// without being sent to (a forwarded link, a group that found the bot)
// are counted apart, never mixed into that ratio.
type Answer struct {
	// SentTo are the organizations the campaign was sent to, by id.
	SentTo map[uint]bool
	// Registered are the organizations with a registration, by id.
	Registered map[uint]bool
}

// Sent is how many organizations the campaign was sent to.
func (a Answer) Sent() int { return len(a.SentTo) }

// Answered is how many of the organizations sent to answered.
func (a Answer) Answered() int {
	n := 0
	for id := range a.SentTo {
		if a.Registered[id] {
			n++
		}
	}
	return n
}

// Unsent lists, by id, the organizations that answered without being sent
// to.
func (a Answer) Unsent() []uint {
	return sortedIDs(a.Registered, func(id uint) bool { return !a.SentTo[id] })
}

// Silent lists, by id, the organizations sent to that have not answered.
func (a Answer) Silent() []uint {
	return sortedIDs(a.SentTo, func(id uint) bool { return !a.Registered[id] })
}

func sortedIDs(set map[uint]bool, keep func(uint) bool) []uint {
	var out []uint
	for id, in := range set {
		if in && keep(id) {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// SentTo lists the organizations (of the groups, as bound now) the
// campaign was queued for before before; the zero time means ever.
func (s *Store) SentTo(ctx context.Context, campaignID uint, before time.Time) (map[uint]bool, error) {
	q := s.reads(ctx).Table("deliveries").Select("DISTINCT groups.organization_id").
		Joins("JOIN groups ON groups.id = deliveries.group_id").Where("deliveries.campaign_id = ?", campaignID)
	if !before.IsZero() {
		q = q.Where("deliveries.queued_at < ?", before.UTC())
	}
	var ids []uint
	if err := q.Pluck("groups.organization_id", &ids).Error; err != nil {
		return nil, err
	}
	out := make(map[uint]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// Answer reads the campaign's answer as it stands: the organizations sent
// to, and those with a registration now.
func (s *Store) Answer(ctx context.Context, campaignID uint) (Answer, error) {
	sent, err := s.SentTo(ctx, campaignID, time.Time{})
	if err != nil {
		return Answer{}, err
	}
	first, err := s.FirstSignups(ctx, campaignID)
	if err != nil {
		return Answer{}, err
	}
	reg := make(map[uint]bool, len(first))
	for _, f := range first {
		reg[f.OrganizationID] = true
	}
	return Answer{SentTo: sent, Registered: reg}, nil
}
