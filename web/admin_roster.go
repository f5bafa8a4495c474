package web

import (
	"fmt"
	"net/http"
	"os"
	"time"

	"mobilize/models"
	"mobilize/pii"
	"mobilize/privfile"
	"mobilize/report"
)

// rosterView is a campaign's roster, phones masked unless Full.
type rosterView struct {
	campaignHead
	Full bool
	Rows []rosterLine
}

type rosterLine struct {
	Name, Phone, Role, Status, Org, Time string
	Remark                               string
	Cancelled                            bool
}

// rosterPage lists the campaign's registrations. Full phone numbers are
// shown only on request, and each such view is written to the audit log
// with the admin's name.
func (s *Server) rosterPage(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	regs, err := s.deps.Store.Roster(r.Context(), camp.ID)
	if err != nil {
		s.internal(w, r, "load roster", err)
		return
	}
	full := r.URL.Query().Get("full") == "1"
	if full {
		detail := fmt.Sprintf("倡议 %d，%d 条", camp.ID, len(regs))
		if err := s.deps.Store.Audit(r.Context(), models.ActorWeb(admin), "roster.full", detail); err != nil {
			s.internal(w, r, "audit full roster", err)
			return
		}
	}
	v := rosterView{campaignHead: s.head(camp, "roster"), Full: full}
	for _, reg := range regs {
		line := rosterLine{Name: reg.Volunteer.Name, Phone: pii.MaskPhone(reg.Volunteer.Phone), Role: reg.Role.Name,
			Org: reg.Group.Organization.Name, Time: reg.CreatedAt.In(s.deps.Config.Location).Format("01-02 15:04"),
			Cancelled: reg.Status == models.StatusCancelled, Remark: reg.Remark}
		if full {
			line.Phone = reg.Volunteer.Phone
		} else {
			line = line.masked()
		}
		switch reg.Status {
		case models.StatusConfirmed:
			line.Status = ctxt.Confirmed
		case models.StatusWaitlisted:
			line.Status = fmt.Sprintf(ctxt.Position, reg.Position)
		default:
			line.Status = ctxt.Cancelled
		}
		v.Rows = append(v.Rows, line)
	}
	s.renderAdmin(w, r, "roster", camp.Title, admin, v)
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
