package web

import "mobilize/pii"

// Names are personal data too: a group called 李四13900139000的群, an
// organization or a volunteer whose name holds a phone, a remark such as
// 备用138*0013*8000. Every page shows them through these helpers, so a
// phone or ID number in a name is masked like the phone column; only the
// audited full roster shows a phone whole, and only in its phone column.

// masked is the line as the masked roster shows it: the name, the
// organization and the remark masked as the phone is.
func (l rosterLine) masked() rosterLine {
	l.Name, l.Org, l.Remark = pii.Mask(l.Name), pii.Mask(l.Org), pii.Mask(l.Remark)
	return l
}
