package grammar

import "testing"

// A name starts with a surname and has two to four characters; nicknames,
// titles, times, places and placeholders are no names (issue 17). Every
// "false" row below was a name before.
func TestNamesNeedASurname(t *testing.T) {
	r := newRoles(signUpVocab())
	for s, want := range map[string]bool{
		"周凯": true, "张三": true, "欧阳娜娜": true, "司马光": true, "李小龙": true, "王芳芳": true,
		"阿卜杜·热合曼": true, "Tom Smith": true,
		"风轻云淡": false, "快乐每一天": false, "书记": false, "主任": false, "群主": false,
		"明天": false, "今晚有空": false, "社区": false, "街道办": false, "微信用户": false,
		"王会长": false, "刘姐": false, "李老师": false, "小花": false, "老李": false,
		"周六": false, "张三丰李四": false, "管理员": false,
	} {
		if got := r.nameOK(s); got != want {
			t.Errorf("nameOK(%q) = %v, want %v", s, got, want)
		}
	}
	for _, nick := range []string{"微信用户", "风轻云淡", "🌸小花🌸", "快乐每一天"} {
		if n, ok := NicknameAsName(nick, signUpVocab()); ok {
			t.Errorf("nickname %q stood in for a name as %q", nick, n)
		}
	}
}
