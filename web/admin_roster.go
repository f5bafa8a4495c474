package web

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"mobilize/models"
	"mobilize/pii"
	"mobilize/privfile"
	"mobilize/report"
)

// rosterView is one page of a campaign's roster, phones masked unless
// Full, with the search that chose it and links to its neighbours.
type rosterView struct {
	campaignHead
	Full         bool
	Rows         []rosterLine
	Search       string
	Page         int    // 1-based
	Prev, Next   string // the neighbouring pages' query strings; empty: none
	NoneMatching bool
}

type rosterLine struct {
	Name, Phone, Role, Status, Org, Time string
	Remark                               string
	Cancelled                            bool
}

// rosterPageSize is how many people one roster page shows: a phone's
// screen of cards a few times over.
const rosterPageSize = 50

// rosterPage lists one page of the campaign's registrations, searched by
// name or organization (?q=) and paged (?p=), streamed from the store so
// a view of a million registrations holds one page in memory. Full phone
// numbers are shown only on request, and each such view is written to the
// audit log with the admin's name.
func (s *Server) rosterPage(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	qs := r.URL.Query()
	full := qs.Get("full") == "1"
	v := rosterView{campaignHead: s.head(camp, "roster"), Full: full, Search: strings.TrimSpace(qs.Get("q")), Page: 1}
	if p, err := strconv.Atoi(qs.Get("p")); err == nil && p > 1 && p <= 1_000_000 {
		v.Page = p
	}
	rows, more, err := s.deps.Store.RosterPage(r.Context(), camp.ID,
		models.RosterQuery{Search: v.Search, Offset: (v.Page - 1) * rosterPageSize, Limit: rosterPageSize})
	if err != nil {
		s.internal(w, r, "load roster", err)
		return
	}
	if full {
		detail := fmt.Sprintf("倡议 %d，第 %d 页，%d 条", camp.ID, v.Page, len(rows))
		if v.Search != "" {
			detail += fmt.Sprintf("，搜索“%s”", pii.Mask(v.Search))
		}
		if err := s.deps.Store.Audit(r.Context(), models.ActorWeb(admin), "roster.full", detail); err != nil {
			s.internal(w, r, "audit full roster", err)
			return
		}
	}
	for _, row := range rows {
		v.Rows = append(v.Rows, s.rosterLine(row, full))
	}
	v.NoneMatching = len(rows) == 0
	if v.Page > 1 {
		v.Prev = rosterQuery(v.Search, full, v.Page-1)
	}
	if more {
		v.Next = rosterQuery(v.Search, full, v.Page+1)
	}
	s.renderAdmin(w, r, "roster", camp.Title, admin, v)
}

// rosterLine is a row as the page shows it: masked unless full.
func (s *Server) rosterLine(row models.RosterRow, full bool) rosterLine {
	line := rosterLine{Name: row.Name, Phone: pii.MaskPhone(row.Phone), Role: row.Role, Org: row.Organization,
		Time: row.CreatedAt.In(s.deps.Config.Location).Format("01-02 15:04"), Remark: row.Remark,
		Cancelled: row.Status == models.StatusCancelled}
	if full {
		line.Phone = row.Phone
	} else {
		line = line.masked()
	}
	switch row.Status {
	case models.StatusConfirmed:
		line.Status = ctxt.Confirmed
	case models.StatusWaitlisted:
		line.Status = fmt.Sprintf(ctxt.Position, row.Position)
	default:
		line.Status = ctxt.Cancelled
	}
	return line
}

// rosterQuery is the query string of a roster page.
func rosterQuery(search string, full bool, page int) string {
	v := url.Values{}
	if search != "" {
		v.Set("q", search)
	}
	if full {
		v.Set("full", "1")
	}
	v.Set("p", strconv.Itoa(page))
	return "?" + v.Encode()
}

// exportWorkbook sends the same workbook as mobilize export (full phones,
// for the command centre), written by the report package and audited.
//
// The workbook is spooled to an unlinked private temporary file
// (privfile.Scratch) rather than held in memory (56 MB at a million
// registrations) or written straight to the client (a phone on a slow network would hold the store's read snapshot
// for minutes); http.ServeContent then serves it with its length, so the
// phone shows the download's progress.
func (s *Server) exportWorkbook(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	date := s.deps.Store.Now().In(s.deps.Config.Location).Format("2006-01-02")
	f, removed, err := privfile.Scratch("mobilize-download-*.xlsx")
	if err != nil {
		s.internal(w, r, "spool workbook", err)
		return
	}
	defer f.Close()
	if !removed {
		defer os.Remove(f.Name())
	}
	_, rows, err := report.Workbook(r.Context(), f, s.deps.Store, camp.ID, date, s.deps.Config.Location)
	if err != nil {
		s.internal(w, r, "write workbook", err)
		return
	}
	detail := fmt.Sprintf("倡议 %d，截至 %s，%d 条 → 后台下载", camp.ID, date, rows)
	if err := s.deps.Store.Audit(r.Context(), models.ActorWeb(admin), "export", detail); err != nil {
		s.internal(w, r, "audit export", err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="mobilize-%d-%s.xlsx"`, camp.ID, date))
	h.Set("Cache-Control", "no-store")
	http.ServeContent(w, r, "", time.Time{}, f)
}
