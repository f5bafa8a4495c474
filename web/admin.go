package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"mobilize/models"
)

// adminRoutes is the console's route table.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/login/{token}", s.loginPage)
	mux.HandleFunc("POST /admin/login/{token}", s.loginSubmit)
	mux.HandleFunc("POST /admin/logout", s.logout)
	mux.HandleFunc("POST /admin/logout-all", s.admin(s.logoutAll))
	mux.HandleFunc("GET /admin", s.admin(s.campaignsPage))
	mux.HandleFunc("GET /admin/broadcast", s.admin(s.broadcastPage))
	mux.HandleFunc("POST /admin/broadcast", s.admin(s.broadcastSubmit))
	mux.HandleFunc("GET /admin/audit", s.admin(s.auditPage))
	mux.HandleFunc("GET /admin/c/{id}", s.admin(s.progressPage))
	mux.HandleFunc("GET /admin/c/{id}/charts", s.admin(s.chartsPage))
	mux.HandleFunc("GET /admin/c/{id}/roster", s.admin(s.rosterPage))
	mux.HandleFunc("GET /admin/c/{id}/export", s.admin(s.exportWorkbook))
	mux.HandleFunc("GET /admin/c/{id}/manual", s.admin(s.manualPage))
	mux.HandleFunc("GET /admin/c/{id}/send", s.admin(s.sendPage))
	mux.HandleFunc("POST /admin/c/{id}/send", s.admin(s.sendSubmit))
	mux.HandleFunc("GET /admin/c/{id}/qr/{org}", s.admin(s.qrImage))
}

// renderAdmin renders a console page for admin.
func (s *Server) renderAdmin(w http.ResponseWriter, r *http.Request, name, title, admin string, data any) {
	s.renderPage(w, r, http.StatusOK, name, page{T: txt, C: ctxt, Title: title, D: data, Admin: admin})
}

// campaignRow is a campaign in the console's list.
type campaignRow struct {
	Campaign models.Campaign
	Open     bool
	Roles    []string
}

func (s *Server) campaignsPage(w http.ResponseWriter, r *http.Request, admin string) {
	camps, err := s.deps.Store.Campaigns(r.Context(), false)
	if err != nil {
		s.internal(w, r, "list campaigns", err)
		return
	}
	rows := make([]campaignRow, len(camps))
	for i, c := range camps {
		rows[i] = campaignRow{Campaign: c, Open: c.Accepts(s.deps.Store.Now())}
		counts, err := s.deps.Store.RoleCounts(r.Context(), c.ID)
		if err != nil {
			s.internal(w, r, "count places", err)
			return
		}
		for _, rc := range counts {
			rows[i].Roles = append(rows[i].Roles, fmt.Sprintf(ctxt.Places, rc.Name, rc.Confirmed, rc.Quota, rc.Waitlisted))
		}
	}
	s.renderPage(w, r, http.StatusOK, "campaigns", page{T: txt, C: ctxt, Title: ctxt.Console, D: rows, Admin: admin,
		Warn: s.noAdminContact(r.Context())})
}

// campaign loads the campaign the path names; on failure it has answered.
func (s *Server) campaign(w http.ResponseWriter, r *http.Request) (models.Campaign, bool) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 32)
	if err != nil {
		s.message(w, r, http.StatusNotFound, ctxt.PageGone, ctxt.CampaignGone)
		return models.Campaign{}, false
	}
	c, err := s.deps.Store.Campaign(r.Context(), uint(id))
	if errors.Is(err, models.ErrNotFound) {
		s.message(w, r, http.StatusNotFound, ctxt.PageGone, ctxt.CampaignGone)
		return c, false
	}
	if err != nil {
		s.internal(w, r, "load campaign", err)
		return c, false
	}
	return c, true
}

// campaignHead is what every campaign page shows at the top: the title,
// its state, and the tabs.
type campaignHead struct {
	Campaign models.Campaign
	Open     bool
	Tab      string
	Deadline string
}

func (s *Server) head(c models.Campaign, tab string) campaignHead {
	h := campaignHead{Campaign: c, Open: c.Accepts(s.deps.Store.Now()), Tab: tab}
	if c.Deadline != nil {
		h.Deadline = fmt.Sprintf(ctxt.Deadline, c.Deadline.In(s.deps.Config.Location).Format("2006-01-02 15:04"))
	}
	return h
}
