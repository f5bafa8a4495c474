package models

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"gorm.io/gorm"
)

// The ownership rules, written down once (docs/one-truth.md says the same
// in words). A registration belongs to the group where it was first made
// and to the sender of that message — the member, or the 接龙 poster or
// team leader who signed them up. A later sign-up for the same phone from
// another group, from another sender or from the web form changes nothing:
// not the group, not the role, not the sender. It gets a RegisteredError,
// so the member is told where and as what they are registered.

// WebSender is the Sender stored on sign-ups made on the web form. It
// starts with a control character (SOH), which no sender of a chat message
// can hold (every transport's names pass pii.Printable, which drops them),
// so no chat message is ever its owner: a member with an empty or blank
// nickname cannot see or cancel web sign-ups. Not NUL, which PostgreSQL's
// text cannot hold; oldWebSender is what SQLite databases stored before.
const WebSender = "\x01web"

const oldWebSender = "\x00web"

// Nobody reports whether a sender name identifies nobody: empty, or only
// spaces (U+3000 included) and invisible format characters. WeChat gives
// such names to members who joined seconds ago or chose a blank nickname;
// matching on them would let every such member act for each other.
func Nobody(sender string) bool {
	return strings.TrimFunc(sender, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || r == '\u3164' || r == '\u115f' || r == '\u1160'
	}) == ""
}

// ownedBy reports whether a sign-up or cancel sent by sender in group
// groupID may act on reg: the same group and the same, usable sender.
func ownedBy(reg Registration, groupID uint, sender string) bool {
	return reg.GroupID == groupID && reg.Sender == sender && !Nobody(sender) && sender != WebSender
}

// RegisteredError refuses a sign-up for a phone already registered in the
// campaign by someone else or elsewhere; nothing was changed. Reg has its
// Role, Volunteer and Group (with Organization) loaded, for the reply.
type RegisteredError struct {
	Reg Registration
	// SameGroup: the registration is filed under the asking group (made by
	// another sender or on the web).
	SameGroup bool
}

func (e *RegisteredError) Error() string {
	return fmt.Sprintf("registration %d already holds this phone", e.Reg.ID)
}

// ErrNobody refuses a lookup by a sender name that names nobody (Nobody):
// the member is asked for a phone number or to try again later.
var ErrNobody = fmt.Errorf("sender names nobody: %w", ErrNotFound)

// ErrNotOwner refuses a member's cancel of a registration that is neither
// theirs nor one they made for someone; see NotOwnerError.
var ErrNotOwner = errors.New("not the owner of the registration")

// NotOwnerError carries the registration a member may not cancel (loaded,
// for the masked name in the answer). It matches ErrNotOwner.
type NotOwnerError struct{ Reg Registration }

func (e *NotOwnerError) Error() string {
	return fmt.Sprintf("registration %d: %v", e.Reg.ID, ErrNotOwner)
}

// Is makes errors.Is(err, ErrNotOwner) hold.
func (e *NotOwnerError) Is(target error) bool { return target == ErrNotOwner }

// MaskedName is the volunteer's name as shown to someone who may not be
// them: the first character, then one * per further character (张**).
func (v Volunteer) MaskedName() string {
	r := []rune(v.Name)
	if len(r) == 0 {
		return ""
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}

// Place names where a registration is filed, for a member told where they
// are registered: the organization when the group is bound to one, else
// the group.
func (r Registration) Place() string {
	if r.Group.Organization.Name != "" {
		return r.Group.Organization.Name
	}
	return r.Group.Name
}

// migrateWebSender files web sign-ups made before WebSender existed (an
// empty sender, which a chat message from a blank nickname also had, or
// the NUL-led oldWebSender) under WebSender. It runs at every open of a
// SQLite file (the only kind that can predate it); the sender index
// keeps it cheap.
func migrateWebSender(tx *gorm.DB) error {
	if !dialectOf(tx).legacy() {
		return nil
	}
	err := tx.Exec(`UPDATE registrations SET sender = ? WHERE (sender = '' AND source_msg_id = 'web') OR sender = ?`,
		WebSender, oldWebSender).Error
	if err != nil {
		return fmt.Errorf("migrate web sign-up senders: %w", err)
	}
	return nil
}
