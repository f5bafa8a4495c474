package handlers

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"mobilize/grammar"
)

// corpusProblems name the grammar's problems in testdata/corpus.tsv.
var corpusProblems = map[grammar.Problem]string{
	grammar.BadPhone: "BadPhone", grammar.UnknownRole: "UnknownRole", grammar.MissingHours: "MissingHours",
	grammar.BadHours: "BadHours", grammar.BadNumber: "BadNumber", grammar.MissingItem: "MissingItem",
	grammar.MissingQty: "MissingQty", grammar.MissingID: "MissingID", grammar.EmptyChain: "EmptyChain",
	grammar.MissingName: "MissingName", grammar.BadName: "BadName", grammar.ManyItems: "ManyItems",
	grammar.BadDate: "BadDate", grammar.ManyPhones: "ManyPhones", grammar.IDNumber: "IDNumber",
}

// corpusKinds name the commands in testdata/corpus.tsv.
var corpusKinds = map[grammar.Kind]string{
	grammar.None: "none", grammar.SignUp: "signup", grammar.Cancel: "cancel", grammar.MyStatus: "mystatus",
	grammar.Quota: "quota", grammar.Help: "help", grammar.Chain: "chain", grammar.Service: "service",
	grammar.UndoService: "undoservice", grammar.Pledge: "pledge", grammar.Delivered: "delivered",
	grammar.CancelHint: "cancelhint", grammar.SoftCancel: "softcancel", grammar.UndoPledge: "undopledge",
	grammar.MoveHere: "movehere",
}

// describe writes a command the way testdata/corpus.tsv expects it: the
// kind, then the fields that are set.
func describe(c grammar.Command, roles map[string]string) string {
	if code, ok := roles[c.Role]; ok {
		c.Role = code
	}
	parts := []string{corpusKinds[c.Kind]}
	add := func(k, v string) {
		if v != "" && v != "0" {
			parts = append(parts, k+"="+v)
		}
	}
	add("problem", corpusProblems[c.Problem])
	add("role", c.Role)
	add("name", c.Name)
	add("phone", c.Phone)
	add("remark", strings.ReplaceAll(c.Remark, " ", "_"))
	add("id", fmt.Sprint(c.ID))
	if s := c.Service; s != nil {
		add("hours", fmt.Sprint(s.Hours))
		add("activity", s.Activity)
	}
	if p := c.Pledge; p != nil {
		add("item", p.Item)
		add("qty", fmt.Sprint(p.Quantity))
		add("unit", p.Unit)
	}
	if l := c.Chain; l != nil {
		for _, e := range l.Entries {
			role := e.Role
			if code, ok := roles[role]; ok {
				role = code
			}
			e := fmt.Sprintf("%d:%s/%s/%s", e.Index, e.Name, role, corpusProblems[e.Problem])
			parts = append(parts, strings.TrimRight(e, "/"))
		}
	}
	return strings.Join(parts, " ")
}

// TestCorpus reads every line of testdata/corpus.tsv — real messages from
// public reports of recruitment groups, and variants of them, each with its
// source — with the vocabulary of the test campaign, and checks its expected
// reading. A sign-up stored under a wrong name is counted apart: there must
// be none.
func TestCorpus(t *testing.T) {
	h := newHarness(t)
	h.campaign("抗疫", 40, 145)
	vocab, _, err := h.router.vocabulary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{} // the role words as typed, to their codes
	for _, r := range h.cfg.Roles {
		for _, a := range append([]string{r.Name, r.Code}, r.Aliases...) {
			roles[a] = r.Code
		}
	}
	f, err := os.Open("testdata/corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, right, wrongName, real := 0, 0, 0, 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 || cols[2] == "" {
			t.Errorf("line %d: want text, expected reading and source, tab-separated: %q", n, line)
			continue
		}
		text := strings.ReplaceAll(cols[0], `\n`, "\n")
		total++
		if strings.HasPrefix(cols[2], "http") {
			real++
		}
		cmd := grammar.Parse(text, &vocab)
		if cmd.Kind != grammar.None && !grammar.MayBeCommand(text, vocab.BotNames) {
			t.Errorf("line %d %q: read as a command, but MayBeCommand drops it", n, text)
		}
		got := describe(cmd, roles)
		if got == cols[1] {
			right++
			continue
		}
		t.Errorf("line %d %q:\n got  %s\n want %s", n, text, got, cols[1])
		if strings.HasPrefix(got, "signup role") { // a role and no problem: it would register
			wrongName++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus: %d/%d read as expected (%d from public reports), %d wrong registrations", right, total, real, wrongName)
}
