package models

// batchMemo remembers, for one group commit, the campaign and role, the
// role's counter and the groups its sign-ups looked up. A burst is many sign-ups for one role
// from a few groups, and inside one transaction nothing but the batch
// writes; reading them once per batch instead of once per sign-up saves
// three statements of the ten a sign-up runs. The counter is the one
// remembered row the batch writes: bump applies every change to the
// remembered copy as it writes the row.
//
// A group a sign-up created is not remembered: its savepoint may be rolled
// back, taking the row with it. A role's counter may be created by the
// sign-up that first reads it, and is remembered; that is safe because the
// committer forgets everything after any rollback to a savepoint, so a memo
// never outlives what it saw.
type batchMemo struct {
	roles    map[roleKey]openedRole
	groups   map[string]Group
	counters map[uint]RoleCounter
}

type roleKey struct {
	campaign uint
	code     string
}

type openedRole struct {
	c Campaign
	r Role
}

func newBatchMemo() *batchMemo {
	return &batchMemo{roles: map[roleKey]openedRole{}, groups: map[string]Group{}, counters: map[uint]RoleCounter{}}
}

// forget drops everything remembered.
func (m *batchMemo) forget() {
	if m == nil {
		return
	}
	clear(m.roles)
	clear(m.groups)
	clear(m.counters)
}

// group returns the remembered group called name; a nil memo remembers
// nothing.
func (m *batchMemo) group(name string) (Group, bool) {
	if m == nil {
		return Group{}, false
	}
	g, ok := m.groups[name]
	return g, ok
}

// role returns the remembered campaign and role; a nil memo remembers
// nothing.
func (m *batchMemo) role(campaign uint, code string) (openedRole, bool) {
	if m == nil {
		return openedRole{}, false
	}
	o, ok := m.roles[roleKey{campaign, code}]
	return o, ok
}

// counter returns the remembered counter of role; a nil memo remembers
// nothing.
func (m *batchMemo) counter(role uint) (RoleCounter, bool) {
	if m == nil {
		return RoleCounter{}, false
	}
	c, ok := m.counters[role]
	return c, ok
}

// remember keeps c, just read from its row.
func (m *batchMemo) remember(c RoleCounter) {
	if m != nil {
		m.counters[c.RoleID] = c
	}
}

// bumped applies to the remembered counter of role (if any) the change
// qCounterBump just made to its row.
func (m *batchMemo) bumped(role uint, dc, dw int, seq int64) {
	c, ok := m.counter(role)
	if !ok {
		return
	}
	c.Confirmed, c.Waitlisted, c.WaitSeq = c.Confirmed+dc, c.Waitlisted+dw, max(c.WaitSeq, seq)
	m.counters[role] = c
}
