package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdminLinkRefusesBeforeOpening: a missing or unknown admin is refused
// in Chinese and no database (nor its directory) is created.
func TestAdminLinkRefusesBeforeOpening(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	for _, args := range [][]string{{"admin-link"}, {"admin-link", "--admin", "某人"}} {
		code, _, errs := mobilize(t, dir, "", args...)
		if code != 1 || !strings.Contains(errs, "admins") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a refused admin-link created %s (%v)", dir, err)
	}
}
