package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// ErrCampaignHasBody: the campaign already has another body. A body, once
// set, is what its groups received; changing it would send the next groups
// a different initiative under the same number.
var ErrCampaignHasBody = errors.New("campaign already has a body")

// AuditCampaignBody is the audit action of a body given to a bare campaign.
const AuditCampaignBody = "campaign.body"

// SetCampaignBody gives an open campaign with no body (one made by
// `campaign create` without --body-file) its body, so it can be broadcast.
// Setting the body it already has is a no-op; another body is refused
// with ErrCampaignHasBody, a closed campaign with ErrCampaignShut, an
// unknown one with ErrNotFound. Two staff giving bodies at the same moment
// cannot both win: the update only matches a campaign still without one.
func (s *Store) SetCampaignBody(ctx context.Context, id uint, body, actor string) error {
	body = strings.TrimSpace(body)
	if body == "" {
		return fmt.Errorf("campaign %d: empty body", id)
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Campaign{}).Where("id = ? AND status = ? AND TRIM(COALESCE(body, '')) = ''", id, CampaignOpen).
			Update("body", body)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			return writeAudit(tx, actor, AuditCampaignBody,
				fmt.Sprintf("倡议 %d，正文 %d 字", id, utf8.RuneCountInString(body)))
		}
		var c Campaign
		if err := tx.First(&c, id).Error; err != nil {
			return notFound(err, fmt.Sprintf("campaign %d", id))
		}
		switch {
		case c.Status != CampaignOpen:
			return fmt.Errorf("campaign %d: %w", id, ErrCampaignShut)
		case strings.TrimSpace(c.Body) == body:
			return nil
		}
		return fmt.Errorf("campaign %d: %w", id, ErrCampaignHasBody)
	})
}
