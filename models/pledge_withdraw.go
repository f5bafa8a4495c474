package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// ErrDelivered refuses to withdraw a pledge already delivered: the goods
// are there, the record stays.
var ErrDelivered = errors.New("pledge already delivered")

// AuditPledgeWithdrawn is the audit action of 撤销认捐.
const AuditPledgeWithdrawn = "pledge.withdrawn"

// WithdrawPledge deletes pledge id for 撤销认捐: the member who pledged it,
// from the group they pledged in, takes back a pledge recorded by mistake
// (a sentence read as a pledge, a wrong figure). Like MarkDelivered,
// ErrNotFound covers "no such pledge" and "not yours". It is audited.
func (s *Store) WithdrawPledge(ctx context.Context, id uint, by PledgeOwner) (Pledge, error) {
	var p Pledge
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		member := PledgeOwner{GroupName: by.GroupName, Sender: by.Sender} // never as an admin
		if p, err = pledgeOf(tx, id, member); err != nil {
			return err
		}
		if p.Delivered {
			return ErrDelivered
		}
		if err := tx.Delete(&Pledge{}, p.ID).Error; err != nil {
			return err
		}
		return writeAudit(tx, pledgeActor(by), AuditPledgeWithdrawn,
			fmt.Sprintf("认捐 %d 号：%s %g%s", id, p.Item, p.Quantity, p.Unit))
	})
	return p, err
}
