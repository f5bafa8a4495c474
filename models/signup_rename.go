package models

import "fmt"

// AuditRename is the audit action of a member correcting the name their
// phone was registered under.
const AuditRename = "volunteer.rename"

// renameOwn lets a member fix their own name: a sign-up whose phone is held
// under another name renames that volunteer when the same sender, in the
// same group, registered the phone before (someone stored under a nickname
// or a title sends 报名 … 正确姓名 同一手机号). Anyone else typing the phone
// is still refused with ErrPhoneOwned: a mistyped phone must not rewrite
// another person's registration. It reports whether it renamed.
func (t *txn) renameOwn(v *Volunteer, r SignUpRequest) (bool, error) {
	// A blank sender or the web form owns nothing (signup_ownership.go): another
	// web submission must not rename whoever signed up on the web.
	if Nobody(r.Sender) || r.Sender == WebSender || r.GroupName == "" {
		return false, nil
	}
	var n int64
	err := t.DB.Model(&Registration{}).Joins("JOIN groups ON groups.id = registrations.group_id").
		Where("registrations.volunteer_id = ? AND registrations.sender = ? AND groups.name = ?", v.ID, r.Sender, r.GroupName).
		Count(&n).Error
	if err != nil || n == 0 {
		return false, err
	}
	old := v.Name
	if err := t.DB.Model(&Volunteer{}).Where("id = ?", v.ID).Update("name", r.Name).Error; err != nil {
		return false, fmt.Errorf("rename volunteer: %w", err)
	}
	v.Name = r.Name
	return true, writeAudit(t.DB, r.Sender, AuditRename, fmt.Sprintf("姓名更正：%s → %s", old, r.Name))
}
