package grammar

// Service and pledges told in a sentence rather than typed as a command:
// 上午在东关核酸点帮了3个半小时忙 is a service record for today; 我们商会捐了
// 消毒液200桶，明天一早送过去 is a pledge. They come back with Spoken set, so
// the handler acts only when it can (a registered member) and stays quiet
// otherwise, and says how to undo what it recorded.

import "strings"

// serviceVerbs say that someone worked; one must be in a service sentence.
var serviceVerbs = []string{"帮了", "帮忙", "服务了", "值班", "值了", "站岗", "执勤", "干了", "忙了", "做了", "参加了", "守了"}

// serviceNoise are the words of a service sentence that are neither a
// figure nor the activity; they are blanked before the record is read.
var serviceNoise = []string{"帮了", "帮忙", "服务了", "值了", "干了", "忙了", "做了", "参加了", "守了", "今天", "我", "忙", "的"}

// parseServiceSentence reads a sentence that reports service: a service
// verb and a duration with its unit; the activity is the one named anywhere
// in it.
func parseServiceSentence(s string, v *Vocabulary) Command {
	if !containsAny(s, serviceVerbs) || strings.ContainsAny(s, "?吗呢") || containsAny(s, thirdPersons) {
		return Command{}
	}
	body := s
	for _, w := range serviceNoise {
		body = strings.ReplaceAll(body, w, " ")
	}
	c := parseService("打卡", body, v)
	if c.Kind != Service || c.Problem != OK || !hasHourFigure(body) {
		return Command{}
	}
	// The activity is one the vocabulary knows, or none (服务): the other
	// words of a sentence (累死了) are no activity.
	c.Service.Activity = ""
	if a := recActivity(s, v); isCanonicalActivity(a, v) {
		c.Service.Activity = a
	}
	c.Spoken = true
	return c
}

// hasHourFigure reports whether s holds a number with a unit of time: a
// sentence with only 上午 or 一天 is no record of hours.
func hasHourFigure(s string) bool {
	for _, l := range recLex(recMerge(strings.Fields(s), recServiceUnits, recServiceGlue, recServiceAlso), func(s string, _ bool) (recLexeme, int) { return matchWork(s) }) {
		if l.kind == recHours {
			return true
		}
	}
	return false
}

// isCanonicalActivity reports whether a is one of the vocabulary's
// canonical activity names.
func isCanonicalActivity(a string, v *Vocabulary) bool {
	if v == nil {
		return false
	}
	for _, c := range v.Activities {
		if c == a {
			return true
		}
	}
	return false
}

// thirdPersons make a sentence about someone else (他今天值班8小时).
var thirdPersons = []string{"他", "她", "你", "大家", "人士"}

// firstPersons say the giver is the sender or their own (我们商会, 我家,
// 本人, 我司); a pledge sentence with any other subject is news.
var firstPersons = []string{"我", "本人", "咱"}

// pledgeVerbs say that someone gives; the goods and the amount follow.
var pledgeVerbs = []string{"捐赠了", "捐献了", "捐了", "捐出", "捐给", "送来了", "送来"}

// parsePledgeSentence reads a sentence that pledges goods: a giving verb,
// then the item and its quantity up to the next pause (the rest of the
// sentence says when or how it arrives).
func parsePledgeSentence(s string, v *Vocabulary) Command {
	if strings.ContainsAny(s, "?吗呢") {
		return Command{}
	}
	for _, w := range pledgeVerbs {
		who, rest, ok := strings.Cut(s, w)
		if !ok {
			continue
		}
		if who != "" && !containsAny(who, firstPersons) { // 老张捐了…: news of someone else's gift
			return Command{}
		}
		rest = strings.TrimSpace(rest)
		more := ""
		if i := strings.IndexByte(rest, ' '); i > 0 {
			rest, more = rest[:i], rest[i:]
		}
		c := parsePledge("捐赠", " "+rest, v)
		if c.Kind != Pledge || c.Problem != OK {
			return Command{}
		}
		if hasAmount(more) { // 消毒液10桶、面包5箱: one pledge per message
			c.Problem, c.Pledge = ManyItems, nil
		}
		c.Spoken = true
		return c
	}
	return Command{}
}
