package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"mobilize/broadcast"
	"mobilize/models"
	"mobilize/pii"
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
	// Delivered is when the initiative reached the organization's first
	// group (all its parts sent); empty while nothing was delivered.
	Delivered string
	FirstAt   string
	Cells     []models.RoleStatus
	Total     int
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
	delivered, err := s.deliveredAt(r.Context(), camp.ID)
	if err != nil {
		s.internal(w, r, "delivery status", err)
		return
	}
	v := progressView{campaignHead: s.head(camp, "progress"), Roles: camp.Roles}
	for _, rc := range counts {
		v.Summary = append(v.Summary, fmt.Sprintf(ctxt.Places, rc.Name, rc.Confirmed, rc.Quota, rc.Waitlisted))
	}
	ans, err := s.deps.Store.Answer(r.Context(), camp.ID)
	if err != nil {
		s.internal(w, r, "campaign answers", err)
		return
	}
	for _, p := range prog {
		row := progressRow{Org: pii.Mask(p.Name), Unbound: p.Unbound, Groups: pii.MaskJoin(p.Groups, "、")}
		if at := delivered[p.Name]; at != nil {
			row.Delivered = at.In(s.deps.Config.Location).Format("01-02 15:04")
		}
		if p.FirstAt != nil {
			row.FirstAt = p.FirstAt.In(s.deps.Config.Location).Format("01-02 15:04")
		}
		for _, role := range camp.Roles {
			cell := p.Roles[role.ID]
			row.Cells = append(row.Cells, cell)
			row.Total += cell.Confirmed + cell.Waitlisted
		}
		v.Rows = append(v.Rows, row)
	}
	v.Answered = answeredText(ans)
	s.renderAdmin(w, r, "progress", camp.Title, admin, v)
}

// answeredText says who answered, by the one definition (models.Answer):
// among the organizations sent to, and apart those that answered unasked.
func answeredText(a models.Answer) string {
	if a.Sent() == 0 {
		return fmt.Sprintf(ctxt.AnsweredNoneSent, len(a.Unsent()))
	}
	text := fmt.Sprintf(ctxt.Answered, a.Answered(), a.Sent(), a.Sent()-a.Answered())
	if n := len(a.Unsent()); n > 0 {
		text += fmt.Sprintf(ctxt.AnsweredUnsent, n)
	}
	return text
}

// deliveredAt is, per organization name, when the campaign's broadcast
// reached it, read through the same status the `broadcast status` command
// shows, so the console and the command never disagree.
func (s *Server) deliveredAt(ctx context.Context, campaignID uint) (map[string]*time.Time, error) {
	st, err := broadcast.New(s.deps.Store, s.deps.Config).Status(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	out := map[string]*time.Time{}
	for _, o := range st.Orgs {
		out[o.Organization] = o.DeliveredAt
	}
	return out, nil
}
