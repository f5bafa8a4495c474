package models

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// RegView is a registration with its derived waitlist position.
type RegView struct {
	Registration
	Position int
}

// MyRegistrations lists the active registrations in open campaigns that
// the phone, or the sender in that group, names (a team leader sees all
// the people they signed up), for 我的报名.
func (s *Store) MyRegistrations(ctx context.Context, who Who) ([]RegView, error) {
	var out []RegView
	err := s.readTx(ctx, func(tx *gorm.DB) error {
		regs, err := findAllActive(tx, 0, who)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, r := range regs {
			v, err := view(tx, r.ID)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

func view(tx *gorm.DB, id uint) (RegView, error) {
	reg, err := loadReg(tx, id)
	if err != nil {
		return RegView{}, err
	}
	pos, err := position(tx, reg)
	return RegView{Registration: reg, Position: pos}, err
}

// RoleCount is a role with how many hold it and how many wait.
type RoleCount struct {
	Role
	Confirmed  int
	Waitlisted int
}

// Left is how many places the role still has.
func (r RoleCount) Left() int { return max(r.Quota-r.Confirmed, 0) }

// RoleCounts counts confirmed and waitlisted people per role of a campaign,
// from the roles' counters (signup_counters.go): it answers 名额 and every view of
// the web sign-up page, so it must not count a large campaign each time.
func (s *Store) RoleCounts(ctx context.Context, campaignID uint) ([]RoleCount, error) {
	return countRoles(s.reads(ctx), campaignID)
}

// Roster lists a campaign's registrations, cancelled ones included, ordered
// by role, then confirmed before waitlisted (in queue order) before
// cancelled. It holds them all in memory: the command line and the
// workbook stream with EachRosterRow instead. The associations are joined,
// not preloaded, so no parameter list grows with the campaign (a preload
// binds one parameter per row and fails past SQLite's 32,766).
func (s *Store) Roster(ctx context.Context, campaignID uint) ([]RegView, error) {
	var regs []Registration
	err := s.reads(ctx).Joins("Role").Joins("Volunteer").Joins("Group").Joins("Group.Organization").
		Where("registrations.campaign_id = ?", campaignID).
		Order("registrations.role_id").
		Order("CASE registrations.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END").
		Order("registrations.wait_seq, registrations.id").Find(&regs).Error
	if err != nil {
		return nil, err
	}
	out := make([]RegView, len(regs))
	pos := map[uint]int{}
	for i, r := range regs {
		out[i].Registration = r
		if r.Status == StatusWaitlisted {
			pos[r.RoleID]++
			out[i].Position = pos[r.RoleID]
		}
	}
	return out, nil
}
