package models

// batchMemo remembers, for one group commit, the campaign and role and the
// groups its sign-ups looked up. A burst is many sign-ups for one role
// from a few groups, and inside one transaction nothing but the batch
// writes; reading them once per batch instead of once per sign-up saves
// two statements of the dozen a sign-up runs.
//
// Only rows that were read are remembered, never rows a sign-up created:
// its savepoint may be rolled back, taking the row with it. The committer
// also forgets everything after any rollback to a savepoint, so a memo
// never outlives what it saw.
type batchMemo struct {
	roles  map[roleKey]openedRole
	groups map[string]Group
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
	return &batchMemo{roles: map[roleKey]openedRole{}, groups: map[string]Group{}}
}

// forget drops everything remembered.
func (m *batchMemo) forget() {
	if m == nil {
		return
	}
	clear(m.roles)
	clear(m.groups)
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
