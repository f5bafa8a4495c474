package bot

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eatmoreapple/openwechat"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/*.golden")

// problemCases are the failures an operator meets, as openwechat returns
// them.
var problemCases = []struct {
	name string
	err  error
}{
	{"dns", errors.Join(openwechat.NetworkErr, errors.New(`Get "https://login.wx.qq.com/jslogin?appid=wx782c26e4c19acffb": dial tcp: lookup login.wx.qq.com on 127.0.0.53:53: no such host`))},
	{"refused", errors.Join(openwechat.NetworkErr, errors.New("dial tcp 203.205.254.157:443: connect: connection refused"))},
	{"1203", errors.New("当前登录环境异常。为了你的帐号安全，暂时不能登录web微信。你可以通过Windows微信、Mac微信或者手机客户端微信登录。")},
	{"forbidden", openwechat.ErrForbidden},
	{"1100", openwechat.Ret(1100)},
	{"1101", fmt.Errorf("load contact list: %w", openwechat.Ret(1101))},
	{"1102", openwechat.Ret(1102)},
	{"1205", openwechat.Ret(1205)},
	{"other", errors.New("xml: unexpected EOF")},
}

// TestProblemLinesGolden: every operator-facing login line, as it is
// logged and shown by status, against testdata/problems.golden.
func TestProblemLinesGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range problemCases {
		fmt.Fprintf(&b, "login %-9s %s\n", c.name, fmt.Sprintf(txtLoginFailed, loginProblem(c.err)))
	}
	for _, code := range []int{0, 1100, 1101, 1102} {
		fmt.Fprintf(&b, "ended %-9d %s\n", code, fmt.Sprintf(txtSessionEnded, problemLine(code)))
	}
	path := filepath.Join("testdata", "problems.golden")
	if *updateGolden {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("operator lines changed (go test ./bot -run Golden -update to accept):\n%s", b.String())
	}
}

// TestProblemLinesHideInternals: no line shows a URL, a host, an address
// or the library's English.
func TestProblemLinesHideInternals(t *testing.T) {
	for _, c := range problemCases {
		line := loginProblem(c.err)
		for _, bad := range []string{"http", "qq.com", "dial", "lookup", "wechat network error", "EOF", "127.0.0"} {
			if strings.Contains(line, bad) {
				t.Errorf("%s: line %q shows %q", c.name, line, bad)
			}
		}
	}
}

// TestEveryProblemHasItsOwnLine: the six problems the operator must tell
// apart get six different lines, none the catch-all.
func TestEveryProblemHasItsOwnLine(t *testing.T) {
	seen := map[string]string{}
	for _, c := range problemCases[:8] {
		if c.name == "refused" || c.name == "forbidden" {
			continue
		}
		line := loginProblem(c.err)
		if line == problemLines[problemUnknown] {
			t.Errorf("%s falls into the catch-all", c.name)
		}
		if other, dup := seen[line]; dup {
			t.Errorf("%s and %s share a line", c.name, other)
		}
		seen[line] = c.name
	}
}
