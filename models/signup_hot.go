package models

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"

	"mobilize/pii"
)

// The sign-up path's statements. Each is checked against its query plan in
// TestHotPathQueryPlans: none may scan the registrations of a campaign or a
// role, so a sign-up costs the same in a campaign of a million.
const (
	qRole = `SELECT c.status, c.deadline, r.id, r.name, COALESCE(r.aliases, ''), r.quota, r.org_cap, r.phone_required
		FROM roles r JOIN campaigns c ON c.id = r.campaign_id WHERE r.campaign_id = ? AND r.code = ?`
	qGroup      = `SELECT id, COALESCE(organization_id, 0), enabled, created_at FROM groups WHERE name = ?`
	qVolByPhone = `SELECT id, name, created_at FROM volunteers WHERE phone = ? ORDER BY id LIMIT 1`
	qVolByName  = `SELECT id, name, created_at FROM volunteers WHERE phone = '' AND group_name = ? AND name = ?
		ORDER BY id LIMIT 1`
	// qVolInsert makes nothing when another process has just made the
	// same phone's volunteer (PostgreSQL's unique phone, dialect
	// constraints): that one is then read and used.
	qVolInsert = `INSERT INTO volunteers (name, phone, nickname, group_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`
	qVolUpdate = `UPDATE volunteers SET phone = ?, nickname = ?, group_name = ?, updated_at = ? WHERE id = ?`
	// qKnown: has the campaign seen this person? (any role, any status)
	qKnown = `SELECT EXISTS (SELECT 1 FROM registrations WHERE campaign_id = ? AND volunteer_id = ?)`
	// qOrgConfirmed: CROSS JOIN makes SQLite start from the organization's
	// groups; left to itself it walks every confirmed registration of the role.
	qOrgConfirmed = `SELECT COUNT(*) FROM groups g CROSS JOIN registrations r ON r.group_id = g.id
		WHERE g.organization_id = ? AND r.role_id = ? AND r.status = 'confirmed'`
	qRegInsert = `INSERT INTO registrations (campaign_id, role_id, status, wait_seq, volunteer_id, group_id,
		sender, source_msg_id, remark, switch_from, created_at, updated_at, confirmed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	// qPosition counts a waitlisted registration's queue up to it.
	qPosition = `SELECT COUNT(*) FROM registrations WHERE role_id = ? AND status = 'waitlisted' AND wait_seq <= ?`
)

// openRole loads the campaign's open/deadline state and the role in one
// query; when either is missing the cold lookup says which.
func (t *txn) openRole(campaignID uint, code string) (Campaign, Role, error) {
	if o, ok := t.memo.role(campaignID, code); ok {
		return o.c, o.r, nil
	}
	c, role, err := t.readRole(campaignID, code)
	if err == nil && t.memo != nil {
		t.memo.roles[roleKey{campaignID, code}] = openedRole{c, role}
	}
	return c, role, err
}

// readRole is openRole's query.
func (t *txn) readRole(campaignID uint, code string) (Campaign, Role, error) {
	c := Campaign{ID: campaignID}
	role := Role{CampaignID: campaignID, Code: code}
	var deadline sql.NullTime
	err := t.scan(qRole, []any{campaignID, code}, &c.Status, &deadline, &role.ID, &role.Name, &role.Aliases,
		&role.Quota, &role.OrgCap, &role.PhoneRequired)
	if errors.Is(err, sql.ErrNoRows) {
		return openRole(t.DB, campaignID, code)
	}
	if deadline.Valid {
		c.Deadline = &deadline.Time
	}
	return c, role, err
}

// group finds the sign-up's group, creating it (and an unbound
// organization) the first time it is seen.
func (t *txn) group(name string) (Group, error) {
	if g, ok := t.memo.group(name); ok {
		return g, nil
	}
	g := Group{Name: name}
	err := t.scan(qGroup, []any{name}, &g.ID, &g.OrganizationID, &g.Enabled, &g.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		// Created in this savepoint: not remembered (batchMemo).
		return ensureGroup(t.DB, name)
	}
	if err == nil && t.memo != nil {
		t.memo.groups[name] = g
	}
	return g, err
}

// upsertVolunteer finds the person by phone (or, without one, by name in the
// group) and refreshes where they were last seen; isNew when just created.
// A phone already held under another name is refused rather than renaming
// its owner: a mistyped phone must not rewrite someone else's registration
// — unless the owner is correcting their own name (renameOwn); renamed is
// then the old name.
func (t *txn) upsertVolunteer(r SignUpRequest) (v Volunteer, isNew bool, renamed string, err error) {
	name := cmp.Or(r.Name, r.DefaultName)
	if r.Phone != "" {
		err = t.scan(qVolByPhone, []any{r.Phone}, &v.ID, &v.Name, &v.CreatedAt)
	} else {
		err = t.scan(qVolByName, []any{r.GroupName, name}, &v.ID, &v.Name, &v.CreatedAt)
	}
	now := t.NowFunc()
	// The nickname is kept masked: a nickname may hold a phone (孙八13800138005).
	v.Phone, v.Nickname, v.GroupName, v.UpdatedAt = r.Phone, pii.MaskPhones(r.Sender), r.GroupName, now
	if errors.Is(err, sql.ErrNoRows) {
		v.Name, v.CreatedAt = name, now
		err = t.scan(qVolInsert, []any{v.Name, v.Phone, v.Nickname, v.GroupName, now, now}, &v.ID)
		if err == nil {
			return v, true, "", nil
		}
		if !errors.Is(err, sql.ErrNoRows) || r.Phone == "" {
			return v, false, "", fmt.Errorf("create volunteer: %w", err)
		}
		// Made meanwhile by another process: theirs, as if found first.
		err = t.scan(qVolByPhone, []any{r.Phone}, &v.ID, &v.Name, &v.CreatedAt)
	}
	switch {
	case err != nil:
		return v, false, "", err
	case r.Name != "" && v.Name != r.Name:
		old := v.Name
		ok, err := t.renameOwn(&v, r)
		if err != nil {
			return v, false, "", err
		}
		if !ok {
			return v, false, "", ErrPhoneOwned
		}
		renamed = old
	}
	_, err = t.exec(qVolUpdate, v.Phone, v.Nickname, v.GroupName, now, v.ID)
	return v, false, renamed, err
}

// known reports whether the campaign has any registration of the person.
func (t *txn) known(campaignID, volunteerID uint) (bool, error) {
	var yes bool
	err := t.scan(qKnown, []any{campaignID, volunteerID}, &yes)
	return yes, err
}

// room reports whether role has a free place, overall (from its counter)
// and for the organization (when the role caps organizations).
func (t *txn) room(role Role, cnt RoleCounter, orgID uint) (room, orgFull bool, err error) {
	if cnt.Confirmed >= role.Quota {
		return false, false, nil
	}
	if role.OrgCap == 0 {
		return true, false, nil
	}
	var inOrg int
	if err := t.scan(qOrgConfirmed, []any{orgID, role.ID}, &inOrg); err != nil {
		return false, false, err
	}
	return inOrg < role.OrgCap, inOrg >= role.OrgCap, nil
}

// insertReg stores a new registration with its counter and history.
func (t *txn) insertReg(reg *Registration, reason string) error {
	err := t.scan(qRegInsert, []any{reg.CampaignID, reg.RoleID, reg.Status, reg.WaitSeq, reg.VolunteerID,
		reg.GroupID, reg.Sender, reg.SourceMsgID, reg.Remark, reg.SwitchFrom, reg.CreatedAt, reg.UpdatedAt, reg.ConfirmedAt}, &reg.ID)
	if err != nil {
		return fmt.Errorf("create registration: %w", err)
	}
	if err := t.bump(reg.RoleID, "", reg.Status, reg.WaitSeq); err != nil {
		return err
	}
	return t.event(*reg, reg.Status, reason)
}
