package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// orgs list masks a phone in an organization's or a group's name, and an
// ESC in the file never reaches the terminal.
func TestOrgsListMasksAndStripsNames(t *testing.T) {
	dir := t.TempDir()
	csv := "组织名称,类型,群名称,联系人\n李四13900139000的学会\x1b[31m,学会,李四13900139000的群,\n"
	os.WriteFile(filepath.Join(dir, "orgs.csv"), []byte(csv), 0o600)
	if code, _, errs := mobilize(t, dir, "", "orgs", "import", filepath.Join(dir, "orgs.csv")); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := mobilize(t, dir, "", "orgs", "list")
	if code != 0 || !strings.Contains(out, "李四139****9000的学会") || !strings.Contains(out, "李四139****9000的群") ||
		strings.Contains(out, "13900139000") || strings.Contains(out, "\x1b") {
		t.Fatalf("orgs list: %d %q %q", code, out, errs)
	}
}
