package web

import (
	"fmt"
	"net/http"

	"mobilize/models"
)

// progressView is a campaign's per-organization progress.
type progressView struct {
	campaignHead
	Summary  []string
	Answered string
	Roles    []models.Role
	Rows     []progressRow
}

// progressRow is one organization's line: when it first answered and its
// people per role (in the order of Roles).
type progressRow struct {
	Org     string
	Unbound bool
	Groups  string
	FirstAt string
	Cells   []models.RoleStatus
	Total   int
}

func (s *Server) progressPage(w http.ResponseWriter, r *http.Request, admin string) {
	camp, ok := s.campaign(w, r)
	if !ok {
		return
	}
	prog, err := s.deps.Store.Progress(r.Context(), camp.ID)
	if err != nil {
		s.internal(w, r, "campaign progress", err)
		return
	}
	counts, err := s.deps.Store.RoleCounts(r.Context(), camp.ID)
	if err != nil {
		s.internal(w, r, "count places", err)
		return
	}
	v := progressView{campaignHead: s.head(camp, "progress"), Roles: camp.Roles}
	for _, rc := range counts {
		v.Summary = append(v.Summary, fmt.Sprintf(ctxt.Places, rc.Name, rc.Confirmed, rc.Quota, rc.Waitlisted))
	}
	answered := 0
	for _, p := range prog {
		row := progressRow{Org: p.Name, Unbound: p.Unbound, Groups: joinNames(p.Groups)}
		if p.FirstAt != nil {
			answered++
			row.FirstAt = p.FirstAt.In(s.deps.Config.Location).Format("01-02 15:04")
		}
		for _, role := range camp.Roles {
			cell := p.Roles[role.ID]
			row.Cells = append(row.Cells, cell)
			row.Total += cell.Confirmed + cell.Waitlisted
		}
		v.Rows = append(v.Rows, row)
	}
	v.Answered = fmt.Sprintf(ctxt.Answered, answered, len(prog), len(prog)-answered)
	s.renderAdmin(w, r, "progress", camp.Title, admin, v)
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += "、"
		}
		out += n
	}
	return out
}
