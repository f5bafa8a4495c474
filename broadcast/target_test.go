package broadcast

import (
	"strings"
	"testing"

	"mobilize/models"
)

var testGroups = []models.TargetGroup{
	{GroupID: 1, Group: "营养学会群", Enabled: true, Org: "营养学会", Kind: "学会", Tags: ";广安区;卫生;"},
	{GroupID: 2, Group: "营养学会二群", Enabled: true, Org: "营养学会", Kind: "学会", Tags: ";广安区;卫生;"},
	{GroupID: 3, Group: "商会群", Enabled: true, Org: "川渝商会", Kind: "商会", Tags: ";前锋区;"},
	{GroupID: 4, Group: "慈善会群", Enabled: true, Org: "慈善总会", Kind: "慈善组织"},
	{GroupID: 5, Group: "自来群", Enabled: true, Org: "自来群", Unbound: true},
	{GroupID: 6, Group: "停用群", Enabled: false, Org: "停用会", Kind: "学会"},
}

func TestParseAndResolveTargets(t *testing.T) {
	cases := []struct {
		name  string
		exprs []string
		want  string // group ids, or the error's text fragment after "!"
	}{
		{"all: bound and enabled only", []string{"all"}, "1 2 3 4"},
		{"Chinese all", []string{"全部"}, "1 2 3 4"},
		{"kind", []string{"kind:学会"}, "1 2"},
		{"kind with full-width colon", []string{"类型：商会"}, "3"},
		{"tag", []string{"tag:广安区"}, "1 2"},
		{"org", []string{"org:川渝商会"}, "3"},
		{"group reaches an unbound group", []string{"group:自来群"}, "5"},
		{"union, each once", []string{"kind:学会 tag:卫生", "org:慈善总会，group:自来群"}, "1 2 4 5"},
		{"all plus an unbound group", []string{"all、群:自来群"}, "1 2 3 4 5"},
		{"unknown kind", []string{"kind:基金会"}, "!没有类型为「基金会」"},
		{"unknown tag", []string{"tag:岳池县"}, "!没有标签为「岳池县」"},
		{"unbound org is not an org", []string{"org:自来群"}, "!没有名为「自来群」且已绑定群的组织"},
		{"unknown group", []string{"group:不存在"}, "!没有名为「不存在」的群"},
		{"disabled group named", []string{"group:停用群"}, "!群「停用群」已停用"},
		{"bad prefix", []string{"city:广安"}, "!无法识别的目标「city:广安」"},
		{"bare word", []string{"学会"}, "!无法识别的目标「学会」"},
		{"empty value", []string{"kind:"}, "!缺少名称"},
		{"nothing", []string{" ", ""}, "!请指定发送目标"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			terms, err := ParseTargets(tc.exprs...)
			var got []models.TargetGroup
			if err == nil {
				got, err = Resolve(terms, testGroups)
			}
			if strings.HasPrefix(tc.want, "!") {
				text, ok := UserText(err)
				if !ok || !strings.Contains(text, tc.want[1:]) {
					t.Fatalf("err = %v, want a user error containing %q", err, tc.want[1:])
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, g := range got {
				ids = append(ids, strings.Fields(map[uint]string{1: "1", 2: "2", 3: "3", 4: "4", 5: "5", 6: "6"}[g.GroupID])...)
			}
			if s := strings.Join(ids, " "); s != tc.want {
				t.Fatalf("groups = %s, want %s", s, tc.want)
			}
		})
	}
}

func TestResolveWithNoBoundGroups(t *testing.T) {
	terms, err := ParseTargets("all")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(terms, testGroups[4:5])
	if text, _ := UserText(err); !strings.Contains(text, "orgs import") {
		t.Fatalf("err = %v, want the hint to import organizations", err)
	}
}
