package broadcast

import "testing"

// The audit's account part follows the configuration's order, puts an
// account no longer configured after those and the groups without an
// account last, leaves out accounts given none, and is empty with one
// account.
func TestAccountsDetailOrder(t *testing.T) {
	per := map[string]int{"值班号2": 35, "": 3, "旧号": 1, "值班号1": 40, "值班号3": 0}
	got := accountsDetail([]string{"值班号1", "值班号2", "值班号3"}, per)
	want := "；发送账号：值班号1 40 个群、值班号2 35 个群、旧号 1 个群、暂无账号 3 个群（等在群中的账号登录）"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if got := accountsDetail([]string{"默认"}, map[string]int{"默认": 75}); got != "" {
		t.Fatalf("one account: %q", got)
	}
}
