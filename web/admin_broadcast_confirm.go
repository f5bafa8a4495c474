package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"mobilize/broadcast"
	"mobilize/models"
)

// consoleDraftTTL is how long a preview can be confirmed: long enough to
// read it and ask a colleague, short enough that a tab left open
// overnight shows a fresh preview (groups, places) before anything goes.
const consoleDraftTTL = time.Hour

// broadcastConfirm queues what the form's draft previewed, once. The
// draft is in the database, so a restart between preview and confirm, a
// second process on the same database, two tabs, a double tap or a
// replayed POST all find the one campaign the first confirm created: a
// repeat only completes what is missing and redirects to its progress.
// A confirm with no preview, with content changed since the preview, or
// after the preview expired queues nothing and shows a fresh preview.
func (s *Server) broadcastConfirm(w http.ResponseWriter, r *http.Request, admin string, f broadcastForm) {
	ctx := r.Context()
	stored, err := s.deps.Store.ConsoleDraftByKey(ctx, f.Key)
	if errors.Is(err, models.ErrNotFound) {
		s.broadcastPreview(w, r, admin, f, ctxt.BcFirst)
		return
	}
	if err != nil {
		s.internal(w, r, "console broadcast draft", err)
		return
	}
	d, err := s.draft(f, admin)
	if err != nil || !sameDraft(stored, consoleDraftOf(f, d, admin, s.deps.Now())) {
		s.broadcastPreview(w, r, admin, f, ctxt.BcChanged)
		return
	}
	d.CampaignID = stored.CampaignID
	camp, err := s.queueDraft(ctx, f.Key, d)
	if err != nil && isUserError(err) && stored.CampaignID == 0 {
		// Another post of this form may have created the campaign since
		// (its title now taken by it): that one is queueing it.
		if again, rerr := s.deps.Store.ConsoleDraftByKey(ctx, f.Key); rerr == nil {
			stored = again
		}
	}
	s.confirmAnswer(w, r, admin, f, stored.CampaignID, camp, err)
}

// confirmAnswer answers a confirm by how queueing went: the progress
// page, a fresh preview when the preview expired, or the problem.
// confirmed is the campaign the draft had already created, if any.
func (s *Server) confirmAnswer(w http.ResponseWriter, r *http.Request, admin string, f broadcastForm, confirmed uint, camp models.Campaign, err error) {
	switch {
	case errors.Is(err, models.ErrNotFound):
		s.broadcastPreview(w, r, admin, f, ctxt.BcStale)
	case err != nil && confirmed != 0 && isUserError(err):
		// A replay of a confirmed form whose campaign has since closed,
		// or a post that lost the race to create it: nothing more to do
		// here; its progress page says what happened.
		http.Redirect(w, r, fmt.Sprintf("/admin/c/%d", confirmed), http.StatusSeeOther)
	case err != nil:
		s.broadcastError(w, r, admin, s.broadcastView(f), err)
	default:
		http.Redirect(w, r, fmt.Sprintf("/admin/c/%d", camp.ID), http.StatusSeeOther)
	}
}

// queueDraft plans the draft, creates its campaign once (recorded on the
// stored draft in the same transaction) and queues each group at most
// once. ErrNotFound: the preview expired before its first confirm.
func (s *Server) queueDraft(ctx context.Context, key string, d broadcast.Draft) (models.Campaign, error) {
	b := s.broadcaster()
	plan, err := b.Plan(ctx, d)
	if err != nil {
		return plan.Campaign, err
	}
	_, camp, err := s.deps.Store.ConfirmConsoleDraft(ctx, key, s.deps.Now(), func(models.ConsoleDraft) models.NewCampaign {
		pc := plan.Campaign
		return models.NewCampaign{Title: pc.Title, Body: pc.Body, CreatedBy: d.By, Deadline: pc.Deadline, Roles: pc.Roles}
	})
	if err != nil {
		return camp, err
	}
	plan.Campaign = camp
	res, err := b.QueueCampaign(ctx, plan, nil)
	if err == nil {
		s.deps.Log.Info("console broadcast queued", "admin", d.By, "campaign", camp.ID, "groups", res.Queued, "skipped", res.Skipped)
	}
	return camp, err
}

func isUserError(err error) bool {
	_, ok := broadcast.UserText(err)
	return ok
}

// saveDraft keeps the previewed form under its key and returns the key. A
// key already confirmed names a broadcast that went out: a form previewed
// again after it (the back button, an edit) is a new draft with a new key.
func (s *Server) saveDraft(ctx context.Context, f broadcastForm, d broadcast.Draft, admin string) (string, error) {
	now := s.deps.Now()
	_, err := s.deps.Store.SaveConsoleDraft(ctx, consoleDraftOf(f, d, admin, now), now)
	if errors.Is(err, models.ErrDraftConfirmed) {
		f.Key = newDraftKey()
		_, err = s.deps.Store.SaveConsoleDraft(ctx, consoleDraftOf(f, d, admin, now), now)
	}
	return f.Key, err
}

// consoleDraftOf is the form as the database keeps it: targets and role
// codes in one normal form, so an unchanged form compares equal.
func consoleDraftOf(f broadcastForm, d broadcast.Draft, admin string, now time.Time) models.ConsoleDraft {
	var codes []string
	for _, r := range d.Roles {
		codes = append(codes, r.Code)
	}
	return models.ConsoleDraft{Key: f.Key, Admin: admin, Title: f.Title, Body: f.Body,
		Targets: strings.Join(d.Targets, " "), Roles: strings.Join(codes, ","), Deadline: d.Deadline,
		ExpiresAt: now.Add(consoleDraftTTL)}
}

// sameDraft reports whether the confirmed form is the one previewed.
func sameDraft(a, b models.ConsoleDraft) bool {
	sameDeadline := (a.Deadline == nil) == (b.Deadline == nil) && (a.Deadline == nil || a.Deadline.Equal(*b.Deadline))
	return a.Title == b.Title && a.Body == b.Body && a.Targets == b.Targets && a.Roles == b.Roles && sameDeadline
}
