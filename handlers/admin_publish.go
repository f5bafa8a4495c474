package handlers

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"mobilize/broadcast"
	"mobilize/models"
)

// Draft windows: an image or file sent within attachWindow of 发布倡议 is
// attached; 确认 is accepted within draftTTL.
const (
	attachWindow = 2 * time.Minute
	draftTTL     = 10 * time.Minute
)

func (r *Router) broadcaster() *broadcast.Broadcaster {
	b := broadcast.New(r.deps.Store, r.deps.Config)
	b.OrgLink = r.deps.OrgLink
	return b
}

// bcErr turns a broadcast error into the admin's answer.
func bcErr(c *Context, err error) error {
	if text, ok := broadcast.UserText(err); ok {
		return userErr(text)
	}
	return c.storeErr(err)
}

// adminDraft handles 发布倡议: the first line may name targets (default
// all); the next line is the title and the rest the body — or, when the
// first line's rest is not a target, it is the title. The draft is kept in
// the database until 确认, 取消 or ten minutes.
func (r *Router) adminDraft(c *Context, a adminCmd) error {
	targets, title, body := "all", a.rest, a.body
	if _, err := broadcast.ParseTargets(a.rest); a.rest == "" || err == nil {
		targets = cmp.Or(a.rest, targets)
		title, body, _ = strings.Cut(a.body, "\n")
	}
	title, body = strings.TrimSpace(title), strings.TrimSpace(body)
	if title == "" || body == "" {
		return userErr(txtAdminDraftUsage)
	}
	p := models.AdminPending{Admin: c.Msg.Remark, Title: title, Body: body, Targets: targets,
		AttachUntil: c.now.Add(attachWindow), ExpiresAt: c.now.Add(draftTTL)}
	plan, err := r.broadcaster().Plan(c.Ctx, draftOf(p, 0))
	if err != nil {
		return bcErr(c, err)
	}
	if _, err := r.deps.Store.SavePending(c.Ctx, p); err != nil {
		return c.storeErr(err)
	}
	c.Reply(draftText(p, plan))
	return nil
}

// draftOf is the broadcast a pending draft describes, for a new campaign
// or the one its 确认 created.
func draftOf(p models.AdminPending, campaignID uint) broadcast.Draft {
	return broadcast.Draft{CampaignID: campaignID, Title: p.Title, Body: p.Body, Image: p.Image, File: p.File,
		Targets: []string{p.Targets}, By: "admin:" + p.Admin}
}

func draftText(p models.AdminPending, plan broadcast.Plan) string {
	parts, footer := 0, ""
	for _, m := range plan.Messages {
		if m.Media == broadcast.MediaText {
			parts++
			footer = m.Text
		}
	}
	var att []string
	if p.Image != "" {
		att = append(att, txtAdminImage+" "+filepath.Base(p.Image))
	}
	if p.File != "" {
		att = append(att, txtAdminFile+" "+filepath.Base(p.File))
	}
	extra := ""
	if len(att) > 0 {
		extra = fmt.Sprintf(txtAdminAttachments, strings.Join(att, "、"))
	}
	return fmt.Sprintf(txtAdminDraft, p.Title, plan.New(), p.Targets, len([]rune(p.Body)), parts-1, extra, footer)
}

// adminAttachment attaches an image or file sent in the two minutes after
// 发布倡议, once it passes the same checks as the command line's.
func (r *Router) adminAttachment(c *Context) error {
	p, err := r.deps.Store.Pending(c.Ctx, c.Msg.Remark, c.now)
	if errors.Is(err, models.ErrNotFound) || (err == nil && (!c.now.Before(p.AttachUntil) || p.CampaignID != 0)) {
		return userErr(txtAdminNoDraftFile)
	}
	if err != nil {
		return c.storeErr(err)
	}
	if c.Msg.Media == broadcast.MediaImage {
		p.Image = c.Msg.File
	} else {
		p.File = c.Msg.File
	}
	if _, err := r.broadcaster().Plan(c.Ctx, draftOf(p, 0)); err != nil {
		return bcErr(c, err)
	}
	if _, err := r.deps.Store.AttachToPending(c.Ctx, c.Msg.Remark, c.Msg.Media, c.Msg.File, c.now); err != nil {
		if errors.Is(err, models.ErrNotFound) {
			return userErr(txtAdminNoDraftFile)
		}
		return c.storeErr(err)
	}
	label := txtAdminFile
	if c.Msg.Media == broadcast.MediaImage {
		label = txtAdminImage
	}
	c.Reply(fmt.Sprintf(txtAdminAttached, label, filepath.Base(c.Msg.File)))
	return nil
}

// adminPublishDraft handles 确认: the draft is checked again, its campaign
// created once (recorded on the draft in the same transaction), and queued
// to each group at most once; a 确认 repeated after a crash completes the
// same campaign instead of creating another.
func (r *Router) adminPublishDraft(c *Context) error {
	p, err := r.deps.Store.Pending(c.Ctx, c.Msg.Remark, c.now)
	if errors.Is(err, models.ErrNotFound) {
		return userErr(txtAdminNoDraft)
	}
	if err != nil {
		return c.storeErr(err)
	}
	b := r.broadcaster()
	plan, err := b.Plan(c.Ctx, draftOf(p, p.CampaignID))
	if _, user := broadcast.UserText(err); user && p.CampaignID == 0 {
		// A 确认 sent twice at once: the other may have created the
		// campaign since (its title now taken); this one completes it.
		if again, aerr := r.deps.Store.Pending(c.Ctx, c.Msg.Remark, c.now); aerr == nil && again.CampaignID != 0 {
			p = again
			plan, err = b.Plan(c.Ctx, draftOf(p, p.CampaignID))
		}
	}
	if err != nil {
		return bcErr(c, err)
	}
	_, camp, err := r.deps.Store.ConfirmPending(c.Ctx, c.Msg.Remark, c.now, func(models.AdminPending) models.NewCampaign {
		pc := plan.Campaign
		return models.NewCampaign{Title: pc.Title, Body: pc.Body, CreatedBy: actor(c), Deadline: pc.Deadline, Roles: pc.Roles}
	})
	if errors.Is(err, models.ErrNotFound) {
		return userErr(txtAdminNoDraft)
	}
	if err != nil {
		return c.storeErr(err)
	}
	plan.Campaign = camp
	res, err := b.QueueCampaign(c.Ctx, plan, nil)
	if err != nil {
		return bcErr(c, err)
	}
	if _, err := r.deps.Store.DropPending(c.Ctx, c.Msg.Remark); err != nil {
		return c.storeErr(err)
	}
	skipped := ""
	if res.Skipped > 0 {
		skipped = fmt.Sprintf(txtAdminSkipped, res.Skipped)
	}
	c.Reply(fmt.Sprintf(txtAdminPublished, camp.ID, camp.Title, res.Queued, skipped,
		r.minutesToSend(res.Queued, len(plan.Messages)), camp.ID))
	return nil
}

// minutesToSend estimates how long the sender's pacing takes for groups ×
// messages: the mean gap between chats, the same-chat gap within one.
func (r *Router) minutesToSend(groups, perGroup int) int {
	s := r.deps.Config.Send
	mean := (s.MinGap.D() + s.MaxGap.D()) / 2
	total := time.Duration(groups)*mean + time.Duration(groups*max(perGroup-1, 0))*s.SameChatGap.D()
	return int((total + time.Minute - 1) / time.Minute)
}

// adminDropDraft handles 取消.
func (r *Router) adminDropDraft(c *Context) error {
	ok, err := r.deps.Store.DropPending(c.Ctx, c.Msg.Remark)
	if err != nil {
		return c.storeErr(err)
	}
	if !ok {
		return userErr(txtAdminNoDraft)
	}
	c.Reply(txtAdminDropped)
	return nil
}
