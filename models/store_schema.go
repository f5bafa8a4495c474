package models

import "time"

// Organization is a social organization the bureau oversees. Unbound marks
// one created automatically for a group nobody has bound yet, so staff can
// find and fix it (mobilize orgs list).
type Organization struct {
	ID   uint   `gorm:"primaryKey"`
	Name string `gorm:"uniqueIndex;not null"`
	Kind string
	// Tags are ;-separated labels (district, sector) a broadcast can
	// target, stored with a leading and trailing ; (";广安区;教育;").
	Tags      string
	Contact   string
	Unbound   bool
	CreatedAt time.Time
}

// Group is a WeChat group, keyed by its name: WeChat's own UserName changes
// at every login and cannot be stored.
type Group struct {
	ID             uint   `gorm:"primaryKey"`
	Name           string `gorm:"uniqueIndex;not null"`
	OrganizationID uint   `gorm:"index"`
	Organization   Organization
	Enabled        bool `gorm:"not null;default:true"`
	CreatedAt      time.Time
}

// Campaign statuses.
const (
	CampaignOpen   = "open"
	CampaignClosed = "closed"
)

// Campaign is an initiative (倡议) with roles to sign up for.
type Campaign struct {
	ID        uint   `gorm:"primaryKey"`
	Title     string `gorm:"not null"`
	Body      string
	Status    string `gorm:"not null;index"`
	Deadline  *time.Time
	CreatedBy string
	CreatedAt time.Time
	Roles     []Role
}

// Role is a way to serve in a campaign, with its quota across all groups.
type Role struct {
	ID            uint   `gorm:"primaryKey"`
	CampaignID    uint   `gorm:"uniqueIndex:idx_role_code;not null"`
	Code          string `gorm:"uniqueIndex:idx_role_code;not null"`
	Name          string `gorm:"not null"`
	Aliases       string // comma-separated words members may type
	Quota         int    `gorm:"not null"`
	OrgCap        int    // places per organization; 0 = no cap
	PhoneRequired bool
}

// Volunteer is a person, identified by phone where one was given (or, without
// one, by name in the group: idx_vol_lookup serves both).
type Volunteer struct {
	ID        uint   `gorm:"primaryKey"`
	Name      string `gorm:"not null;index:idx_vol_lookup,priority:3"`
	Phone     string `gorm:"index;index:idx_vol_lookup,priority:1"`
	Nickname  string // last WeChat name seen
	GroupName string `gorm:"index:idx_vol_lookup,priority:2"` // last group seen
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Registration statuses.
const (
	StatusConfirmed  = "confirmed"
	StatusWaitlisted = "waitlisted"
	StatusCancelled  = "cancelled"
)

// Registration is one volunteer's sign-up for one role of one campaign.
// Its indexes serve the sign-up path (see signup_hot.go and the plans in
// TestHotPathQueryPlans): (campaign, volunteer) for "already registered?",
// (role, status, wait_seq) for the queue, (group, role, status) for an
// organization's share, switch_from for cancellations. WaitSeq orders the
// waitlist; the position shown is derived from it, so a
// promotion never has to renumber anyone. SwitchFrom is the registration a
// waitlisted role switch will replace once promoted.
type Registration struct {
	ID          uint   `gorm:"primaryKey"`
	CampaignID  uint   `gorm:"index:idx_reg_campaign_vol,priority:1;not null"`
	RoleID      uint   `gorm:"index:idx_reg_queue,priority:1;index:idx_reg_group_role,priority:2;not null"`
	Status      string `gorm:"index:idx_reg_queue,priority:2;index:idx_reg_group_role,priority:3;not null"`
	WaitSeq     int64  `gorm:"index:idx_reg_queue,priority:3"`
	VolunteerID uint   `gorm:"index;index:idx_reg_campaign_vol,priority:2;not null"`
	Volunteer   Volunteer
	Role        Role
	GroupID     uint `gorm:"index:idx_reg_group_role,priority:1"`
	Group       Group
	Sender      string `gorm:"index"` // WeChat name of whoever sent the sign-up
	SourceMsgID string
	// Remark is what the member added after the phone (党员, 有车, 男),
	// shown in the roster; never a phone number (the grammar refuses one).
	Remark      string
	SwitchFrom  uint `gorm:"index:idx_reg_switch,where:switch_from <> 0"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ConfirmedAt *time.Time
	CancelledAt *time.Time
}

// InboundMessage remembers every message id handled, so WeChat's duplicate
// deliveries and hot-login replays are handled once. Text is kept masked.
type InboundMessage struct {
	ID         uint   `gorm:"primaryKey"`
	MsgID      string `gorm:"uniqueIndex;not null"`
	Chat       string `gorm:"index:idx_inbound_copy,priority:1"`
	Sender     string
	Text       string
	ReceivedAt time.Time
	// Account is the bot account that received it; SentAt its WeChat
	// CreateTime (Unix seconds, 0 when unknown). A group message another
	// account already recorded with the same chat, sender and text within
	// a second is a copy of it (docs/accounts.md).
	Account string `gorm:"not null;default:''"`
	SentAt  int64  `gorm:"not null;default:0;index:idx_inbound_copy,priority:2"`
}

// AuditLog records who changed what outside the normal member flow.
type AuditLog struct {
	ID     uint `gorm:"primaryKey"`
	At     time.Time
	Actor  string
	Action string
	Detail string
}

// allModels lists every table for AutoMigrate.
func allModels() []any {
	return []any{&Organization{}, &Group{}, &Campaign{}, &Role{}, &Volunteer{},
		&Registration{}, &InboundMessage{}, &AuditLog{}, &ServiceLog{}, &Pledge{},
		&OutboxMessage{}, &OutboxAttempt{}, &AccountLease{}, &BotState{}, &JobRun{}, &JobClaim{}, &Nudge{},
		&WebSecret{}, &LoginLink{}, &AdminSession{},
		&Delivery{}, &DeliveryPart{}, &AdminPending{}, &ConsoleDraft{},
		&GroupAccount{}, &GroupOwner{}, &AccountNickname{}, &Attachment{}, &AccountState{}, &OutboxMove{}, &QuotaChange{}}
}
