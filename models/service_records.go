package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ServiceLog is one 打卡: hours of service on a day, for a registration.
// Undone records are soft-deleted (kept for the audit trail).
type ServiceLog struct {
	ID             uint `gorm:"primaryKey"`
	CampaignID     uint `gorm:"index;not null"`
	RegistrationID uint `gorm:"not null"`
	VolunteerID    uint `gorm:"index:idx_service_day;not null"`
	GroupID        uint `gorm:"index"`
	Group          Group
	Day            string `gorm:"index:idx_service_day;size:10;not null"` // YYYY-MM-DD, local
	Hours          float64
	People         int
	Activity       string
	Place          string
	Extra          string
	Sender         string
	MsgID          string
	CreatedAt      time.Time
	DeletedAt      gorm.DeletedAt `gorm:"index"`
}

// ErrNothingToUndo means the sender has no record left to undo.
var ErrNothingToUndo = errors.New("no service record to undo")

// ErrDayFull means a record would take someone past 24 hours in a day.
var ErrDayFull = errors.New("more than 24 hours in a day")

// ServiceRequest is a 打卡 to store.
type ServiceRequest struct {
	GroupName, Sender, MsgID string
	Day                      string
	Hours                    float64
	People                   int
	Activity, Place, Extra   string
}

// ServiceResult is a stored record with the person's totals after it.
type ServiceResult struct {
	Log          ServiceLog
	Volunteer    Volunteer
	DayHours     float64
	TotalHours   float64
	TotalPeople  int
	CampaignName string
}

// AddService stores a record against the sender's registration in that
// group (in an open campaign), refusing more than 24 hours in one day.
func (s *Store) AddService(ctx context.Context, r ServiceRequest) (ServiceResult, error) {
	var out ServiceResult
	err := s.tx(ctx, func(tx *gorm.DB) error {
		reg, err := senderRegistration(tx, r.GroupName, r.Sender)
		if err != nil {
			return err
		}
		day, err := dayHours(tx, reg.VolunteerID, r.Day)
		if err != nil {
			return err
		}
		if day+r.Hours > 24 {
			out.DayHours = day
			return fmt.Errorf("%w: %.1f already", ErrDayFull, day)
		}
		out.Log = ServiceLog{CampaignID: reg.CampaignID, RegistrationID: reg.ID, VolunteerID: reg.VolunteerID,
			GroupID: reg.GroupID, Day: r.Day, Hours: r.Hours, People: r.People, Activity: r.Activity,
			Place: r.Place, Extra: r.Extra, Sender: r.Sender, MsgID: r.MsgID}
		if err := tx.Create(&out.Log).Error; err != nil {
			return err
		}
		return fillTotals(tx, &out, reg)
	})
	return out, err
}

// UndoService removes the sender's latest record in that group.
func (s *Store) UndoService(ctx context.Context, groupName, sender string) (ServiceResult, error) {
	var out ServiceResult
	err := s.tx(ctx, func(tx *gorm.DB) error {
		reg, err := senderRegistration(tx, groupName, sender)
		if err != nil {
			return err
		}
		if err := tx.Where("volunteer_id = ? AND sender = ?", reg.VolunteerID, sender).Order("id DESC").
			First(&out.Log).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNothingToUndo
			}
			return err
		}
		if err := tx.Delete(&out.Log).Error; err != nil {
			return err
		}
		return fillTotals(tx, &out, reg)
	})
	return out, err
}

// senderRegistration finds the single person the sender signed up in this
// group (newest campaign first). A sender who signed up several people is
// ambiguous: service is reported by each person.
func senderRegistration(tx *gorm.DB, groupName, sender string) (Registration, error) {
	regs, err := findAllActive(tx, 0, Who{GroupName: groupName, Sender: sender})
	if err != nil {
		return Registration{}, err
	}
	best := regs[len(regs)-1]
	for _, r := range regs {
		if r.VolunteerID != best.VolunteerID {
			return Registration{}, ErrAmbiguous
		}
	}
	return loadReg(tx, best.ID)
}

func dayHours(tx *gorm.DB, volunteerID uint, day string) (float64, error) {
	var h float64
	err := tx.Model(&ServiceLog{}).Where("volunteer_id = ? AND day = ?", volunteerID, day).
		Select("COALESCE(SUM(hours), 0)").Scan(&h).Error
	return h, err
}

func fillTotals(tx *gorm.DB, out *ServiceResult, reg Registration) error {
	out.Volunteer = reg.Volunteer
	var err error
	if out.DayHours, err = dayHours(tx, reg.VolunteerID, out.Log.Day); err != nil {
		return err
	}
	var tot struct {
		H float64
		P int
	}
	err = tx.Model(&ServiceLog{}).Where("volunteer_id = ? AND campaign_id = ?", reg.VolunteerID, reg.CampaignID).
		Select("COALESCE(SUM(hours), 0) AS h, COALESCE(SUM(people), 0) AS p").Scan(&tot).Error
	out.TotalHours, out.TotalPeople = tot.H, tot.P
	return err
}

// ServiceLogs lists a campaign's records (undone ones left out), with the
// group and organization each was reported from.
func (s *Store) ServiceLogs(ctx context.Context, campaignID uint) ([]ServiceLog, error) {
	var logs []ServiceLog
	// Joined, not preloaded: no parameter list grows with the data.
	err := s.db.WithContext(ctx).Joins("Group").Joins("Group.Organization").Where("service_logs.campaign_id = ?", campaignID).
		Order("service_logs.id").Find(&logs).Error
	return logs, err
}
