package models

import (
	"gorm.io/gorm"
)

// countHanded fills in c.Handed and c.HandedGroups: the cut-off account's
// rows moved to any account since it went down (this pass's moves
// included) plus its rows still waiting for the groups another working
// account takes at its next pass (others). Each taker moves only the
// groups the rule gives it, so one pass's own moves are a part of the
// whole — the admins' notice, sent once by whichever taker gets there
// first, would otherwise report that part as if it were all.
func countHanded(tx *gorm.DB, c *CutOffAccount, others []string, l Liveness) error {
	down := l.DownSince(c.State)
	var moves []OutboxMove
	// A struct condition: gorm quotes the column "from", an SQL keyword.
	if err := tx.Where(&OutboxMove{From: c.State.Account}).Find(&moves).Error; err != nil {
		return err
	}
	ids := make([]uint, 0, len(moves))
	for _, m := range moves {
		// Times are compared here, not in SQL: SQLite compares its stored
		// times as text, and the two were written in different zones.
		if !m.At.Before(down) {
			ids = append(ids, m.OutboxID)
		}
	}
	var rows []struct {
		Target string
		ID     uint
	}
	groups := map[string]bool{}
	if len(ids) > 0 {
		if err := tx.Model(&OutboxMessage{}).Select("target, id").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
			return err
		}
	}
	for _, r := range rows {
		groups[r.Target] = true
	}
	c.Handed = len(rows)
	if len(others) > 0 {
		var n int64
		if err := tx.Model(&OutboxMessage{}).Where("account = ? AND status = ? AND is_group = ? AND target IN ?",
			c.State.Account, OutboxPending, true, others).Count(&n).Error; err != nil {
			return err
		}
		c.Handed += int(n)
		for _, g := range others {
			groups[g] = true
		}
	}
	c.HandedGroups = len(groups)
	return nil
}
