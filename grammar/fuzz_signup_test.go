package grammar

import (
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// FuzzSignUpRoundTrip holds the sign-up family to its canonical form: for any
// message, a sign-up family command parsed without a Problem must read back
// from its canonical text (both String and Text) as the very same command.
// The record family (打卡, 捐赠…) has its own fuzz target.
func FuzzSignUpRoundTrip(f *testing.F) {
	for _, s := range []string{
		"报名 先锋 张三 13800138000",
		"报名先锋张三13800138000",
		"报名先锋 张三 138 0013 8000",
		"报名 先锋 张三 138-0013-8000",
		"#报名：储备志愿者，李四，13900139000",
		"报名 先锋 张三 １３８００１３８０００",
		"报名 张三 先锋 13800138000",
		"报名 13800138000 张三 先锋",
		"我要报名先锋",
		"报名 储备",
		"报名 2 先锋 张三 13800138000",
		"报名 +86 138 0013 8000 李四",
		"报名 86-138-0013-8000",
		"@动员助手 报名 reserve Tom Smith",
		"报名 先锋 阿卜杜·热合曼",
		"报名\n姓名：张三\n电话：13800138000\n岗位：先锋",
		"取消报名 2 13800138000",
		"查询 13800138000",
		"名额还有多少？",
		"帮助",
		"#接龙\n广安市物业管理协会 抗疫志愿者报名\n例 张三 先锋 13800000000\n1. 张三 先锋 13800138000\n2. 李四 储备 13900139000\n3、王五 储备\n4 赵六 先锋 1380013",
		"报名 13800138000 的确",
		"报名 李先锋",
		"报名储备队员张三[强]",
		"接龙 社区\n1．王五 后备 139 0013 9000\n2） 先锋\n3. 好的",
		"报名了吗？",
		"今天报名的人好多啊",
		"李娜报名先锋 13900000001",
		"李娜 报名 储备 13900000001",
		"【报名】先锋 张三 13800138000",
		"[报名]储备 李四 13900139000",
		"报名👉先锋 张三 13800138000",
		"报名 先锋 张三 13800138000 党员",
		"报名 储备 李娜 13900000001 谢谢",
		"报名 先锋 13800138000 有车",
		"报名 先锋 张三 13800138000 男",
		"报名 先锋 队员07 13900000001",
		"报名 先锋 张三 07 13900000001",
		"报名 先锋 张三 1 3 8 0 0 1 3 8 0 0 0",
		"报名 先锋 张三 138.0013.8000 备注：可夜班",
		"#接龙\n1000. 张三 先锋 13800138000 党员\n1001. 李四 储备 13900139000",
	} {
		f.Add(s)
	}
	v := signUpVocab()
	f.Fuzz(func(t *testing.T, s string) {
		c := Parse(s, v)
		if c.Kind != None && !MayBeCommand(s, v.BotNames) {
			t.Errorf("MayBeCommand(%q) is false, but Parse gives kind %d", s, c.Kind)
		}
		switch c.Kind {
		case SignUp, Cancel, MyStatus, Quota, Help, Chain:
		default:
			return
		}
		if c.Problem != OK {
			return
		}
		for _, text := range []string{c.String(), c.Text(v)} {
			if back := Parse(text, v); !reflect.DeepEqual(back, c) {
				t.Errorf("Parse(%q) = %#v\ncanonical %q\nreads back %#v", s, c, text, back)
				if c.Chain != nil && back.Chain != nil {
					t.Errorf("chain %#v\nback  %#v", *c.Chain, *back.Chain)
				}
			}
		}
	})
}

// TestSignUpRoundTripMixed builds many messages from the pieces members
// really type (aliases, awkward names, phones in every spelling, campaign
// numbers, separators) glued in random orders, and holds each to the same
// round-trip invariant as the fuzz target. The seed is fixed, so a failure
// repeats.
func TestSignUpRoundTripMixed(t *testing.T) {
	v := signUpVocab()
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	prefixes := []string{"", "#", "@动员助手 ", "@机器人", "＃", "李娜", "Tom ", "🔥"}
	keywords := []string{"报名", "我要报名", "取消报名", "查询", "我的报名", "名额", "帮助", "接龙\n", "【报名】", "[报名]"}
	campaigns := []string{"", "", "2", "86", "999", "0", "１２"}
	pieces := []string{
		"先锋", "志愿先锋", "先锋队员", "PIONEER", "储备", "储备志愿者", "后备", "预备", "Reserve",
		"医疗志愿者", "先锋队", "储备队员", "志愿者",
		"张三", "李先锋", "先锋王", "阿卜杜·热合曼", "阿卜杜•热合曼", "Tom Smith", "Tom", "的确", "好的",
		"欧阳娜娜", "队张三", "姓名", "电话", "张", "Ok", "谢谢", "[强]", "👍", "了", "吗",
		"13800138000", "138 0013 8000", "+86 138-0013-8000", "1380013800", "86 13900139000",
		"１３８００１３８０００", "0086 13800138000", "2", "12",
		"党员", "有车", "男", "谢谢啦", "07", "队员07", "139.0000.0001", "1 3 9 0 0 0 0 0 0 0 1", "备注：可夜班", "👉",
	}
	seps := []string{"", " ", " ", "，", "：", "\n", "-", "·", "、", "【", "】", "."}
	checked := map[Kind]int{}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		b.WriteString(pick(prefixes) + pick(keywords))
		if c := pick(campaigns); c != "" {
			b.WriteString(pick(seps) + c)
		}
		for n := rng.IntN(4); n > 0; n-- {
			if b.String()[len(b.String())-1] == '\n' && rng.IntN(2) == 0 {
				b.WriteString(strconv.Itoa(rng.IntN(4)+1) + pick([]string{". ", "、", "）", " "}))
			}
			b.WriteString(pick(seps) + pick(pieces))
			if rng.IntN(3) == 0 {
				b.WriteString("\n")
			}
		}
		s := b.String()
		c := Parse(s, v)
		if c.Kind != None && !MayBeCommand(s, v.BotNames) {
			t.Errorf("MayBeCommand(%q) is false, but Parse gives kind %d", s, c.Kind)
		}
		switch c.Kind {
		case SignUp, Cancel, MyStatus, Quota, Help, Chain:
		default:
			continue
		}
		if c.Problem != OK {
			continue
		}
		checked[c.Kind]++
		for _, text := range []string{c.String(), c.Text(v)} {
			if back := Parse(text, v); !reflect.DeepEqual(back, c) {
				t.Errorf("Parse(%q) = %+v\ncanonical %q reads back %+v", s, c, text, back)
			}
		}
	}
	// The generator must keep producing real commands of every kind, or the
	// test proves nothing.
	for _, k := range []Kind{SignUp, Cancel, MyStatus, Quota, Help, Chain} {
		if checked[k] < 100 {
			t.Errorf("only %d commands of kind %d were checked: %v", checked[k], k, checked)
		}
	}
	t.Logf("round-tripped %v", checked)
}
