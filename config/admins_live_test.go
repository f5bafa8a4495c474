package config

import (
	"slices"
	"testing"
)

// TestLiveAdminsSharedByCopies: a reload's SetAdmins is seen by every
// copy made from the live config (each package holds its own copy), and a
// config never made live keeps its own Admins.
func TestLiveAdminsSharedByCopies(t *testing.T) {
	cfg := Default()
	cfg.Admins = []string{"王局", "李科"}
	if cfg.SetAdmins([]string{"王局"}) {
		t.Error("SetAdmins on a config not made live reported success")
	}
	live := cfg.WithLiveAdmins()
	copyHeld := live
	if !live.SetAdmins([]string{"王局"}) {
		t.Fatal("SetAdmins on a live config failed")
	}
	if !slices.Equal(copyHeld.AdminList(), []string{"王局"}) || copyHeld.IsAdmin("李科") || !copyHeld.IsAdmin("王局") {
		t.Errorf("a copy did not see the reload: %v", copyHeld.AdminList())
	}
	if !cfg.IsAdmin("李科") {
		t.Error("the original, not live, config changed")
	}
	if live.IsAdmin("") {
		t.Error("a blank remark is an admin")
	}
}
