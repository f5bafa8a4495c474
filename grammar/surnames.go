package grammar

// Surnames: a Chinese name starts with one. Telling a name from a nickname
// (风轻云淡, 快乐每一天), a title (书记, 群主), a time (明天) or a place (社区)
// rests on this table and on the few words below that start with a surname
// but are no name.

import (
	"strings"
	"unicode/utf8"
)

// singleSurnames are the common one-character surnames, about the five
// hundred that cover nearly every mainland name. Surnames that mostly start
// ordinary words (都, 来, 那, 由, 信, 公, 利, 居, 银, 战…) are left out: a
// member with one types the name after the keyword, where a word of the
// sign-up is a name only if it reads as one.
const singleSurnames = "" +
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋云芮扈晁鹿薄雍辜裘亓修邰赫杭宿印逯隆茹诸慕嵇湛宾戎茅揭尉檀奉尧闭" +
	"郑钮酆鄂韶蔚萧庹晏嵩佴邵阿訾谯琚"

// compoundSurnames are the two-character surnames still in use.
var compoundSurnames = []string{
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
	"宇文", "司徒", "夏侯", "轩辕", "令狐", "西门", "南宫", "独孤", "端木", "百里",
	"呼延", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠", "钟离",
	"闻人", "万俟", "赫连", "拓跋", "第五", "左丘", "东郭", "羊舌", "微生", "梁丘",
}

// notNames are words that start with a surname but name nobody: times,
// places, titles and the words of a sign-up chat. A name equal to one, or
// (for the titles in nameTitles) ending with one, is refused.
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		明天 明早 明晚 明日 明后天 明白 时间 时候 平时 常常 全天 全程 全部 全体 全员
		周末 周一 周二 周三 周四 周五 周六 周日 周天 白天 夏天 凌晨 季度 高峰 万一
		社区 街道 江边 海边 南门 南方 路口 房间 单位 单元 楼下 楼上 门口 国家 国庆
		管理员 管理 成员 党员 党群 司机 车主 车辆 路人 路过 游客 师傅 帅哥 美女
		温暖 温馨 康复 安全 安心 安静 方便 文明 文化 和平 和谐 平安 平凡 高兴 高手
		阳光 简单 辛苦 麻烦 卫生 宣传 封控 位置 项目 计划 满意 冷静 关注 关于 关心
		谢谢 谢了 感谢 许多 于是 程序 范围 付款 方式 方面 白色 颜色 申请 祝福 符合
		舒服 纪念 童年 毕业 包括 宁静 连续 尤其 严重 齐心 万事如意 花开 云朵 海洋
		金色 江湖 石头 黄昏 马上 龙年 雷锋 吉祥 卓越 景区 应急 应该 商量 荣誉 惠民
		劳动 满员 强大 乐观 乐意 向日葵 向阳 常态 施工 武汉 成都 南京 江苏 江西
		微信用户 微信 用户 群主 群友 匿名 未知 无名 测试 某某 张三李四
	`) {
		notNames[w] = true
	}
}

// nameTitles are titles and forms of address that follow a surname in
// chat (王会长, 刘姐, 李老师): the words are a way of calling someone, never
// the name a roster needs.
var nameTitles = []string{
	"会长", "社长", "书记", "主任", "队长", "组长", "班长", "楼长", "站长", "所长",
	"局长", "处长", "科长", "院长", "校长", "部长", "经理", "老板", "老师", "医生",
	"护士", "师傅", "阿姨", "叔叔", "大姐", "大哥", "大爷", "大妈", "奶奶", "爷爷",
	"小姐", "先生", "女士", "同学", "同志", "总", "姐", "哥", "叔", "姨", "婶",
	"工", "爷", "伯", "妈", "嫂", "嫂子", "老", "家",
}

// hasSurname reports whether s starts with a surname, and how many runes
// the surname has.
func hasSurname(s string) (int, bool) {
	for _, c := range compoundSurnames {
		if strings.HasPrefix(s, c) {
			return 2, true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return 1, strings.ContainsRune(singleSurnames, r)
}

// hanNameOK reports whether s, Han characters only, reads as a Chinese
// name: a surname and one to three more characters (two to four in all,
// a compound surname leaving room for two), and not a word or title that
// merely starts with a surname.
func hanNameOK(s string) bool {
	n := utf8.RuneCountInString(s)
	k, ok := hasSurname(s)
	if !ok || n < 2 || n > 4 || n <= k || notNames[s] {
		return false
	}
	rest := s[len(string([]rune(s)[:k])):]
	for _, t := range nameTitles {
		if rest == t || (utf8.RuneCountInString(t) > 1 && strings.HasSuffix(rest, t)) {
			return false
		}
	}
	return true
}
