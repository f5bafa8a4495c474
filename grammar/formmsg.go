package grammar

// A filled-in form sent as a message, in any order and with any of the
// usual labels:
//
//	岗位：先锋
//	姓名：周凯
//	手机：13900000001
//
// It is a sign-up only when it has a name label and a phone label; an
// organizer's notice that carries a contact (联系人：李老师 139…) has no
// name label and stays silent.

import "strings"

// Fields of a form message.
const (
	fieldName = iota + 1
	fieldPhone
	fieldRole
	fieldRemark
	fieldOther
)

// formFields are the labels of a form, longest first where one starts
// another.
var formFields = []struct {
	label string
	field int
}{
	{"真实姓名", fieldName}, {"姓名", fieldName}, {"名字", fieldName},
	{"手机号码", fieldPhone}, {"电话号码", fieldPhone}, {"联系电话", fieldPhone},
	{"联系方式", fieldPhone}, {"手机号", fieldPhone}, {"手机", fieldPhone}, {"电话", fieldPhone},
	{"报名岗位", fieldRole}, {"意向岗位", fieldRole}, {"志愿岗位", fieldRole}, {"岗位", fieldRole},
	{"意向", fieldRole}, {"类别", fieldRole}, {"角色", fieldRole},
	{"备注", fieldRemark},
	{"性别", fieldOther}, {"年龄", fieldOther}, {"小区", fieldOther}, {"住址", fieldOther},
	{"地址", fieldOther}, {"单位", fieldOther}, {"身份证号", fieldOther}, {"身份证", fieldOther},
	{"楼栋", fieldOther}, {"门牌", fieldOther}, {"时间", fieldOther}, {"职业", fieldOther},
}

// formLabel cuts a label off the front of a word; field is 0 when the word
// starts with none.
func formLabel(t string) (field int, rest string) {
	for _, f := range formFields {
		if r, ok := strings.CutPrefix(t, f.label); ok {
			return f.field, r
		}
	}
	return 0, t
}

// parseForm reads a form message as a 报名 of its role, name, phone and
// remark. ok is false when s is no form.
func parseForm(s string, v *Vocabulary) (Command, bool) {
	values := map[int][]string{}
	field := 0
	for _, t := range strings.Fields(s) {
		if f, rest := formLabel(t); f != 0 {
			field = f
			values[field] = append(values[field], "") // the label was seen
			t = rest
		}
		if t != "" && field != 0 {
			values[field] = append(values[field], t)
		}
	}
	if values[fieldName] == nil || values[fieldPhone] == nil {
		return Command{}, false
	}
	if hasIDNumber(s) && strings.TrimSpace(strings.Join(values[fieldName], "")) != "" {
		return Command{Kind: SignUp, Problem: IDNumber}, true
	}
	join := func(f int) string { return strings.TrimSpace(strings.Join(values[f], " ")) }
	if join(fieldName) == "" || join(fieldPhone) == "" { // a template to fill in, not a filled form
		return Command{}, false
	}
	body := strings.Join([]string{join(fieldRole), join(fieldName), join(fieldPhone), join(fieldRemark)}, " ")
	c := parseSignUp("报名", body, v)
	return c, c.Kind == SignUp
}
