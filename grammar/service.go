package grammar

// 打卡 / 服务 and 撤销打卡: service hours, people served, place, activity.

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// recPeriods are the words that stand for a duration when none is typed:
// half a day (上午, 下午, 晚上, 半天) is 4 hours, a whole day 8.
var recPeriods = []struct {
	word  string
	hours float64
}{
	{"一整天", 8}, {"全天", 8}, {"整天", 8}, {"一天", 8}, {"白天", 8},
	{"上午", 4}, {"下午", 4}, {"晚上", 4}, {"半天", 4},
}

// recHalfHours are the ways to write half an hour without a number.
var recHalfHours = []string{"半个小时", "半个钟头", "半小时", "半钟头"}

// parseService reads 打卡 and 服务: a duration, an activity, and optionally a
// date, people served, a place and other figures, in any order.
//
//	打卡 4小时 核酸检测 服务200人次
//	服务 3.5h 秩序维护
//	打卡 前天 8小时 秩序维护 服务 300 人次
//	打卡 上午 消杀 448.5万平方米
//
// Durations add up (3小时 30分 is 3.5 hours); 上午, 下午, 晚上 and 半天 count 4
// hours and 全天, 一天, 整天 8, but only when no duration is typed. The first
// date and the first place win; people add up; other figures are kept as
// typed in Extra.
func parseService(word, rest string, v *Vocabulary) Command {
	if isRecordChatter(rest) {
		return Command{}
	}
	toks := recMerge(strings.Fields(dropContact(rest, v)), recServiceUnits, recServiceGlue, recServiceAlso)
	sr := &ServiceRecord{}
	var (
		hours, period, people      float64
		explicit, hasPeriod, dated bool
		negHours, badNumber        bool
		badDate                    bool
		words, extras              []string
	)
	for _, l := range recLex(toks, matchService) {
		switch l.kind {
		case recText:
			if !slices.Contains(recServiceFiller, l.text) && !isBareNumber(l.text) {
				words = append(words, l.text)
			}
		case recDate:
			badDate = badDate || l.bad
			if !dated {
				sr.Date, dated = l.date, true
			}
		case recPeriod:
			period += l.num
			hasPeriod = true
		case recPlace:
			if sr.Place == "" {
				sr.Place = l.text
			}
		case recHours:
			hours += l.num
			explicit = true
			negHours = negHours || l.neg
		case recPeople:
			if l.neg || l.num != math.Trunc(l.num) {
				badNumber = true
			}
			people += l.num
		case recExtra:
			badNumber = badNumber || l.neg
			extras = append(extras, l.text)
		}
	}
	if !explicit && (word == "服务" || (recGlued(rest) && !hasPeriod)) {
		return Command{}
	}
	if !explicit {
		hours = period
	}
	sr.Hours = hours
	if people <= recMaxPeople {
		sr.People = int(people)
	} else {
		badNumber = true
	}
	sr.Activity = recActivity(strings.Join(words, " "), v)
	sr.Extra = strings.Join(extras, " ")
	c := Command{Kind: Service, Service: sr}
	switch {
	case !explicit && !hasPeriod:
		c.Problem = MissingHours
	case negHours || !(hours >= recMinHours-1e-9 && hours <= recMaxHours):
		c.Problem = BadHours
	case badDate:
		c.Problem = BadDate
	case badNumber:
		c.Problem = BadNumber
	}
	return noPhoneInText(c)
}

// parseUndoService reads 撤销打卡, which takes nothing after it.
func parseUndoService(word, rest string, v *Vocabulary) Command {
	if strings.TrimSpace(rest) != "" {
		return Command{}
	}
	return Command{Kind: UndoService}
}

// matchService finds an element of a 打卡 message at the start of s.
func matchService(s string, boundary bool) (recLexeme, int) {
	if l, n := matchDate(s); n > 0 {
		return l, n
	}
	for _, p := range recPeriods {
		if strings.HasPrefix(s, p.word) {
			return recLexeme{kind: recPeriod, num: p.hours}, len(p.word)
		}
	}
	if boundary {
		for _, pre := range []string{"地点", "在"} {
			if body, ok := strings.CutPrefix(s, pre); ok {
				cut := placeEnd(body)
				return recLexeme{kind: recPlace, text: body[:cut]}, len(pre) + cut
			}
		}
	}
	return matchWork(s)
}

// matchWork finds a duration or people served at the start of s, or another
// figure of a service.
func matchWork(s string) (recLexeme, int) {
	for _, h := range recHalfHours {
		if strings.HasPrefix(s, h) {
			return recLexeme{kind: recHours, num: 0.5}, len(h)
		}
	}
	if body, ok := strings.CutPrefix(s, "服务"); ok {
		if l, n := matchFigure(body, false, recServiceUnits, false); n > 0 && l.kind == recPeople {
			return l, len("服务") + n
		}
	}
	return matchFigure(s, false, recServiceUnits, false)
}

// placeEnd is where the place name at the start of body ends: at the end of
// the word, or where a duration or people served starts
// (在城南社区服务120人次).
func placeEnd(body string) int {
	prev := '在'
	for q := 0; q < len(body); {
		if recStartAllowed(prev) {
			if l, n := matchWork(body[q:]); n > 0 && (l.kind == recHours || l.kind == recPeople) {
				return q
			}
		}
		r, sz := utf8.DecodeRuneInString(body[q:])
		prev = r
		q += sz
	}
	return len(body)
}

// recActivity maps the leftover words of a 打卡 to a canonical activity: a
// canonical name as typed, else the longest alias found in them, else the
// words as typed.
func recActivity(words string, v *Vocabulary) string {
	if words == "" || v == nil || len(v.Activities) == 0 {
		return words
	}
	for _, c := range v.Activities {
		if c == words {
			return c
		}
	}
	aliases := make([]string, 0, len(v.Activities))
	for a := range v.Activities {
		aliases = append(aliases, a)
	}
	sort.Slice(aliases, func(i, j int) bool {
		li, lj := utf8.RuneCountInString(aliases[i]), utf8.RuneCountInString(aliases[j])
		if li != lj {
			return li > lj
		}
		return aliases[i] < aliases[j]
	})
	low := strings.ToLower(words)
	for _, a := range aliases {
		if n := strings.ToLower(Normalize(a)); n != "" && strings.Contains(low, n) {
			return v.Activities[a]
		}
	}
	return words
}
