package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"mobilize/broadcast"
	"mobilize/models"
	"mobilize/report"
)

// key is one cell of the truth: an organization (by name), a role (by
// code) and a status.
type key struct{ org, role, status string }

// truth is what the roster — every registration as stored — says: the
// count of each cell, and the organizations with any registration.
type truth struct {
	n    map[key]int
	orgs map[string]bool
}

func (tr truth) role(code, status string) int {
	return tr.sum(func(k key) bool { return k.role == code && k.status == status })
}

func (tr truth) org(org, status string) int {
	return tr.sum(func(k key) bool { return k.org == org && k.status == status })
}

func (tr truth) sum(match func(key) bool) int {
	n := 0
	for k, v := range tr.n {
		if match(k) {
			n += v
		}
	}
	return n
}

func (w *world) roster() []models.RegView {
	w.t.Helper()
	regs, err := w.store.Roster(w.ctx, w.camp.ID)
	if err != nil {
		w.fail("roster: %v", err)
	}
	return regs
}

func truthOf(regs []models.RegView) truth {
	tr := truth{n: map[key]int{}, orgs: map[string]bool{}}
	for _, r := range regs {
		org := r.Group.Organization.Name
		tr.n[key{org, r.Role.Code, r.Status}]++
		tr.orgs[org] = true
	}
	return tr
}

// places is every registration's role, status and group, for "nothing
// changed".
func (w *world) places() string {
	var lines []string
	for _, r := range w.roster() {
		lines = append(lines, fmt.Sprintf("%d %s %s %s %s", r.ID, r.Volunteer.Name, r.Role.Code, r.Status, r.Group.Name))
	}
	return strings.Join(lines, "\n")
}

func (w *world) tally(date string) report.Tally {
	w.t.Helper()
	t, err := report.Compute(w.ctx, w.store, w.camp.ID, date, w.cfg.Location)
	if err != nil {
		w.fail("tally of %s: %v", date, err)
	}
	return t
}

// checkViews compares every view with the roster, and with each other.
func (w *world) checkViews() {
	w.t.Helper()
	regs := w.roster()
	tr := truthOf(regs)
	w.checkPeople(regs)
	w.checkRoleCounts(tr)
	tl := w.tally(day(w.now))
	w.checkTally(tl, tr)
	w.checkDaily(tl)
	w.checkBroadcastStatus(tl, tr)
	w.checkProgress(tr)
	w.checkConsole(tl, tr)
	if len(w.log)%5 == 0 {
		w.checkWorkbook(tr)
	}
	w.checkTodayIdentity(tl)
	if left := leftOf(tl); tl.NewConfirmed != w.gained || left != w.lost {
		w.fail("today: %d new confirmed and %d places given up, the roster says %d and %d:\n%s",
			tl.NewConfirmed, left, w.gained, w.lost, tl.Text())
	}
}

func leftOf(t report.Tally) int {
	n := 0
	for _, r := range t.Roles {
		n += r.LeftConfirmed
	}
	return n
}

// checkPeople: each person is in one place — their live registrations in
// one group, at most one confirmed and one waiting (a switch waiting
// keeps the old place) — and no organization holds more than its cap.
func (w *world) checkPeople(regs []models.RegView) {
	group, confirmed, waiting := map[uint]uint{}, map[uint]int{}, map[uint]int{}
	capped := map[string]int{}
	for _, r := range regs {
		if r.Status == models.StatusCancelled {
			continue
		}
		v := r.VolunteerID
		if g, ok := group[v]; ok && g != r.GroupID {
			w.fail("%s is in two groups", r.Volunteer.Name)
		}
		group[v] = r.GroupID
		switch r.Status {
		case models.StatusConfirmed:
			confirmed[v]++
			if r.Role.OrgCap > 0 {
				capped[r.Group.Organization.Name+"/"+r.Role.Code]++
			}
		case models.StatusWaitlisted:
			waiting[v]++
		}
		if confirmed[v] > 1 || waiting[v] > 1 {
			w.fail("%s holds %d confirmed and %d waiting places", r.Volunteer.Name, confirmed[v], waiting[v])
		}
	}
	for k, n := range capped {
		if n > w.camp.Roles[0].OrgCap {
			w.fail("%s: %d confirmed over the cap", k, n)
		}
	}
}

func (w *world) checkRoleCounts(tr truth) {
	counts, err := w.store.RoleCounts(w.ctx, w.camp.ID)
	if err != nil {
		w.fail("role counts: %v", err)
	}
	for _, c := range counts {
		if c.Confirmed != tr.role(c.Code, models.StatusConfirmed) || c.Waitlisted != tr.role(c.Code, models.StatusWaitlisted) {
			w.fail("role counts %s: %d/%d, roster %d/%d", c.Code, c.Confirmed, c.Waitlisted,
				tr.role(c.Code, models.StatusConfirmed), tr.role(c.Code, models.StatusWaitlisted))
		}
		if c.Confirmed > c.Quota {
			w.fail("%s: %d confirmed over a quota of %d", c.Code, c.Confirmed, c.Quota)
		}
	}
}

// checkTally: the report (text, Markdown, JSON) per role and per
// organization and role.
func (w *world) checkTally(tl report.Tally, tr truth) {
	conf, wait := 0, 0
	for _, r := range tl.Roles {
		got := [3]int{r.Confirmed, r.Waitlisted, r.Cancelled}
		want := [3]int{tr.role(r.Code, models.StatusConfirmed), tr.role(r.Code, models.StatusWaitlisted), tr.role(r.Code, models.StatusCancelled)}
		if got != want {
			w.fail("tally %s: %v, roster %v", r.Code, got, want)
		}
		conf, wait = conf+r.Confirmed, wait+r.Waitlisted
	}
	seen := map[string]bool{}
	for _, o := range tl.Orgs {
		seen[o.Name] = true
		for i, r := range tl.Roles {
			got := [2]int{o.ByRole[i].Confirmed, o.ByRole[i].Waitlisted}
			want := [2]int{tr.n[key{o.Name, r.Code, models.StatusConfirmed}], tr.n[key{o.Name, r.Code, models.StatusWaitlisted}]}
			if got != want {
				w.fail("tally %s %s: %v, roster %v", o.Name, r.Code, got, want)
			}
		}
		if o.Cancelled != tr.org(o.Name, models.StatusCancelled) {
			w.fail("tally %s: %d cancelled, roster %d", o.Name, o.Cancelled, tr.org(o.Name, models.StatusCancelled))
		}
		if row := fmt.Sprintf("| %s | %d | %d |", o.Name, o.Confirmed, o.Waitlisted); !strings.Contains(tl.Markdown(), row) {
			w.fail("markdown lacks %q", row)
		}
	}
	for org := range tr.orgs {
		if !seen[org] {
			w.fail("tally lacks %s, which has registrations", org)
		}
	}
	if line := fmt.Sprintf("确认 %d 人", conf); !strings.Contains(tl.Text(), line) || !strings.Contains(tl.Text(), fmt.Sprintf("候补 %d 人", wait)) {
		w.fail("text lacks %q / 候补 %d 人:\n%s", line, wait, tl.Text())
	}
	w.checkJSON(tl, tr)
}

// checkJSON reads the tally's JSON back as a machine would.
func (w *world) checkJSON(tl report.Tally, tr truth) {
	b, err := json.Marshal(tl)
	if err != nil {
		w.fail("json: %v", err)
	}
	var back struct {
		Roles []struct {
			Code                  string
			Confirmed, Waitlisted int
		}
		Orgs []struct {
			Name                  string
			Confirmed, Waitlisted int
		} `json:"organizations"`
		Answered int `json:"answered_organizations"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		w.fail("json back: %v", err)
	}
	for _, r := range back.Roles {
		if r.Confirmed != tr.role(r.Code, models.StatusConfirmed) || r.Waitlisted != tr.role(r.Code, models.StatusWaitlisted) {
			w.fail("json role %s: %d/%d", r.Code, r.Confirmed, r.Waitlisted)
		}
	}
	for _, o := range back.Orgs {
		if o.Confirmed != tr.org(o.Name, models.StatusConfirmed) || o.Waitlisted != tr.org(o.Name, models.StatusWaitlisted) {
			w.fail("json org %s: %d/%d", o.Name, o.Confirmed, o.Waitlisted)
		}
	}
	if back.Answered != tl.Answered {
		w.fail("json answered %d, tally %d", back.Answered, tl.Answered)
	}
}

// checkDaily: the daily tally job's figures are the report's, for an open
// campaign; a closed one gets none.
func (w *world) checkDaily(tl report.Tally) {
	daily, err := report.Daily(w.ctx, w.store, tl.Date, w.cfg.Location)
	if err != nil {
		w.fail("daily: %v", err)
	}
	switch {
	case w.closed && len(daily) != 0:
		w.fail("daily tally of a closed campaign")
	case !w.closed && (len(daily) != 1 || daily[0].Text() != tl.Text()):
		w.fail("daily tally differs from the report: %+v", daily)
	}
}

func (w *world) checkBroadcastStatus(tl report.Tally, tr truth) {
	st, err := broadcast.New(w.store, w.cfg).Status(w.ctx, w.camp.ID)
	if err != nil {
		w.fail("broadcast status: %v", err)
	}
	for _, r := range st.Roles {
		if r.Confirmed != tr.role(r.Code, models.StatusConfirmed) || r.Waitlisted != tr.role(r.Code, models.StatusWaitlisted) {
			w.fail("status role %s: %d/%d", r.Code, r.Confirmed, r.Waitlisted)
		}
	}
	for _, o := range st.Orgs {
		for _, r := range o.Roles {
			if r.Confirmed != tr.n[key{o.Organization, r.Code, models.StatusConfirmed}] ||
				r.Waitlisted != tr.n[key{o.Organization, r.Code, models.StatusWaitlisted}] {
				w.fail("status %s %s: %d/%d", o.Organization, r.Code, r.Confirmed, r.Waitlisted)
			}
		}
		if o.Answered() != tr.orgs[o.Organization] {
			w.fail("status says %s answered: %v", o.Organization, o.Answered())
		}
	}
	// The truth of who answered: organizations the roster has a
	// registration of, among those a group of which was sent to.
	sent, answered := map[string]bool{}, 0
	for _, g := range st.Groups {
		sent[g.Organization] = true
	}
	for org := range sent {
		if tr.orgs[org] {
			answered++
		}
	}
	if tl.Sent != len(sent) || tl.Answered != answered || tl.UnsentAnswered != len(tr.orgs)-answered {
		w.fail("tally: %d/%d answered, %d unsent; the roster and the deliveries: %d/%d, %d", tl.Answered, tl.Sent,
			tl.UnsentAnswered, answered, len(sent), len(tr.orgs)-answered)
	}
	if st.Answered() != tl.Answered || st.Answer.Sent() != tl.Sent || len(st.Orgs) != tl.Sent || st.UnsentAnswered != tl.UnsentAnswered {
		w.fail("status answered %d/%d (%d orgs) +%d, tally %d/%d +%d", st.Answered(), st.Answer.Sent(), len(st.Orgs),
			st.UnsentAnswered, tl.Answered, tl.Sent, tl.UnsentAnswered)
	}
	if sum := broadcast.Summary(st, 0); tl.Sent > 0 && !strings.Contains(sum, fmt.Sprintf("组织：已响应 %d/%d", tl.Answered, tl.Sent)) {
		w.fail("status summary:\n%s", sum)
	}
}

func (w *world) checkProgress(tr truth) {
	prog, err := w.store.Progress(w.ctx, w.camp.ID)
	if err != nil {
		w.fail("progress: %v", err)
	}
	for _, p := range prog {
		for _, r := range w.camp.Roles {
			got := p.Roles[r.ID]
			if got.Confirmed != tr.n[key{p.Name, r.Code, models.StatusConfirmed}] || got.Waitlisted != tr.n[key{p.Name, r.Code, models.StatusWaitlisted}] {
				w.fail("progress %s %s: %+v", p.Name, r.Code, got)
			}
		}
		if (p.FirstAt != nil) != tr.orgs[p.Name] {
			w.fail("progress says %s answered: %v", p.Name, p.FirstAt != nil)
		}
	}
}

var (
	answeredLine = regexp.MustCompile(`id="answered">([^<]*)<`)
	progressRow  = regexp.MustCompile(`(?s)<td class="who">([^<]*)(?:<small>[^<]*</small>)?<br>.*?</tr>`)
	progressCell = regexp.MustCompile(`<td class="num"[^>]*>(\d+) / (\d+)</td>`)
)

// checkConsole reads the staff console's 进度 page as staff see it.
func (w *world) checkConsole(tl report.Tally, tr truth) {
	u := fmt.Sprintf("%s/admin/c/%d", w.ts.URL, w.camp.ID)
	page := get(w, w.admin, u)
	if !answeredLine.MatchString(page) { // the session ended as the days passed
		w.admin = w.login()
		page = get(w, w.admin, u)
	}
	want := fmt.Sprintf("倡议尚未由机器人发往任何组织；%d 个组织有人报名", tl.UnsentAnswered)
	if tl.Sent > 0 {
		want = fmt.Sprintf("已响应 %d / %d 个收到倡议的组织，未响应 %d 个", tl.Answered, tl.Sent, tl.Silent)
		if tl.UnsentAnswered > 0 {
			want += fmt.Sprintf("；另有 %d 个未发送的组织有人报名", tl.UnsentAnswered)
		}
	}
	if m := answeredLine.FindStringSubmatch(page); m == nil || m[1] != want {
		w.fail("console 进度 says %q, the tally %q", m, want)
	}
	rows := progressRow.FindAllStringSubmatch(page, -1)
	orgs, err := w.store.ListOrgs(w.ctx) // with the group nobody imported, once it spoke
	if err != nil || len(rows) != len(orgs) {
		w.fail("console 进度 lists %d organizations of %d (%v)", len(rows), len(orgs), err)
	}
	for _, row := range rows {
		cells := progressCell.FindAllStringSubmatch(row[0], -1)
		for i, r := range w.camp.Roles {
			c, _ := strconv.Atoi(cells[i][1])
			wt, _ := strconv.Atoi(cells[i][2])
			if c != tr.n[key{row[1], r.Code, models.StatusConfirmed}] || wt != tr.n[key{row[1], r.Code, models.StatusWaitlisted}] {
				w.fail("console 进度 %s %s: %d / %d", row[1], r.Code, c, wt)
			}
		}
	}
}

// checkWorkbook reads the exported workbook: 名单 row by row, 机构响应
// per organization, 汇总 per role.
func (w *world) checkWorkbook(tr truth) {
	var buf bytes.Buffer
	if _, _, err := report.Workbook(w.ctx, &buf, w.store, w.camp.ID, day(w.now), w.cfg.Location); err != nil {
		w.fail("workbook: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		w.fail("open workbook: %v", err)
	}
	defer f.Close()
	status := map[string]string{"已确认": models.StatusConfirmed, "候补": models.StatusWaitlisted, "已取消": models.StatusCancelled}
	code := map[string]string{}
	for _, r := range w.camp.Roles {
		code[r.Name] = r.Code
	}
	got := map[key]int{}
	for _, row := range w.sheet(f, "名单")[1:] {
		got[key{row[6], code[row[3]], status[row[4]]}]++
	}
	if fmt.Sprint(sortedKeys(got)) != fmt.Sprint(sortedKeys(tr.n)) {
		w.fail("workbook 名单 %v, roster %v", sortedKeys(got), sortedKeys(tr.n))
	}
	for _, row := range w.sheet(f, "机构响应")[1:] {
		c := 3
		for _, r := range w.camp.Roles {
			if row[c] != strconv.Itoa(tr.n[key{row[0], r.Code, models.StatusConfirmed}]) ||
				row[c+1] != strconv.Itoa(tr.n[key{row[0], r.Code, models.StatusWaitlisted}]) {
				w.fail("workbook 机构响应 %s %s: %v", row[0], r.Code, row)
			}
			c += 2
		}
		if row[c+1] != strconv.Itoa(tr.org(row[0], models.StatusCancelled)) {
			w.fail("workbook 机构响应 %s cancelled: %v", row[0], row)
		}
	}
	for _, row := range w.sheet(f, "汇总") {
		if c, ok := code[first(row)]; ok && len(row) >= 5 {
			want := []string{strconv.Itoa(tr.role(c, models.StatusConfirmed)), strconv.Itoa(tr.role(c, models.StatusWaitlisted)),
				strconv.Itoa(tr.role(c, models.StatusCancelled))}
			if fmt.Sprint(row[2:5]) != fmt.Sprint(want) {
				w.fail("workbook 汇总 %s: %v, roster %v", c, row, want)
			}
		}
	}
}

func (w *world) sheet(f *excelize.File, name string) [][]string {
	rows, err := f.GetRows(name)
	if err != nil || len(rows) == 0 {
		w.fail("sheet %s: %v", name, err)
	}
	return rows
}

func first(row []string) string {
	if len(row) == 0 {
		return ""
	}
	return row[0]
}

func sortedKeys(m map[key]int) []string {
	var out []string
	for k, n := range m {
		if n > 0 {
			out = append(out, fmt.Sprintf("%s/%s/%s=%d", k.org, k.role, k.status, n))
		}
	}
	sort.Strings(out)
	return out
}

// checkTodayIdentity: the people confirmed now are those of the end of
// yesterday, plus today's new confirmed people, less today's given-up
// places — a role switch or a group move is neither.
func (w *world) checkTodayIdentity(tl report.Tally) {
	w.identity(tl, w.days)
}

// identity checks tl against the last of before, the days ended earlier.
func (w *world) identity(tl report.Tally, before []report.Tally) {
	prev := 0
	if len(before) > 0 {
		prev = confirmedOf(before[len(before)-1])
	}
	left := leftOf(tl)
	if confirmedOf(tl) != prev+tl.NewConfirmed-left {
		w.fail("%s: %d confirmed, %d the day before + %d new − %d given up:\n%s", tl.Date, confirmedOf(tl), prev,
			tl.NewConfirmed, left, tl.Text())
	}
}

func confirmedOf(t report.Tally) int {
	n := 0
	for _, r := range t.Roles {
		n += r.Confirmed
	}
	return n
}

// checkDayIdentity runs when a day ends; checkPastDays at the end of the
// history: every past day's tally reads as it did when the day ended,
// its quotas included (the quota history keeps a 递补's change).
func (w *world) checkDayIdentity() {
	n := len(w.days)
	w.identity(w.days[n-1], w.days[:n-1])
}

func (w *world) checkPastDays() {
	for _, d := range w.days {
		again := w.tally(d.Date)
		again.Generated = d.Generated
		a, _ := json.Marshal(d)
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			w.fail("the tally of %s changed:\n%s\n%s", d.Date, a, b)
		}
	}
}
