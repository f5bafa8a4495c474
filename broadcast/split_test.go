package broadcast

import (
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

func TestSplitBody(t *testing.T) {
	para := func(c string, n int) string { return strings.Repeat(c, n) }
	cases := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"short stays whole", "第一段\n\n第二段", 200, []string{"第一段\n\n第二段"}},
		{"split between paragraphs", para("甲", 120) + "\n\n" + para("乙", 120), 200,
			[]string{"（1/2）\n" + para("甲", 120), "（2/2）\n" + para("乙", 120)}},
		{"paragraphs packed together", para("甲", 50) + "\n\n" + para("乙", 50) + "\n \n" + para("丙", 150), 200,
			[]string{"（1/2）\n" + para("甲", 50) + "\n\n" + para("乙", 50), "（2/2）\n" + para("丙", 150)}},
		{"long paragraph cut at sentences", para("甲", 100) + "。" + para("乙", 100) + "。", 200,
			[]string{"（1/2）\n" + para("甲", 100) + "。", "（2/2）\n" + para("乙", 100) + "。"}},
		{"no boundary at all: hard cut", para("甲", 400), 200,
			[]string{"（1/3）\n" + para("甲", 192), "（2/3）\n" + para("甲", 192), "（3/3）\n" + para("甲", 16)}},
		{"CRLF and blank ends", "\r\n甲\r\n\r\n乙\r\n", 200, []string{"甲\n\n乙"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := SplitBody(tc.text, tc.limit)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("got %q\nwant %q", got, tc.want)
			}
			for _, p := range got {
				if runeLen(p) > tc.limit {
					t.Fatalf("part of %d runes > limit %d", runeLen(p), tc.limit)
				}
			}
		})
	}
}

func TestFooterFromCampaignRoles(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	deadline := time.Date(2026, 12, 1, 18, 0, 0, 0, loc)
	roles := []RolePlaces{
		{Role: models.Role{Code: "pioneer", Name: "志愿先锋", Aliases: "先锋,先锋队员,志愿先锋", Quota: 40, PhoneRequired: true}},
		{Role: models.Role{Code: "driver", Name: "司机", Quota: 5}, Confirmed: 2},
	}
	got := Footer(roles, &deadline, loc, 0)
	want := "【报名方式】在本群回复：\n" +
		"「报名 先锋 姓名 手机号」报志愿先锋（40 名）\n" +
		"「报名 司机 姓名」报司机（剩 3/5 名）\n" +
		"截止：2026-12-01 18:00\n" +
		"回复「名额」查看剩余名额，「帮助」查看全部指令。"
	if got != want {
		t.Fatalf("footer:\n%s\nwant:\n%s", got, want)
	}
	if got := Footer(roles[:1], nil, loc, 3); !strings.Contains(got, "「报名 3 先锋 姓名 手机号」") || strings.Contains(got, "截止") {
		t.Fatalf("numbered footer without deadline:\n%s", got)
	}
}

func TestMessagesOrder(t *testing.T) {
	msgs := Messages("招募", "正文", "/a/p.png", "/a/d.pdf", "页脚", 2000)
	var kinds []string
	for _, m := range msgs {
		kinds = append(kinds, m.Media+":"+m.Text+m.Path)
	}
	want := ":【招募】\n\n正文|image:/a/p.png|file:/a/d.pdf|:页脚"
	if strings.Join(kinds, "|") != want {
		t.Fatalf("messages = %q", kinds)
	}
}
