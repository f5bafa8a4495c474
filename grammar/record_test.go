package grammar

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"testing"
)

func recordVocab() *Vocabulary {
	return &Vocabulary{
		Roles: map[string]string{"先锋": "pioneer", "储备": "reserve"},
		Activities: map[string]string{
			"核酸检测": "核酸检测", "核酸": "核酸检测", "做核酸": "核酸检测",
			"秩序维护": "秩序维护", "维持秩序": "秩序维护", "秩序": "秩序维护",
			"物资配送": "物资配送", "配送": "物资配送", "送物资": "物资配送",
			"消杀": "消杀", "消毒": "消杀",
			"心理疏导": "心理疏导", "心理咨询": "心理疏导",
			"人员排查": "人员排查", "排查": "人员排查",
			"信息录入": "信息录入", "录入": "信息录入",
		},
	}
}

func describeRecord(c Command) string {
	s := fmt.Sprintf("{Kind:%d Problem:%d ID:%d", c.Kind, c.Problem, c.ID)
	if c.Service != nil {
		s += fmt.Sprintf(" Service:%+v", *c.Service)
	}
	if c.Pledge != nil {
		s += fmt.Sprintf(" Pledge:%+v", *c.Pledge)
	}
	return s + "}"
}

// recCase is one message and what it must parse to. When want carries no
// Service or Pledge, only Kind, Problem and ID are checked.
type recCase struct {
	in   string
	want Command
}

func service(sr ServiceRecord) Command { return Command{Kind: Service, Service: &sr} }
func pledge(p PledgeItem) Command      { return Command{Kind: Pledge, Pledge: &p} }
func recProblem(k Kind, p Problem) Command {
	return Command{Kind: k, Problem: p}
}

var none = Command{}

var serviceCases = []recCase{
	// The examples members are shown.
	{"打卡 4小时 核酸检测 服务200人次", service(ServiceRecord{Hours: 4, Activity: "核酸检测", People: 200})},
	{"服务 3.5h 秩序维护", service(ServiceRecord{Hours: 3.5, Activity: "秩序维护"})},
	{"打卡 上午 消杀 448.5万平方米", service(ServiceRecord{Hours: 4, Activity: "消杀", Extra: "448.5万平方米"})},
	{"打卡 2个小时 物资配送", service(ServiceRecord{Hours: 2, Activity: "物资配送"})},
	{"打卡 半小时 心理疏导", service(ServiceRecord{Hours: 0.5, Activity: "心理疏导"})},
	{"打卡 1个半小时 人员排查", service(ServiceRecord{Hours: 1.5, Activity: "人员排查"})},
	{"打卡 两小时 信息录入", service(ServiceRecord{Hours: 2, Activity: "信息录入"})},
	{"打卡 4h 核酸 在城南社区 服务120人次", service(ServiceRecord{Hours: 4, Activity: "核酸检测", People: 120, Place: "城南社区"})},
	{"打卡 昨天 3小时 消杀", service(ServiceRecord{Hours: 3, Activity: "消杀", Date: DateSpec{DaysAgo: 1}})},
	{"打卡 11月20日 4小时 核酸检测", service(ServiceRecord{Hours: 4, Activity: "核酸检测", Date: DateSpec{Month: 11, Day: 20}})},
	{"打卡 前天 8小时 秩序维护 服务 300 人次", service(ServiceRecord{Hours: 8, Activity: "秩序维护", People: 300, Date: DateSpec{DaysAgo: 2}})},
	{"打卡 90分钟 物资配送", service(ServiceRecord{Hours: 1.5, Activity: "物资配送"})},
	{"打卡 3小时30分 消毒", service(ServiceRecord{Hours: 3.5, Activity: "消杀"})},
	// How phones and people actually type them.
	{"打卡：4小时，做核酸，服务200人次", service(ServiceRecord{Hours: 4, Activity: "核酸检测", People: 200})},
	{"＃打卡　４小时　核酸", service(ServiceRecord{Hours: 4, Activity: "核酸检测"})},
	{"@机器人 打卡 3小时 维持秩序", service(ServiceRecord{Hours: 3, Activity: "秩序维护"})},
	{"打卡4小时在城南社区服务120人次", service(ServiceRecord{Hours: 4, People: 120, Place: "城南社区"})},
	{"打卡 3 小时 核酸", service(ServiceRecord{Hours: 3, Activity: "核酸检测"})},
	{"打卡 4H 扫楼", service(ServiceRecord{Hours: 4, Activity: "扫楼"})},
	{"打卡 2.5小时 帮老人买菜 送药", service(ServiceRecord{Hours: 2.5, Activity: "帮老人买菜 送药"})},
	{"打卡 4小时", service(ServiceRecord{Hours: 4})},
	{"打卡 120分钟 心理咨询", service(ServiceRecord{Hours: 2, Activity: "心理疏导"})},
	{"打卡 两个半小时 核酸", service(ServiceRecord{Hours: 2.5, Activity: "核酸检测"})},
	{"打卡 十二小时 秩序", service(ServiceRecord{Hours: 12, Activity: "秩序维护"})},
	{"打卡 3个钟头 排查", service(ServiceRecord{Hours: 3, Activity: "人员排查"})},
	{"打卡 1小时半 录入", service(ServiceRecord{Hours: 1.5, Activity: "信息录入"})},
	{"打卡 2hr 配送", service(ServiceRecord{Hours: 2, Activity: "物资配送"})},
	// Periods stand for a duration when none is typed.
	{"打卡 下午 送物资", service(ServiceRecord{Hours: 4, Activity: "物资配送"})},
	{"打卡 全天 排查", service(ServiceRecord{Hours: 8, Activity: "人员排查"})},
	{"打卡 一天 录入", service(ServiceRecord{Hours: 8, Activity: "信息录入"})},
	{"打卡 上午 下午 核酸", service(ServiceRecord{Hours: 8, Activity: "核酸检测"})},
	{"打卡 昨天下午 消杀", service(ServiceRecord{Hours: 4, Activity: "消杀", Date: DateSpec{DaysAgo: 1}})},
	{"打卡 上午 3小时 消杀", service(ServiceRecord{Hours: 3, Activity: "消杀"})},
	// People, places, other figures, dates.
	{"打卡 4小时 核酸 服务1.5万人次", service(ServiceRecord{Hours: 4, Activity: "核酸检测", People: 15000})},
	{"打卡 4小时 核酸 服务两百人次", service(ServiceRecord{Hours: 4, Activity: "核酸检测", People: 200})},
	{"打卡 4小时 核酸 共服务200人", service(ServiceRecord{Hours: 4, Activity: "核酸检测", People: 200})},
	{"打卡 4小时 核酸 地点：城南社区", service(ServiceRecord{Hours: 4, Activity: "核酸检测", Place: "城南社区"})},
	{"打卡 4小时 消杀 3000平方米 20户", service(ServiceRecord{Hours: 4, Activity: "消杀", Extra: "3000平方米 20户"})},
	{"打卡 2023年11月20日 4小时 核酸", service(ServiceRecord{Hours: 4, Activity: "核酸检测", Date: DateSpec{Year: 2023, Month: 11, Day: 20}})},
	// The year typed is kept: 2025-11-20 is not this year's 11-20.
	{"打卡 2025-11-20 3小时 消杀", service(ServiceRecord{Hours: 3, Activity: "消杀", Date: DateSpec{Year: 2025, Month: 11, Day: 20}})},
	{"打卡 2025/11/20 3小时 消杀", service(ServiceRecord{Hours: 3, Activity: "消杀", Date: DateSpec{Year: 2025, Month: 11, Day: 20}})},
	{"打卡 11-20 3小时 消杀", service(ServiceRecord{Hours: 3, Activity: "消杀", Date: DateSpec{Month: 11, Day: 20}})},
	{"打卡 1999-11-20 3小时 消杀", recProblem(Service, BadDate)},
	{"打卡 2025-02-29 3小时 消杀", service(ServiceRecord{Hours: 3, Activity: "消杀", Date: DateSpec{Year: 2025, Month: 2, Day: 29}})}, // no such day: the handler refuses it
	// A phone glued to a name is dropped, never kept in the activity.
	{"打卡 4小时 扫楼 张三13800138000", service(ServiceRecord{Hours: 4, Activity: "扫楼"})},
	{"打卡 11-20 4小时 核酸", service(ServiceRecord{Hours: 4, Activity: "核酸检测", Date: DateSpec{Month: 11, Day: 20}})},
	{"打卡 十一月二十号 4小时 核酸", service(ServiceRecord{Hours: 4, Activity: "核酸检测", Date: DateSpec{Month: 11, Day: 20}})},
	{"打卡 3天前 2小时 消杀", service(ServiceRecord{Hours: 2, Activity: "消杀", Date: DateSpec{DaysAgo: 3}})},
	{"打卡 今天 2小时 消杀", service(ServiceRecord{Hours: 2, Activity: "消杀"})},
	{"打卡 4小时 核酸 服务200余人次", service(ServiceRecord{Hours: 4, Activity: "核酸检测", People: 200})},
	{"打卡 4小时 扫楼 联系13800138000", service(ServiceRecord{Hours: 4, Activity: "扫楼"})},
	// Problems: the handler answers with a hint.
	{"打卡", recProblem(Service, MissingHours)},
	{"打卡 核酸检测", recProblem(Service, MissingHours)},
	{"打卡 4 核酸检测", recProblem(Service, MissingHours)},
	{"打卡 8:00-12:00 核酸", service(ServiceRecord{Hours: 4, Activity: "核酸检测"})}, // a time range is the hours it spans
	{"打卡 0小时 核酸", recProblem(Service, BadHours)},
	{"打卡 0.0001小时 核酸", recProblem(Service, BadHours)},
	{"打卡 5分钟 核酸", recProblem(Service, BadHours)},
	{"打卡 6分钟 核酸", service(ServiceRecord{Hours: 0.1, Activity: "核酸检测"})},
	{"打卡 25小时 核酸", recProblem(Service, BadHours)},
	{"打卡 30h", recProblem(Service, BadHours)},
	{"打卡 13小时 12小时", recProblem(Service, BadHours)},
	{"打卡 -3小时 核酸", recProblem(Service, BadHours)},
	{"服务 0小时", recProblem(Service, BadHours)},
	{"打卡 4小时 核酸 服务200万人次", recProblem(Service, BadNumber)},
	{"打卡 4小时 核酸 服务-5人次", recProblem(Service, BadNumber)},
	{"打卡 4小时 核酸 服务2.5人", recProblem(Service, BadNumber)},
	{"打卡 13月40日 4小时", recProblem(Service, BadDate)},
	{"打卡 4小时 消杀 -300平方米", recProblem(Service, BadNumber)},
}

var pledgeCases = []recCase{
	{"捐赠 N95口罩 20000个", pledge(PledgeItem{Item: "N95口罩", Quantity: 20000, Unit: "个"})},
	// A phone glued to a name, in any typed form, is neither echoed nor stored.
	{"捐赠 张三13800138000 口罩 2个", pledge(PledgeItem{Item: "口罩", Quantity: 2, Unit: "个"})},
	{"捐赠 口罩 2个 张三13800138000", pledge(PledgeItem{Item: "口罩", Quantity: 2, Unit: "个"})},
	{"捐赠 张三13800138014 口罩 2个", pledge(PledgeItem{Item: "口罩", Quantity: 2, Unit: "个"})},
	{"捐赠 大米 13800138000 10袋", pledge(PledgeItem{Item: "大米", Quantity: 10, Unit: "袋"})},
	{"捐赠 先锋 周十 壹叁玖零零零零零肆贰伍 口罩1个", pledge(PledgeItem{Item: "先锋 周十 口罩", Quantity: 1, Unit: "个"})},
	{"捐赠 ①③⑨⓪⓪⓪⓪⓪④②⑤ 口罩1个", pledge(PledgeItem{Item: "口罩", Quantity: 1, Unit: "个"})},
	{"捐赠 口罩 2个 联系人李四 139 0013 9000", pledge(PledgeItem{Item: "口罩 联系人李四", Quantity: 2, Unit: "个"})},
	{"认捐 蔬菜 2吨", pledge(PledgeItem{Item: "蔬菜", Quantity: 2, Unit: "吨"})},
	{"捐赠 防护服50套 价值3万元", pledge(PledgeItem{Item: "防护服", Quantity: 50, Unit: "套", Value: 30000})},
	{"捐款 5000元", pledge(PledgeItem{Item: "现金", Quantity: 5000, Unit: "元", Value: 5000})},
	{"捐款 5万", pledge(PledgeItem{Item: "现金", Quantity: 50000, Unit: "元", Value: 50000})},
	{"捐赠 消毒液 两万瓶", pledge(PledgeItem{Item: "消毒液", Quantity: 20000, Unit: "瓶"})},
	{"认捐 大米 1.5万斤", pledge(PledgeItem{Item: "大米", Quantity: 15000, Unit: "斤"})},
	{"捐赠 口罩 三千个 价值6000元", pledge(PledgeItem{Item: "口罩", Quantity: 3000, Unit: "个", Value: 6000})},
	{"捐赠 矿泉水 100箱", pledge(PledgeItem{Item: "矿泉水", Quantity: 100, Unit: "箱"})},
	{"认捐 方便面200箱", pledge(PledgeItem{Item: "方便面", Quantity: 200, Unit: "箱"})},
	{"捐赠 医用手套 2万双", pledge(PledgeItem{Item: "医用手套", Quantity: 20000, Unit: "双"})},
	{"捐赠 20000个 N95口罩", pledge(PledgeItem{Item: "N95口罩", Quantity: 20000, Unit: "个"})},
	{"捐赠 口罩 20,000个", pledge(PledgeItem{Item: "口罩", Quantity: 20000, Unit: "个"})},
	{"捐赠：消毒液，500瓶", pledge(PledgeItem{Item: "消毒液", Quantity: 500, Unit: "瓶"})},
	{"＃捐赠 Ｎ９５口罩 ２００００个", pledge(PledgeItem{Item: "N95口罩", Quantity: 20000, Unit: "个"})},
	{"@机器人 认捐 帐篷 20顶", pledge(PledgeItem{Item: "帐篷", Quantity: 20, Unit: "顶"})},
	{"捐赠 棉被 300床", pledge(PledgeItem{Item: "棉被", Quantity: 300, Unit: "床"})},
	{"捐赠 大米 5千克", pledge(PledgeItem{Item: "大米", Quantity: 5, Unit: "千克"})},
	{"捐赠 大米 500KG", pledge(PledgeItem{Item: "大米", Quantity: 500, Unit: "kg"})},
	{"认捐 蔬菜 3.5吨 价值约2万元", pledge(PledgeItem{Item: "蔬菜", Quantity: 3.5, Unit: "吨", Value: 20000})},
	{"捐赠 口罩 100箱 6000元", pledge(PledgeItem{Item: "口罩", Quantity: 100, Unit: "箱", Value: 6000})},
	{"捐赠 面包 200袋 折合1000元", pledge(PledgeItem{Item: "面包", Quantity: 200, Unit: "袋", Value: 1000})},
	{"捐赠 发电机 2台 价值 4万元", pledge(PledgeItem{Item: "发电机", Quantity: 2, Unit: "台", Value: 40000})},
	{"捐赠 KN95口罩 一万个", pledge(PledgeItem{Item: "KN95口罩", Quantity: 10000, Unit: "个"})},
	{"捐赠 一次性口罩 1000个", pledge(PledgeItem{Item: "一次性口罩", Quantity: 1000, Unit: "个"})},
	{"认捐 消毒液 两千五百瓶", pledge(PledgeItem{Item: "消毒液", Quantity: 2500, Unit: "瓶"})},
	{"捐赠 矿泉水 共100箱", pledge(PledgeItem{Item: "矿泉水", Quantity: 100, Unit: "箱"})},
	{"捐赠 口罩 3000", pledge(PledgeItem{Item: "口罩", Quantity: 3000})},
	{"捐赠 三角巾 200条", pledge(PledgeItem{Item: "三角巾", Quantity: 200, Unit: "条"})},
	{"捐赠 现金 5000元", pledge(PledgeItem{Item: "现金", Quantity: 5000, Unit: "元", Value: 5000})},
	{"捐款 伍仟元", pledge(PledgeItem{Item: "现金", Quantity: 5000, Unit: "元", Value: 5000})},
	{"捐款 5000块", pledge(PledgeItem{Item: "现金", Quantity: 5000, Unit: "元", Value: 5000})},
	{"捐款 3万元", pledge(PledgeItem{Item: "现金", Quantity: 30000, Unit: "元", Value: 30000})},
	{"捐款 一万二千", pledge(PledgeItem{Item: "现金", Quantity: 12000, Unit: "元", Value: 12000})},
	{"捐款 1.5万元", pledge(PledgeItem{Item: "现金", Quantity: 15000, Unit: "元", Value: 15000})},
	{"捐款 5000", pledge(PledgeItem{Item: "现金", Quantity: 5000, Unit: "元", Value: 5000})},
	{"捐款5000元", pledge(PledgeItem{Item: "现金", Quantity: 5000, Unit: "元", Value: 5000})},
	{"捐赠口罩2000个", pledge(PledgeItem{Item: "口罩", Quantity: 2000, Unit: "个"})},
	{"捐赠 矿泉水 100箱（每箱24瓶）", pledge(PledgeItem{Item: "矿泉水 (每箱24瓶)", Quantity: 100, Unit: "箱"})},
	{"捐赠 口罩 1000个 单价5元", pledge(PledgeItem{Item: "口罩 单价5元", Quantity: 1000, Unit: "个"})},
	{"认捐 大米 1000斤 联系人张三 13800138000", pledge(PledgeItem{Item: "大米 联系人张三", Quantity: 1000, Unit: "斤"})},
	// Problems.
	{"捐赠", recProblem(Pledge, MissingItem)},
	{"捐赠 口罩", recProblem(Pledge, MissingQty)},
	{"捐赠 2000个", recProblem(Pledge, MissingItem)},
	{"捐款", recProblem(Pledge, MissingQty)},
	{"捐赠 口罩 0个", recProblem(Pledge, BadNumber)},
	{"捐赠 口罩 -100个", recProblem(Pledge, BadNumber)},
	{"捐款 200亿", recProblem(Pledge, BadNumber)},
	{"捐赠 口罩 100个 价值0元", recProblem(Pledge, BadNumber)},
	{"捐赠 口罩 100个 手套 200双", recProblem(Pledge, ManyItems)},
}

var deliveredCases = []recCase{
	{"已送达 3", Command{Kind: Delivered, ID: 3}},
	{"已送达3", Command{Kind: Delivered, ID: 3}},
	{"已送达 #3", Command{Kind: Delivered, ID: 3}},
	{"已送达 第3号", Command{Kind: Delivered, ID: 3}},
	{"已送达 3号", Command{Kind: Delivered, ID: 3}},
	{"已送达 3号单", Command{Kind: Delivered, ID: 3}},
	{"已送达 三号", Command{Kind: Delivered, ID: 3}},
	{"已送达 十二", Command{Kind: Delivered, ID: 12}},
	{"已送达 第十二号", Command{Kind: Delivered, ID: 12}},
	{"已送达 ３", Command{Kind: Delivered, ID: 3}},
	{"#已送达 15", Command{Kind: Delivered, ID: 15}},
	{"@机器人 已送达 7", Command{Kind: Delivered, ID: 7}},
	{"已送达：8", Command{Kind: Delivered, ID: 8}},
	{"已送达 20 谢谢", Command{Kind: Delivered, ID: 20}},
	{"已送达 No.5", Command{Kind: Delivered, ID: 5}},
	{"已送达 100", Command{Kind: Delivered, ID: 100}},
	{"已送达", recProblem(Delivered, MissingID)},
	{"已送达 谢谢大家", recProblem(Delivered, MissingID)},
	{"已送达 0", recProblem(Delivered, BadNumber)},
	{"已送达 3.5", recProblem(Delivered, BadNumber)},
	{"已送达 99999999999", recProblem(Delivered, BadNumber)},
	{"已送达了吗", none},
	{"已送达了", none},
	{"已送达？", none},
	{"已送达哪里", none},
	{"撤销打卡", Command{Kind: UndoService}},
	{"#撤销打卡", Command{Kind: UndoService}},
	{"＃撤销打卡", Command{Kind: UndoService}},
	{"@机器人 撤销打卡", Command{Kind: UndoService}},
	{"撤销打卡　", Command{Kind: UndoService}},
	{"撤销打卡吗", none},
	{"撤销打卡 昨天", none},
	{"撤销打卡了", none},
	{"撤销打卡?", none},
}

// Chatter that starts with a record keyword, or mentions one: no command.
var recordChatter = []string{
	"服务很好",
	"服务群众是我们的责任",
	"服务时间是几点？",
	"服务 核酸检测",
	"服务上午开始",
	"服务3小时吗",
	"打卡了吗？",
	"今天打卡了",
	"打卡了",
	"打卡成功",
	"打卡 4小时？",
	"打卡在哪里打",
	"捐赠的物资到了吗？",
	"捐款渠道在哪",
	"捐赠物资已经到了",
	"捐款已到账",
	"认捐 多少？",
	"捐赠 口罩 几箱",
	"大家辛苦了",
	"谢谢捐赠",
}

func checkRecordCases(t *testing.T, cases []recCase) {
	t.Helper()
	v := recordVocab()
	for _, tc := range cases {
		got := Parse(tc.in, v)
		want := tc.want
		if want.Service == nil && want.Pledge == nil {
			got.Service, got.Pledge = nil, nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Parse(%q)\n got  %s\n want %s", tc.in, describeRecord(got), describeRecord(want))
		}
	}
}

func TestParseService(t *testing.T)       { checkRecordCases(t, serviceCases) }
func TestParsePledge(t *testing.T)        { checkRecordCases(t, pledgeCases) }
func TestParseDeliveredUndo(t *testing.T) { checkRecordCases(t, deliveredCases) }

func TestRecordChatter(t *testing.T) {
	v := recordVocab()
	for _, s := range recordChatter {
		if got := Parse(s, v); got.Kind != None {
			t.Errorf("Parse(%q) = %s, want no command", s, describeRecord(got))
		}
	}
}

// TestRecordTableRoundTrip reads every table command without a Problem back
// from its canonical text.
func TestRecordTableRoundTrip(t *testing.T) {
	v := recordVocab()
	for _, cases := range [][]recCase{serviceCases, pledgeCases, deliveredCases} {
		for _, tc := range cases {
			c := Parse(tc.in, v)
			if c.Kind == None || c.Problem != OK {
				continue
			}
			text := c.String()
			if back := Parse(text, v); !reflect.DeepEqual(back, c) {
				t.Errorf("%q: canonical %q reads as %s, want %s", tc.in, text, describeRecord(back), describeRecord(c))
			}
		}
	}
}

func TestRecordCanonical(t *testing.T) {
	v := recordVocab()
	for _, tc := range []struct{ in, want string }{
		{"打卡 4h 核酸 在城南社区 服务120人次 448.5万平方米 11月20日", "打卡 11月20日 4小时 核酸检测 服务120人次 在城南社区 448.5万平方米"},
		{"服务 3.5h 秩序维护", "打卡 3.5小时 秩序维护"},
		{"打卡 上午 消杀", "打卡 4小时 消杀"},
		{"打卡 90分钟 前天 配送", "打卡 前天 1.5小时 物资配送"},
		{"打卡 大前天 1小时 扫楼", "打卡 3天前 1小时 扫楼"},
		{"打卡 10分钟 录入", "打卡 0.16666666666666666小时 信息录入"},
		{"捐赠 防护服50套 价值3万元", "捐赠 防护服 50套 价值30000元"},
		{"认捐 大米 1.5万斤", "捐赠 大米 15000斤"},
		{"捐赠 20000个 N95口罩", "捐赠 N95口罩 20000个"},
		{"捐款 5万", "捐款 50000元"},
		{"捐赠 现金 5000元", "捐款 5000元"},
		{"捐款 5000元 价值6000元", "捐款 5000元 价值6000元"},
		{"已送达 第十二号", "已送达 12"},
		{"#撤销打卡", "撤销打卡"},
	} {
		if got := Parse(tc.in, v).String(); got != tc.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestServiceHourLimit: one record covers at most one day, 24 hours.
func TestServiceHourLimit(t *testing.T) {
	v := recordVocab()
	for _, tc := range []struct {
		in    string
		hours float64
		want  Problem
	}{
		{"打卡 24小时 秩序", 24, OK},
		{"打卡 23.5小时 秩序", 23.5, OK},
		{"打卡 1440分钟 秩序", 24, OK},
		{"打卡 12小时 12小时 秩序", 24, OK},
		{"打卡 全天 全天 全天 秩序", 24, OK},
		{"打卡 24.01小时 秩序", 24.01, BadHours},
		{"打卡 1441分钟 秩序", 1441.0 / 60, BadHours},
		{"打卡 二十五小时 秩序", 25, BadHours},
		{"打卡 全天 全天 全天 上午 秩序", 28, BadHours},
		{"打卡 0小时 秩序", 0, BadHours},
		{"打卡 0分钟 秩序", 0, BadHours},
	} {
		c := Parse(tc.in, v)
		if c.Kind != Service || c.Problem != tc.want || c.Service == nil || c.Service.Hours != tc.hours {
			t.Errorf("Parse(%q) = %s, want %v hours and problem %d", tc.in, describeRecord(c), tc.hours, tc.want)
		}
	}
}

func TestParseNumeral(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		n    int // bytes taken
	}{
		{"0", 0, 1},
		{"7", 7, 1},
		{"007", 7, 3},
		{"20000个", 20000, 5},
		{"3.5", 3.5, 3},
		{"3.5h", 3.5, 3},
		{"448.5万平方米", 4485000, len("448.5万")},
		{"1.5万", 15000, len("1.5万")},
		{"1.5千", 1500, len("1.5千")},
		{"2.5亿", 2.5e8, len("2.5亿")},
		{"1万2千", 12000, len("1万2千")},
		{"12万3456", 123456, len("12万3456")},
		{"5千万", 5e7, len("5千万")},
		{"3百万", 3e6, len("3百万")},
		{"两万瓶", 20000, len("两万")},
		{"三千", 3000, len("三千")},
		{"一万二千", 12000, len("一万二千")},
		{"一万二", 12000, len("一万二")},
		{"三千五", 3500, len("三千五")},
		{"两百五", 250, len("两百五")},
		{"二十万五", 205000, len("二十万五")},
		{"十", 10, len("十")},
		{"十二", 12, len("十二")},
		{"二十三", 23, len("二十三")},
		{"一百一十", 110, len("一百一十")},
		{"一百一", 110, len("一百一")},
		{"一百零五", 105, len("一百零五")},
		{"一千零五", 1005, len("一千零五")},
		{"一万零五百", 10500, len("一万零五百")},
		{"十万", 1e5, len("十万")},
		{"一亿三千万", 1.3e8, len("一亿三千万")},
		{"三万亿", 3e12, len("三万亿")},
		{"伍仟", 5000, len("伍仟")},
		{"壹佰贰拾", 120, len("壹佰贰拾")},
		{"零", 0, len("零")},
		{"〇", 0, len("〇")},
		{"一千零", 1000, len("一千")},
		{"二〇二三", 2, len("二")},
		{"5.", 5, 1},
		{"1.2.3", 1.2, 3},
		{"5千克", 5000, len("5千")}, // the unit reader backs off to 5 千克
		{"万", 0, 0},
		{"千", 0, 0},
		{"百姓", 0, 0},
		{"万元", 0, 0},
		{".5", 0, 0},
		{"abc", 0, 0},
		{"", 0, 0},
	} {
		got, n := ParseNumeral(tc.in)
		if got != tc.want || n != tc.n {
			t.Errorf("ParseNumeral(%q) = %v, %d; want %v, %d", tc.in, got, n, tc.want, tc.n)
		}
	}
}

// TestNumeralFormatRoundTrip: a figure written in canonical form reads back
// as the same float64.
func TestNumeralFormatRoundTrip(t *testing.T) {
	for _, x := range []float64{0, 0.5, 0.1, 1.0 / 3, 1.0 / 60, 100.0 / 60, 3.5 + 10.0/60, 1e-7, 123456789.123, 15000, 1e10, math.MaxInt32, 1 << 53} {
		s := formatFigure(x)
		got, n := ParseNumeral(s)
		if got != x || n != len(s) {
			t.Errorf("ParseNumeral(%q) = %v, %d; want %v, %d", s, got, n, x, len(s))
		}
		if s != strconv.FormatFloat(x, 'f', -1, 64) {
			t.Errorf("formatFigure(%v) = %q", x, s)
		}
	}
}

func TestServiceInTheFutureIsRefused(t *testing.T) {
	v := recordVocab()
	for _, msg := range []string{"打卡 明天 3小时 消杀", "打卡 后天 4小时 核酸检测"} {
		c := Parse(msg, v)
		if c.Kind != Service || c.Problem != BadDate {
			t.Errorf("%q: kind %v problem %v, want Service with BadDate", msg, c.Kind, c.Problem)
		}
	}
}

func TestBareSumIsCash(t *testing.T) {
	v := recordVocab()
	for _, msg := range []string{"认捐 5000元", "捐赠 1万元"} {
		c := Parse(msg, v)
		if c.Kind != Pledge || c.Problem != OK || c.Pledge.Item != "现金" || c.Pledge.Unit != "元" {
			t.Errorf("%q: %+v %+v", msg, c, c.Pledge)
		}
	}
}
