package broadcast

import (
	"fmt"

	"mobilize/models"
)

// outboxRow is one message for one group as an outbox row. Broadcasts are
// staff-authored (exempt from the outbox's phone masking) and never merged
// with replies. The dedupe key names the campaign, the group and the
// message's place, so the outbox itself refuses a second copy even if a
// delivery row were lost.
func outboxRow(campaignID uint, g models.TargetGroup, seq int, m Message) models.OutboxMessage {
	return models.OutboxMessage{Target: g.Group, IsGroup: true, Kind: models.KindBroadcast, Text: m.Text,
		Media: m.Media, Path: m.Path, DedupeKey: DedupeKey(campaignID, g.GroupID, seq)}
}

// DedupeKey is the outbox key of message seq (from 1) of a campaign's
// initiative to a group.
func DedupeKey(campaignID, groupID uint, seq int) string {
	return fmt.Sprintf("broadcast:%d:group:%d:%d", campaignID, groupID, seq)
}
