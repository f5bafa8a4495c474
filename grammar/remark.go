package grammar

// Remarks: what a member adds after the phone (党员, 有车, 男, 谢谢), kept on
// the registration for the roster.

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// maxRemark is the longest remark kept (in runes); the rest is cut. A remark
// is a note for the roster, not a message.
const maxRemark = 40

// remarkWords are remarks members add after their phone that could pass for
// a name: they stay remarks even when no name came before the phone.
// Whole words, then endings.
var (
	remarkWords   = []string{"男", "女", "本人", "同上", "有车", "无车", "自驾", "谢谢", "感谢", "多谢", "辛苦了", "已接种"}
	remarkEndings = []string{"党员", "团员", "群众", "医生", "护士", "老师", "教师", "司机", "学生", "军人", "干部", "职工", "退休"}
)

// isRemarkWord reports whether w is a remark rather than a name.
func isRemarkWord(w string) bool {
	if slices.Contains(remarkWords, w) {
		return true
	}
	for _, e := range remarkEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// cutRunes keeps the first n runes of s, less a trailing space, so what is
// kept reads back as itself.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	s = s[:runePrefixLen(s, n)]
	return strings.TrimSpace(s)
}
