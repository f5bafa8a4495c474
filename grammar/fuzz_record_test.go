package grammar

import (
	"reflect"
	"testing"
)

// FuzzRecordRoundTrip holds the record family to its canonical form: a
// service record, undo, pledge or delivery that parses without a Problem
// must read back from its String() as the very same Command, and that text
// must be a fixed point.
func FuzzRecordRoundTrip(f *testing.F) {
	for _, s := range []string{
		"打卡 4小时 核酸检测 服务200人次",
		"服务 3.5h 秩序维护",
		"打卡 上午 消杀 448.5万平方米",
		"打卡 1个半小时 人员排查",
		"打卡 4h 核酸 在城南社区 服务120人次",
		"打卡 前天 8小时 秩序维护 服务 300 人次",
		"打卡 11月20日 3小时30分 消毒 1.5万人次",
		"打卡 2023-11-20 90分钟 送物资 20车",
		"打卡4小时在城南社区服务120人次",
		"打卡 半小时 心理咨询 地点：3号楼",
		"撤销打卡",
		"捐赠 N95口罩 20000个",
		"捐赠 防护服50套 价值3万元",
		"捐款 5万",
		"认捐 大米 1.5万斤 折合4.5万元",
		"捐赠 口罩 三千个 价值6000元",
		"捐赠 20,000个 KN95口罩",
		"捐赠 大米 5千克",
		"已送达 3",
		"已送达 第十二号",
		"打卡 2025-11-20 3小时 消杀",
		"打卡 2025年11月20日 3小时 消杀",
		"打卡 0.0001小时 核酸",
		"打卡 6分钟 核酸",
		"捐赠 张三13800138000 口罩 2个",
		"捐赠 口罩 2个 联系人李四 +86 139 0013 9000",
		"捐赠 口罩 2个 幺三八零零幺三八零零零",
		"打卡 3小时 消杀 (+86)138-0013-8000",
	} {
		f.Add(s)
	}
	v := recordVocab()
	f.Fuzz(func(t *testing.T, s string) {
		c := Parse(s, v)
		switch c.Kind {
		case Service, UndoService, Pledge, Delivered:
		default:
			return
		}
		if c.Problem != OK {
			return
		}
		text := c.String()
		back := Parse(text, v)
		if !reflect.DeepEqual(c, back) {
			t.Fatalf("round trip of %q through %q:\n got  %s\n want %s", s, text, describeRecord(back), describeRecord(c))
		}
		if again := back.String(); again != text {
			t.Fatalf("canonical text of %q is not stable: %q then %q", s, text, again)
		}
	})
}
