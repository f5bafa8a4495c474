package config

import (
	"slices"
	"sync/atomic"
)

// liveAdmins is the admin list a serving process shares between all its
// copies of Config, so that a reload (SIGHUP) that removes an admin takes
// effect in every package at once, not at the next restart.
type liveAdmins struct{ list atomic.Pointer[[]string] }

// WithLiveAdmins returns cfg with its admin list made live: every copy
// made from the result reads the list SetAdmins last stored. run and web
// call it once, before handing the config out; elsewhere the list is
// fixed and AdminList is Admins.
func (c Config) WithLiveAdmins() Config {
	l := &liveAdmins{}
	list := slices.Clone(c.Admins)
	l.list.Store(&list)
	c.live = l
	return c
}

// AdminList is the admins now in force: the live list after a reload,
// else Admins. Code that decides who is an admin reads this, never
// Admins, so a removed admin loses access without a restart.
func (c Config) AdminList() []string {
	if c.live == nil {
		return c.Admins
	}
	return *c.live.list.Load()
}

// IsAdmin reports whether remark (a contact's 备注) is an admin now. A
// blank remark is nobody.
func (c Config) IsAdmin(remark string) bool {
	return remark != "" && slices.Contains(c.AdminList(), remark)
}

// SetAdmins replaces the live admin list seen by every copy of c (a
// reload); it reports false, changing nothing, on a config that was not
// made live.
func (c Config) SetAdmins(admins []string) bool {
	if c.live == nil {
		return false
	}
	list := slices.Clone(admins)
	c.live.list.Store(&list)
	return true
}
