package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const orgsSample = "组织名称,类型,群名称,联系人\n广安市营养学会,学会,广安市营养学会志愿群,李会长\n邻水县蓝天应急救援队,社会服务机构,蓝天救援群,\n"

func TestDecodeCSV(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(orgsSample)
	if err != nil {
		t.Fatal(err)
	}
	utf16 := "\xFF\xFE" + "\x44\x7e" // "组" in UTF-16LE
	cases := []struct {
		name, in, want, problem string
	}{
		{"utf-8", orgsSample, orgsSample, ""},
		{"utf-8 with BOM", "\xEF\xBB\xBF" + orgsSample, orgsSample, ""},
		{"gbk (Excel on Chinese Windows)", gbk, orgsSample, ""},
		{"utf-16", utf16, "", "UTF-16"},
		{"latin-1 / binary", "name,kind\nCaf\xe9 \xff\x00\x01,x\n", "", "既不是 UTF-8 也不是 GBK"},
	}
	for _, c := range cases {
		got, err := decodeCSV([]byte(c.in))
		switch {
		case c.problem != "" && (err == nil || !strings.Contains(err.Error(), c.problem)):
			t.Errorf("%s: err = %v, want one naming %q", c.name, err, c.problem)
		case c.problem == "" && (err != nil || string(got) != c.want):
			t.Errorf("%s: got %q, %v", c.name, got, err)
		}
	}
}

// A GBK file saved by Excel imports with its Chinese intact.
func TestOrgsImportReadsGBK(t *testing.T) {
	dir := t.TempDir()
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(orgsSample)
	if err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dir, "orgs.csv")
	if err := os.WriteFile(csv, []byte(gbk), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := mobilize(t, dir, "", "orgs", "import", csv); code != 0 {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	code, out, errs := mobilize(t, dir, "", "orgs", "list")
	if code != 0 || !strings.Contains(out, "邻水县蓝天应急救援队") || !strings.Contains(out, "广安市营养学会志愿群") {
		t.Errorf("orgs list after a GBK import: %d\n%s%s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("组织名称,类型,群名称,联系人\n\"广安市营养学会,学会\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := mobilize(t, dir, "", "orgs", "import", bad); code != 1 || !strings.Contains(errs, "引号不成对") {
		t.Errorf("unbalanced quote: %d %q", code, errs)
	}
}
