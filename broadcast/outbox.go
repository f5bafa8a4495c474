package broadcast

import "mobilize/models"

// outboxRow is one message for one group as an outbox row. Broadcasts are
// staff-authored and never merged with replies.
func outboxRow(group string, m Message) models.OutboxMessage {
	text := m.Text
	if m.Media != MediaText {
		// Until the outbox carries media, an attachment is announced by
		// its path; see the integrator's split.
		text = m.Path
	}
	return models.OutboxMessage{Target: group, IsGroup: true, Kind: models.KindBroadcast, Text: text}
}
