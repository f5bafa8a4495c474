package handlers

import (
	"context"
	"strings"
	"testing"

	"mobilize/grammar"
	"mobilize/models"
)

// customCampaign opens a campaign whose roles are not the configured ones.
func (h *harness) customCampaign(title string, roles ...models.Role) models.Campaign {
	h.t.Helper()
	for i := range roles {
		roles[i].PhoneRequired = true
	}
	c, err := h.store.CreateCampaign(context.Background(), models.NewCampaign{Title: title, Roles: roles})
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// Every example a hint or the help shows must itself be a sign-up the bot
// accepts: typed as shown (with a real phone), it registers.
func TestHintsAreBuiltFromTheCampaignsRoles(t *testing.T) {
	tests := []struct {
		name  string
		roles []models.Role // nil: the configured defaults
		not   []string      // words the help must not offer
	}{
		{"defaults", nil, nil},
		{"custom role named like a default alias", []models.Role{{Code: "p", Name: "先锋", Quota: 1}}, []string{"储备"}},
		{"two custom roles", []models.Role{{Code: "med", Name: "医护", Quota: 3}, {Code: "drv", Name: "司机", Aliases: "开车", Quota: 2}}, []string{"储备", "先锋"}},
		{"custom codes, default names", []models.Role{{Code: "a", Name: "志愿先锋", Quota: 2}, {Code: "b", Name: "后勤", Quota: 2}}, []string{"储备"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			if tt.roles == nil {
				h.campaign("抗疫", 40, 145)
			} else {
				h.customCampaign("抗疫", tt.roles...)
			}
			help := h.reply(g1, "路人", "帮助")
			for _, w := range tt.not {
				if strings.Contains(help, w) {
					t.Errorf("help offers %q, a role this campaign does not have:\n%s", w, help)
				}
			}
			var lines []string
			for _, l := range strings.Split(help, "\n") {
				if strings.HasPrefix(l, "报名 ") {
					lines = append(lines, l)
				}
			}
			camp, err := h.store.Campaign(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(lines) != len(camp.Roles) {
				t.Fatalf("help has %d sign-up lines for %d roles:\n%s", len(lines), len(camp.Roles), help)
			}
			// A hint: a sign-up without a phone, answered with an example.
			hint := h.reply(g1, "路人", "报名 医疗志愿者 路人 13800000099")
			ex := hint[strings.LastIndex(hint, "例如：")+len("例如："):]
			lines = append(lines, ex)
			for i, l := range lines {
				phone := "1380000010" + string(rune('0'+i))
				typed := strings.Replace(l, "手机号", phone, 1)
				got := h.reply(g1, "成员", typed)
				if !strings.Contains(got, "报名成功") && !strings.Contains(got, "候补") {
					t.Errorf("the example %q, typed as shown, got %q", typed, got)
				}
			}
		})
	}
}

func TestCustomRoleNamedLikeADefaultAlias(t *testing.T) {
	h := newHarness(t)
	h.customCampaign("抗疫", models.Role{Code: "p", Name: "先锋", Quota: 1})
	contains(t, h.reply(g1, "路人", "帮助"), "报名 先锋 张三 手机号") // its name, not its code p
	contains(t, h.reply(g1, "李娜", "报名 先锋 李娜 13900000001"), "报名成功", "先锋")
	contains(t, h.reply(g1, "王五", "#接龙\n1. 王五 先锋 13900000002"), "新增 1 人", "候补 1 人")
	// A default role word this campaign does not have: the hint names its roles.
	got := h.reply(g1, "赵六", "报名 储备 赵六 13900000003")
	contains(t, got, "没有这个岗位", "可报：先锋")
	if strings.Contains(got, "储备") {
		t.Errorf("hint offers the default role: %q", got)
	}
}

func TestHelpListsEachOpenCampaign(t *testing.T) {
	h := newHarness(t)
	contains(t, h.reply(g1, "路人", "帮助"), "目前没有正在进行的报名", "取消报名")
	h.campaign("抗疫", 40, 145)
	h.customCampaign("防汛", models.Role{Code: "boat", Name: "冲锋舟", Quota: 5})
	help := h.reply(g1, "路人", "帮助")
	contains(t, help, "1. 抗疫", "2. 防汛", "报名 1 先锋 张三 手机号", "报名 2 冲锋舟 张三 手机号")
	contains(t, h.reply(g1, "路人", "帮助 2"), "报名 2 冲锋舟 张三 手机号")
	// Every hint in a campaign of several carries its number.
	contains(t, h.reply(g1, "王五", "报名 2 储备 王五 13900000002"), "可报：冲锋舟", "例如：报名 2 张三 手机号")
	contains(t, h.reply(g1, "王五", "报名 1 医疗志愿者 王五 13900000002"), "例如：报名 1 先锋 张三 手机号")
	contains(t, h.reply(g1, "王五", "打卡 3小时"), "请先报名再打卡，例如：报名 1 先锋 张三 手机号")
	contains(t, h.reply(g1, "陈一", "报名 先锋 陈一 13800000001"), "例如：报名 1 先锋 张三 手机号")
}

// Every grammar problem a command can have gets its own hint from the one
// table; none falls through to a generic or another command's text.
func TestEveryProblemHasAHint(t *testing.T) {
	problems := map[grammar.Kind][]grammar.Problem{
		grammar.SignUp:    {grammar.BadPhone, grammar.UnknownRole, grammar.BadName, grammar.MissingName},
		grammar.Cancel:    {grammar.BadPhone},
		grammar.MyStatus:  {grammar.BadPhone},
		grammar.Chain:     {grammar.BadPhone, grammar.UnknownRole, grammar.MissingName, grammar.BadName},
		grammar.Service:   {grammar.MissingHours, grammar.BadHours, grammar.BadNumber, grammar.BadDate},
		grammar.Pledge:    {grammar.MissingItem, grammar.MissingQty, grammar.ManyItems, grammar.BadNumber},
		grammar.Delivered: {grammar.MissingID, grammar.BadNumber},
	}
	h := roleHints{example: "报名 先锋 张三 手机号", names: "志愿先锋"}
	for k, ps := range problems {
		seen := map[string]grammar.Problem{}
		for _, p := range ps {
			if _, ok := problemHints[problemKey{k, p}]; !ok {
				t.Errorf("kind %d problem %d has no row in problemHints", k, p)
			}
			text := problemText(k, p, h)
			if text == "" || strings.Contains(text, "%!") {
				t.Errorf("kind %d problem %d: hint %q", k, p, text)
			}
			if q, dup := seen[text]; dup && k != grammar.Delivered && !(k == grammar.SignUp && q == grammar.BadName) {
				t.Errorf("kind %d: problems %d and %d share the hint %q", k, q, p, text)
			}
			seen[text] = p
		}
		if problemText(k, grammar.OK, h) != "" {
			t.Errorf("kind %d: OK has a hint", k)
		}
	}
}

// TestShortenedRoleNames: a campaign whose roles have no aliases (created
// with --role code:名称:名额) takes the short forms members type, as long as
// the short form is part of one role's name only.
func TestShortenedRoleNames(t *testing.T) {
	h := newHarness(t)
	h.customCampaign("抗疫", models.Role{Code: "res", Name: "储备志愿者", Quota: 5},
		models.Role{Code: "pio", Name: "志愿先锋", Quota: 3})
	contains(t, h.reply(g1, "赵一", "报名 储备 赵一 13700000050"), "报名成功", "储备志愿者")
	contains(t, h.reply(g1, "钱二", "报名 先锋 钱二 13700000051"), "报名成功", "志愿先锋")
	contains(t, h.reply(g1, "孙三", "#接龙\n1. 孙三 储备 13700000052"), "新增 1 人")
	camp := models.Campaign{Roles: []models.Role{{Code: "a", Name: "志愿先锋"}, {Code: "b", Name: "储备志愿者"}}}
	for word, want := range map[string]string{"先锋": "a", "储备": "b", "志愿": "", "愿": "", "储备志愿者": "b", "b": "b"} {
		r, ok := roleByWord(camp, word)
		if ok != (want != "") || r.Code != want {
			t.Errorf("roleByWord(%q) = %q, %v; want %q", word, r.Code, ok, want)
		}
	}
}
