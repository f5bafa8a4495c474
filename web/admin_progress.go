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
	d, err := s.progressData(r.Context(), camp.ID)
	if err != nil {
		s.internal(w, r, "campaign progress", err)
		return
	}
	prog, counts, ans := d.prog, d.counts, d.ans
	delivered, groups := d.deliveredAt(), groupsText(d.bc)
	v := progressView{campaignHead: s.head(camp, "progress"), Roles: camp.Roles}
	for _, rc := range counts {
		v.Summary = append(v.Summary, fmt.Sprintf(ctxt.Places, rc.Name, rc.Confirmed, rc.Quota, rc.Waitlisted))
	}
	for _, p := range prog {
		row := progressRow{Org: pii.Mask(p.Name), Unbound: p.Unbound, Groups: groups(p.Groups)}
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

// progressFigures are what the 进度 page shows, read in one snapshot.
type progressFigures struct {
	prog   []models.OrgProgress
	counts []models.RoleCount
	// bc is the broadcast's status, the one `broadcast status` shows, so
	// the console and the command never disagree on when an organization
	// was reached or which account sends to a group.
	bc  broadcast.Status
	ans models.Answer
}

// progressData reads the page's figures in one snapshot, so the places,
// the organizations' rows and who answered are of one moment.
func (s *Server) progressData(ctx context.Context, campaignID uint) (d progressFigures, err error) {
	st := s.deps.Store
	err = st.Snapshot(ctx, func(ctx context.Context) error {
		if d.prog, err = st.Progress(ctx, campaignID); err != nil {
			return err
		}
		if d.counts, err = st.RoleCounts(ctx, campaignID); err != nil {
			return err
		}
		if d.bc, err = broadcast.New(st, s.deps.Config).Status(ctx, campaignID); err != nil {
			return err
		}
		d.ans, err = st.Answer(ctx, campaignID)
		return err
	})
	return d, err
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
// reached it.
func (d progressFigures) deliveredAt() map[string]*time.Time {
	out := map[string]*time.Time{}
	for _, o := range d.bc.Orgs {
		out[o.Organization] = o.DeliveredAt
	}
	return out
}
