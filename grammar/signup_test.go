package grammar

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// signUpVocab is the vocabulary of every sign-up test.
func signUpVocab() *Vocabulary {
	return &Vocabulary{
		Roles: map[string]string{
			"志愿先锋": "pioneer", "先锋": "pioneer", "先锋队员": "pioneer", "pioneer": "pioneer",
			"储备志愿者": "reserve", "储备": "reserve", "后备": "reserve", "预备": "reserve", "reserve": "reserve",
		},
		BotNames: []string{"动员助手"},
	}
}

func TestParseSignUpFamily(t *testing.T) {
	v := signUpVocab()
	const p = "13800138000"
	tests := []struct {
		name string
		in   string
		want Command // Kind, Problem, Campaign, Role, Name, Phone
	}{
		// 报名: the shapes members type.
		{"spaced", "报名 先锋 张三 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"no spaces", "报名先锋张三13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"phone in groups", "报名先锋 张三 138 0013 8000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"phone with dashes", "报名 先锋 张三 138-0013-8000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"hash and chinese punctuation", "#报名：储备志愿者，李四，13900139000", Command{Kind: SignUp, Role: "reserve", Name: "李四", Phone: "13900139000"}},
		{"country code in brackets", "报名 先锋 张三 (+86)13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: "13800138000"}},
		{"full-width brackets, spaced phone", "报名 先锋 张三 （+86）138 0013 8000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: "13800138000"}},
		{"longest alias glued", "报名储备志愿者李四13900139000", Command{Kind: SignUp, Role: "reserve", Name: "李四", Phone: "13900139000"}},
		{"full-width digits", "报名 先锋 张三 １３８００１３８０００", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"full-width everything", "＃报名　先锋　张三　１３８００１３８０００", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"name before role", "报名 张三 先锋 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"phone first", "报名 13800138000 张三 先锋", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"role glued after name", "报名 张三先锋 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"我要报名 role only", "我要报名先锋", Command{Kind: SignUp, Role: "pioneer"}},
		{"role only", "报名 储备", Command{Kind: SignUp, Role: "reserve"}},
		{"bare keyword", "报名", Command{Kind: SignUp}},
		{"bare keyword with full stop", "报名。", Command{Kind: SignUp}},
		{"campaign number", "报名 2 先锋 张三 13800138000", Command{Kind: SignUp, Campaign: 2, Role: "pioneer", Name: "张三", Phone: p}},
		{"campaign glued", "报名2先锋张三", Command{Kind: SignUp, Campaign: 2, Role: "pioneer", Name: "张三"}},
		{"campaign and phone only", "报名 3 13800138000", Command{Kind: SignUp, Campaign: 3, Phone: p}},
		{"+86 prefix", "报名 先锋 张三 +86 138 0013 8000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"86- prefix", "报名 先锋 张三 86-138-0013-8000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"+86 right after keyword", "报名 +8613800138000 张三", Command{Kind: SignUp, Name: "张三", Phone: p}},
		{"english alias any case", "报名 Pioneer 张三", Command{Kind: SignUp, Role: "pioneer", Name: "张三"}},
		{"latin name", "报名 reserve Tom Smith 13900139000", Command{Kind: SignUp, Role: "reserve", Name: "Tom Smith", Phone: "13900139000"}},
		{"dotted name", "报名 先锋 阿卜杜•热合曼 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "阿卜杜·热合曼", Phone: p}},
		{"form labels", "报名\n姓名：张三\n电话：13800138000\n岗位：先锋", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"bracketed role", "报名【先锋】张三 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"emoji after", "报名 先锋 张三 13800138000 💪", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"wechat emoticon", "报名 先锋 张三[强]", Command{Kind: SignUp, Role: "pioneer", Name: "张三"}},
		{"at bot name", "@动员助手 报名 后备 王五", Command{Kind: SignUp, Role: "reserve", Name: "王五"}},
		{"at 机器人 glued", "@机器人报名预备赵六", Command{Kind: SignUp, Role: "reserve", Name: "赵六"}},
		{"role plus generic word", "报名 先锋 志愿者 张三", Command{Kind: SignUp, Role: "pioneer", Name: "张三"}},
		{"alias with 队员 glued", "报名 先锋队员张三", Command{Kind: SignUp, Role: "pioneer", Name: "张三"}},
		{"short alias with 队员 glued", "报名储备队员张三", Command{Kind: SignUp, Role: "reserve", Name: "张三"}},
		{"role with 队", "报名先锋队", Command{Kind: SignUp, Role: "pioneer"}},
		{"name ending in an alias", "报名 李先锋 13800138000", Command{Kind: SignUp, Name: "李先锋", Phone: p}},
		{"name ending in an alias, role given", "报名 先锋 李先锋", Command{Kind: SignUp, Role: "pioneer", Name: "李先锋"}},
		{"same phone twice", "报名 13800138000 张三 13800138000", Command{Kind: SignUp, Name: "张三", Phone: p}},
		{"name with dash", "报名 储备 Tom-Smith", Command{Kind: SignUp, Role: "reserve", Name: "Tom Smith"}},
		{"phone read out with 幺", "报名 先锋 周九 幺三九零零零零零四三二", Command{Kind: SignUp, Role: "pioneer", Name: "周九", Phone: "13900000432"}},
		{"phone in Chinese numerals", "报名 先锋 周九 一三九〇〇〇〇〇四二三", Command{Kind: SignUp, Role: "pioneer", Name: "周九", Phone: "13900000423"}},
		{"phone in mathematical digits", "报名 先锋 周九 𝟏𝟑𝟗𝟎𝟎𝟎𝟎𝟎𝟒𝟐𝟓", Command{Kind: SignUp, Role: "pioneer", Name: "周九", Phone: "13900000425"}},
		{"phone in financial numerals", "报名 先锋 周九 壹叁玖零零零零零肆贰伍", Command{Kind: SignUp, Role: "pioneer", Name: "周九", Phone: "13900000425"}},
		{"phone in circled digits", "报名 先锋 周九 ①③⑨⓪⓪⓪⓪⓪④②⑤", Command{Kind: SignUp, Role: "pioneer", Name: "周九", Phone: "13900000425"}},
		{"campaign after a decorated keyword", "报名👉1 先锋 王四 13900000014", Command{Kind: SignUp, Campaign: 1, Role: "pioneer", Name: "王四", Phone: "13900000014"}},
		{"name ending in 一 glued to a phone", "报名 先锋 张一13900000423", Command{Kind: SignUp, Role: "pioneer", Name: "张一", Phone: "13900000423"}},

		// 报名 with a problem: a command, answered with a hint.
		{"10-digit phone", "报名 先锋 张三 1380013800", Command{Kind: SignUp, Problem: BadPhone, Role: "pioneer", Name: "张三"}},
		{"12-digit phone", "报名 先锋 张三 138001380001", Command{Kind: SignUp, Problem: BadPhone, Role: "pioneer", Name: "张三"}},
		{"landline", "报名 张三 28001380001", Command{Kind: SignUp, Problem: BadPhone, Name: "张三"}},
		{"two phones", "报名 张三 13800138000 13900139000", Command{Kind: SignUp, Problem: ManyPhones}},
		{"two phones, remark between", "报名 先锋 周九 13900000440 谢谢 13900000441", Command{Kind: SignUp, Problem: ManyPhones, Role: "pioneer"}},
		{"name then letters", "报名 先锋 周九 abc", Command{Kind: SignUp, Problem: BadPhone, Role: "pioneer", Name: "周九"}},
		{"name then a short Chinese-numeral phone", "报名 先锋 周九 一三九", Command{Kind: SignUp, Problem: BadPhone, Role: "pioneer", Name: "周九"}},
		{"name then thanks", "报名 先锋 周九 谢谢", Command{Kind: SignUp, Role: "pioneer", Name: "周九"}},
		{"unknown role", "报名 医疗志愿者 张三 13800138000", Command{Kind: SignUp, Problem: UnknownRole, Phone: p}},
		{"unknown role glued", "我要报名当志愿者", Command{Kind: SignUp, Problem: UnknownRole}},
		{"two role words", "报名 先锋 储备", Command{Kind: SignUp, Problem: BadName, Role: "pioneer"}},

		// The name before the keyword.
		{"name glued before the keyword", "李娜报名先锋 13900000001", Command{Kind: SignUp, Role: "pioneer", Name: "李娜", Phone: "13900000001"}},
		{"name spaced before the keyword", "李娜 报名 储备 13900000001", Command{Kind: SignUp, Role: "reserve", Name: "李娜", Phone: "13900000001"}},
		{"name before 我要报名", "李娜我要报名先锋13900000001", Command{Kind: SignUp, Role: "pioneer", Name: "李娜", Phone: "13900000001"}},
		{"name before, hash", "#李娜 报名 先锋 139 0000 0001 党员", Command{Kind: SignUp, Role: "pioneer", Name: "李娜", Phone: "13900000001", Remark: "党员"}},
		{"name before, bad phone", "李娜报名先锋 1390000000", Command{Kind: SignUp, Problem: BadPhone, Role: "pioneer", Name: "李娜"}},
		{"name before and after: the typed one wins", "队长报名先锋 王五 13900000002", Command{Kind: SignUp, Role: "pioneer", Name: "王五", Phone: "13900000002"}},
		{"latin name before", "Tom Smith 报名 reserve 13900139000", Command{Kind: SignUp, Role: "reserve", Name: "Tom Smith", Phone: "13900139000"}},

		// Bracketed or decorated keywords.
		{"bracketed keyword", "【报名】先锋 张三 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"square-bracketed keyword", "[报名]先锋 张三 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"bracketed keyword, spaces inside", "【 报名 】 储备 李四 13900139000", Command{Kind: SignUp, Role: "reserve", Name: "李四", Phone: "13900139000"}},
		{"emoji after the keyword", "报名👉先锋 张三 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"emoji before the keyword", "🔥报名 先锋 张三 13800138000", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p}},
		{"bracketed other keyword", "【名额】", Command{Kind: Quota}},

		// Words after the phone: a remark on the registration, never a name
		// error and never silence.
		{"thanks", "报名 先锋 张三 13800138000 谢谢", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "谢谢"}},
		{"thanks with a particle", "报名 先锋 张三 13800138000 谢谢啦", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "谢谢啦"}},
		{"party member", "报名 储备 李娜 13900000001 党员", Command{Kind: SignUp, Role: "reserve", Name: "李娜", Phone: "13900000001", Remark: "党员"}},
		{"has a car", "报名先锋张三13800138000有车", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "有车"}},
		{"sex", "报名 先锋 张三 13800138000 男", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "男"}},
		{"remark with no name", "报名 先锋 13800138000 女", Command{Kind: SignUp, Role: "pioneer", Phone: p, Remark: "女"}},
		{"remark word is no name", "报名 先锋 13800138000 共产党员", Command{Kind: SignUp, Role: "pioneer", Phone: p, Remark: "共产党员"}},
		{"name then remark after the phone", "报名 先锋 13800138000 张三 党员", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "党员"}},
		{"remark with digits", "报名 先锋 张三 13800138000 有2辆车 3号楼", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "有2辆车 3号楼"}},
		{"remark label", "报名 先锋 张三 13800138000 备注：可夜班", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "可夜班"}},
		{"role after the phone", "报名 张三 13800138000 先锋 党员", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: "党员"}},
		{"long remark is cut", "报名 先锋 张三 13800138000 " + strings.Repeat("很长的备注", 20), Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: p, Remark: strings.Repeat("很长的备注", 8)}},
		{"second phone in the remark", "报名 先锋 张三 13800138000 幺三九零零幺三九零零零", Command{Kind: SignUp, Problem: ManyPhones, Role: "pioneer"}},

		// Digits right before the phone: the trailing valid phone wins.
		{"digits in a name before the phone", "报名 先锋 队员07 13900000001", Command{Kind: SignUp, Problem: BadName, Role: "pioneer", Phone: "13900000001"}},
		{"digits typed before the phone", "报名 先锋 张三 07 13900000001", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: "13900000001"}},
		{"digits apart from the phone", "报名 先锋 张三 07 号 13900000001", Command{Kind: SignUp, Problem: BadName, Role: "pioneer", Phone: "13900000001"}},
		{"digit after the phone", "报名 先锋 张三 13900000001 2", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: "13900000001", Remark: "2"}},
		{"phone with dots", "报名 先锋 张三 139.0000.0001", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: "13900000001"}},
		{"one digit at a time", "报名 先锋 张三 1 3 9 0 0 0 0 0 0 0 1", Command{Kind: SignUp, Role: "pioneer", Name: "张三", Phone: "13900000001"}},
		{"not a name but a role", "报名 先锋 张三（社区网格员） 13800138000", Command{Kind: SignUp, Problem: BadName, Role: "pioneer", Phone: p}},

		// Not commands: the bot stays silent.
		{"empty", "", Command{}},
		{"greeting", "大家好", Command{}},
		{"busy day", "今天报名的人好多啊", Command{}},
		{"asked", "报名了吗", Command{}},
		{"asked full-width", "报名了吗？", Command{}},
		{"deadline", "报名截止了没", Command{}},
		{"how many", "报名的人多吗", Command{}},
		{"how is it going", "报名情况怎么样", Command{}},
		{"already", "我已经报名了", Command{}},
		{"form posted", "报名表发群里了", Command{}},
		{"link", "报名 https://mp.weixin.qq.com/s/abc", Command{}},
		{"link alone", "https://mp.weixin.qq.com/s/abc", Command{}},
		{"emoji", "👍👍", Command{}},
		{"keyword and emoji", "报名🙋", Command{}},
		{"done", "报名成功", Command{}},
		{"ok", "报名 OK", Command{}},
		{"long sentence", "报名 今天下午三点在社区门口集合", Command{}},
		{"chatter with digits", "报名 2022年", Command{}},
		{"weather", "查询一下天气", Command{}},
		{"help the elderly", "帮助一下老人", Command{}},
		{"where is the menu", "菜单在哪", Command{}},
		{"quota full, a question about the campaign", "名额满了吗", Command{Kind: Quota}},
		{"cancel asked", "取消报名了吗", Command{}},
		{"cancel someone else", "取消报名 张三", Command{}},
		{"record keyword elsewhere", "请大家打卡", Command{}},
		{"mention someone", "@张三 报名了吗", Command{}},
		{"mention someone else with a command", "@张三 报名 先锋", Command{}},
		{"words before 报名 without a phone", "李娜报名先锋", Command{}},
		{"a sentence before 报名", "请大家报名先锋", Command{}},
		{"already signed up, with a phone", "李娜已报名 13900000001", Command{}},
		{"cancel with a name before", "张三取消报名 13800138000", Command{}},
		{"someone else signed up", "我帮他报名了 13800138000", Command{}},
		{"busy day with a phone", "今天报名的人好多啊 13800138000", Command{}},
		{"bracketed word that is no keyword", "【通知】报名先锋 13800138000", Command{}},

		// 取消报名.
		{"cancel", "取消报名", Command{Kind: Cancel}},
		{"cancel phone", "取消报名 13800138000", Command{Kind: Cancel, Phone: p}},
		{"cancel exclaimed", "取消报名！", Command{Kind: Cancel}},
		{"cancel campaign", "取消报名 2", Command{Kind: Cancel, Campaign: 2}},
		{"cancel campaign phone", "取消报名 2 13800138000", Command{Kind: Cancel, Campaign: 2, Phone: p}},
		{"cancel grouped phone", "#取消报名 138 0013 8000", Command{Kind: Cancel, Phone: p}},
		{"cancel bad phone", "取消报名 1380013800", Command{Kind: Cancel, Problem: BadPhone}},

		// 我的报名 / 查询, 名额, 帮助 / 菜单.
		{"my status", "我的报名", Command{Kind: MyStatus}},
		{"query", "查询", Command{Kind: MyStatus}},
		{"query phone", "查询 13800138000", Command{Kind: MyStatus, Phone: p}},
		{"query campaign phone", "查询 2 13800138000", Command{Kind: MyStatus, Campaign: 2, Phone: p}},
		{"query bad phone", "查询 1380013800", Command{Kind: MyStatus, Problem: BadPhone}},
		{"query short digits", "查询 12345", Command{}},
		{"my status asked", "我的报名呢", Command{}},
		{"quota", "名额", Command{Kind: Quota}},
		{"quota question", "名额?", Command{Kind: Quota}},
		{"quota how many", "名额还有多少", Command{Kind: Quota}},
		{"quota still", "名额还有吗？", Command{Kind: Quota}},
		{"quota campaign", "名额 2", Command{Kind: Quota, Campaign: 2}},
		{"help", "帮助", Command{Kind: Help}},
		{"menu", "#菜单", Command{Kind: Help}},
		{"help question", "@动员助手 帮助？", Command{Kind: Help}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.in, v)
			got.Chain = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseChain(t *testing.T) {
	v := signUpVocab()
	tests := []struct {
		name string
		in   string
		want *ChainList // nil: not a command
	}{
		{"brief example", "#接龙\n广安市物业管理协会 抗疫志愿者报名\n例 张三 先锋 13800000000\n1. 张三 先锋 13800138000\n2. 李四 储备 13900139000\n3、王五 储备\n4 赵六 先锋 1380013",
			&ChainList{Title: "广安市物业管理协会 抗疫志愿者报名", Entries: []ChainEntry{
				{Index: 1, Line: "1. 张三 先锋 13800138000", Role: "pioneer", Name: "张三", Phone: "13800138000"},
				{Index: 2, Line: "2. 李四 储备 13900139000", Role: "reserve", Name: "李四", Phone: "13900139000"},
				{Index: 3, Line: "3 王五 储备", Role: "reserve", Name: "王五"},
				{Index: 4, Line: "4 赵六 先锋 1380013", Role: "pioneer", Name: "赵六", Problem: BadPhone},
			}}},
		{"title on keyword line, mixed lines", "接龙 社区核酸检测志愿者\n格式：姓名 岗位 电话\n1．王五 后备 139 0013 9000\n2） 先锋 13800138000\n3. 好的\n4.\n5. 钱七 医疗志愿者\n请大家按格式接龙\n6、孙八",
			&ChainList{Title: "社区核酸检测志愿者", Entries: []ChainEntry{
				{Index: 1, Line: "1.王五 后备 139 0013 9000", Role: "reserve", Name: "王五", Phone: "13900139000"},
				{Index: 2, Line: "2) 先锋 13800138000", Role: "pioneer", Phone: "13800138000", Problem: MissingName},
				{Index: 3, Line: "3. 好的", Problem: BadName},
				{Index: 4, Line: "4.", Problem: MissingName},
				{Index: 5, Line: "5. 钱七 医疗志愿者", Problem: UnknownRole},
				{Index: 6, Line: "6 孙八", Name: "孙八"},
			}}},
		{"glued lines, no title", "#接龙\n1.张三先锋13800138000\n2.储备志愿者李四", &ChainList{Entries: []ChainEntry{
			{Index: 1, Line: "1.张三先锋13800138000", Role: "pioneer", Name: "张三", Phone: "13800138000"},
			{Index: 2, Line: "2.储备志愿者李四", Role: "reserve", Name: "李四"},
		}}},
		{"numbered 1000 and above", "#接龙\n999. 张三 先锋 13800138000\n1000. 李四 储备 13900139000 党员\n12345、王五 先锋 13700137000", &ChainList{Entries: []ChainEntry{
			{Index: 999, Line: "999. 张三 先锋 13800138000", Role: "pioneer", Name: "张三", Phone: "13800138000"},
			{Index: 1000, Line: "1000. 李四 储备 13900139000 党员", Role: "reserve", Name: "李四", Phone: "13900139000", Remark: "党员"},
			{Index: 12345, Line: "12345 王五 先锋 13700137000", Role: "pioneer", Name: "王五", Phone: "13700137000"},
		}}},
		{"refused line with digits one by one", "#接龙\n1. 好的 1 3 8 0 0 1 3 8 0 0 0", &ChainList{Entries: []ChainEntry{
			{Index: 1, Line: "1. 好的 1 3 8 0 0 1 3 8 0 0 0", Problem: BadName},
		}}},
		{"no numbered line", "#接龙\n抗疫志愿者报名\n例 张三 先锋 13800000000", nil},
		{"chatter", "接龙了吗", nil},
		{"phone is no number", "接龙\n138 0013 8000", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.in, v)
			if tt.want == nil {
				if got.Kind != None {
					t.Errorf("Parse(%q) = %+v, want None", tt.in, got)
				}
				return
			}
			if got.Kind != Chain || got.Problem != OK || got.Chain == nil {
				t.Fatalf("Parse(%q) = %+v, want a Chain", tt.in, got)
			}
			if got.Chain.Title != tt.want.Title {
				t.Errorf("title = %q, want %q", got.Chain.Title, tt.want.Title)
			}
			if len(got.Chain.Entries) != len(tt.want.Entries) {
				t.Fatalf("%d entries %+v, want %d", len(got.Chain.Entries), got.Chain.Entries, len(tt.want.Entries))
			}
			for i, e := range got.Chain.Entries {
				if e != tt.want.Entries[i] {
					t.Errorf("entry %d = %+v, want %+v", i, e, tt.want.Entries[i])
				}
			}
		})
	}
}

func TestCanonicalText(t *testing.T) {
	v := signUpVocab()
	tests := []struct {
		in, str, text string
	}{
		{"报名先锋张三13800138000", "报名 pioneer 张三 13800138000", "报名 先锋 张三 13800138000"},
		{"报名 2 储备志愿者 李四", "报名 2 reserve 李四", "报名 2 储备 李四"},
		{"报名 13800138000", "报名 13800138000", "报名 13800138000"},
		{"查询 2 138-0013-8000", "我的报名 2 13800138000", "我的报名 2 13800138000"},
		{"取消报名", "取消报名", "取消报名"},
		{"名额还有多少？", "名额", "名额"},
		{"菜单", "帮助", "帮助"},
		{"#接龙 标题\n1、张三 先锋", "接龙 标题\n1 张三 先锋", "接龙 标题\n1 张三 先锋"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c := Parse(tt.in, v)
			if got := c.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := c.Text(v); got != tt.text {
				t.Errorf("Text(v) = %q, want %q", got, tt.text)
			}
			for _, s := range []string{c.String(), c.Text(v)} {
				if back := Parse(s, v); !reflect.DeepEqual(back, c) {
					t.Errorf("Parse(%q) = %+v, want %+v", s, back, c)
				}
			}
		})
	}
}

func TestIsMobile(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"13800138000", true},
		{"19912345678", true},
		{"12800138000", false}, // 12x is no mobile prefix
		{"23800138000", false},
		{"1380013800", false},
		{"138001380001", false},
		{"1380013800a", false},
		{"138 0013 800", false},
		{"１３８００１３８０００", false}, // full-width must be normalised first
		{"", false},
	}
	for _, tt := range tests {
		if got := IsMobile(tt.in); got != tt.want {
			t.Errorf("IsMobile(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13800138000", "138****8000"},
		{"", ""},
		{"1380013800", "****"},
		{"138001380001", "****"},
		{"张三abcde", "****"}, // 11 bytes, not digits: never sliced
		{"1380013800a", "****"},
	}
	for _, tt := range tests {
		if got := MaskPhone(tt.in); got != tt.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range []string{"＃报名：储备志愿者，李四，１３９００１３９０００", "接龙\n 1、 张三 \n\n2．李四", "a\u3000\u2005b"} {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Errorf("Normalize(Normalize(%q)) = %q, want %q", s, Normalize(n), n)
		}
	}
}

func TestNilVocabulary(t *testing.T) {
	c := Parse("报名 张三 13800138000", &Vocabulary{})
	want := Command{Kind: SignUp, Name: "张三", Phone: "13800138000"}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v, want %+v", c, want)
	}
	// Without roles, 先锋 张三 is two Han words: no role and no name, so no
	// command; and a nil vocabulary must not panic.
	if got := parseSignUp("报名", " 先锋 张三", nil); got.Kind != None {
		t.Errorf("parseSignUp with nil vocabulary = %+v, want None", got)
	}
}

func TestMayBeCommandAgreesWithParse(t *testing.T) {
	v := signUpVocab()
	msgs := []string{"大家好", "报名 先锋 张三 13800138000", "@动员助手 名额", "#接龙\n1. 张三 先锋 13800138000",
		"李娜报名先锋 13900000001", "李娜 报名 储备 13900000001", "【报名】先锋 张三 13800138000", "🔥报名 先锋 张三 13800138000",
		"今天报名的人好多", "打卡 4小时 消杀", "@张三 报名 先锋", "", "捐赠 口罩 100个", "　报名先锋"}
	for _, m := range msgs {
		may, kind := MayBeCommand(m, v.BotNames), Parse(m, v).Kind
		if !may && kind != None {
			t.Errorf("%q: MayBeCommand false but Parse gives kind %v", m, kind)
		}
	}
	if MayBeCommand("大家辛苦了", nil) || !MayBeCommand("＃报名 先锋", nil) {
		t.Error("MayBeCommand misreads plain chat or a full-width #")
	}
}

func TestNicknameAsName(t *testing.T) {
	v := signUpVocab()
	tests := []struct {
		nick, want string
		ok         bool
	}{
		{"张三", "张三", true},
		{"🌸小花🌸", "", false},
		{"Tom Smith", "Tom Smith", true},
		{"王五微信", "王五微信", true},
		{"李娜 1 3 8 0 0 1 3 8 0 0 0", "", false},
		{"张三13800138000", "", false},
		{"李娜\u0007", "", false},
		{"李娜\u202e", "", false},
		{"队员07", "", false},
		{"先锋", "", false},
		{"A", "", false},
		{"tom", "", false},
		{strings.Repeat("长", 30), "", false},
		{"开心每一天的小朋友们", "", false},
	}
	for _, tt := range tests {
		got, ok := NicknameAsName(tt.nick, v)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NicknameAsName(%q) = %q, %v; want %q, %v", tt.nick, got, ok, tt.want, tt.ok)
		}
	}
}

// A list longer than MaxChainEntries: the lines past it are kept unread, as
// typed, and the canonical text still reads back to the same list.
func TestChainLimit(t *testing.T) {
	v := signUpVocab()
	var b strings.Builder
	b.WriteString("#接龙 长名单")
	n := MaxChainEntries + 7
	for i := 1; i <= n; i++ {
		b.WriteString("\n" + strconv.Itoa(i) + ". 张三 先锋 13800138000")
	}
	c := Parse(b.String(), v)
	if c.Kind != Chain || len(c.Chain.Entries) != MaxChainEntries || len(c.Chain.Unread) != 7 {
		t.Fatalf("got %d entries and %d unread", len(c.Chain.Entries), len(c.Chain.Unread))
	}
	if u := c.Chain.Unread[0]; u.Index != MaxChainEntries+1 || u.Name != "" || u.Phone != "" {
		t.Errorf("first unread line %+v", u)
	}
	if back := Parse(c.String(), v); !reflect.DeepEqual(back, c) {
		t.Errorf("the canonical text of a long list does not read back")
	}
}

// A campaign's own role named like a default alias: the handler maps every
// role word to itself (see handlers.vocabulary), and the grammar reads it so.
func TestRoleWordsStandingForThemselves(t *testing.T) {
	v := &Vocabulary{Roles: map[string]string{"先锋": "先锋", "p": "p", "志愿先锋": "志愿先锋", "储备": "储备"}}
	tests := []struct {
		in   string
		want Command
	}{
		{"报名 先锋 李娜 13900000001", Command{Kind: SignUp, Role: "先锋", Name: "李娜", Phone: "13900000001"}},
		{"李娜报名先锋 13900000001", Command{Kind: SignUp, Role: "先锋", Name: "李娜", Phone: "13900000001"}},
		{"报名志愿先锋李娜13900000001", Command{Kind: SignUp, Role: "志愿先锋", Name: "李娜", Phone: "13900000001"}},
		{"报名 p 李娜 13900000001", Command{Kind: SignUp, Role: "p", Name: "李娜", Phone: "13900000001"}},
	}
	for _, tt := range tests {
		c := Parse(tt.in, v)
		if !reflect.DeepEqual(c, tt.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, c, tt.want)
		}
		if back := Parse(c.Text(v), v); !reflect.DeepEqual(back, c) {
			t.Errorf("Parse(%q) = %+v, want %+v", c.Text(v), back, c)
		}
	}
}
