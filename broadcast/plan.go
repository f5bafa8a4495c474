package broadcast

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"mobilize/config"
	"mobilize/models"
)

// Broadcaster plans, previews and queues broadcasts on one store.
type Broadcaster struct {
	Store  *models.Store
	Config config.Config
	// OrgLink, when set, is an organization's own sign-up link for a
	// campaign, added to the footer its groups receive. Whoever builds the
	// broadcaster sets it (when web.public_url is configured), so this
	// package needs nothing of the web package. "" adds no link.
	OrgLink func(campaignID, orgID uint) string
}

// New returns a broadcaster over store with the given settings (its
// broadcast limits, default roles and time zone).
func New(store *models.Store, cfg config.Config) *Broadcaster {
	return &Broadcaster{Store: store, Config: cfg}
}

// Draft is a broadcast as staff describe it: a new campaign (title, body,
// roles, deadline) or an existing one (CampaignID), the attachments, and
// the target expressions.
type Draft struct {
	CampaignID  uint // 0: a new campaign
	Title, Body string
	Roles       []models.Role // a new campaign's roles; none: the configured defaults
	Deadline    *time.Time
	Image, File string // local paths
	Targets     []string
	By          string // who asks: "cli", "admin:备注", "web:…"
	// Again allows a new campaign whose title an open campaign already
	// has (`mobilize broadcast --again`).
	Again bool
}

// Plan is a validated broadcast, not yet queued: the campaign (ID 0 while
// it is new), the groups it reaches, and what each receives.
type Plan struct {
	Draft    Draft
	Campaign models.Campaign
	Groups   []models.TargetGroup
	// Already are the groups this campaign was queued for before: they
	// receive nothing again.
	Already  map[uint]bool
	Messages []Message
}

// New reports how many groups would receive it now.
func (p Plan) New() int {
	n := 0
	for _, g := range p.Groups {
		if !p.Already[g.GroupID] {
			n++
		}
	}
	return n
}

// Plan validates a draft and resolves its targets, writing nothing. Every
// problem staff can fix is an *Error with a Chinese text.
func (b *Broadcaster) Plan(ctx context.Context, d Draft) (Plan, error) {
	p := Plan{Draft: d}
	var err error
	if p.Campaign, err = b.campaign(ctx, d); err != nil {
		return p, err
	}
	if p.Draft.Image, err = attachment(MediaImage, d.Image); err != nil {
		return p, err
	}
	if p.Draft.File, err = attachment(MediaFile, d.File); err != nil {
		return p, err
	}
	terms, err := ParseTargets(d.Targets...)
	if err != nil {
		return p, err
	}
	all, err := b.Store.TargetGroups(ctx)
	if err != nil {
		return p, err
	}
	if p.Groups, err = Resolve(terms, all); err != nil {
		return p, err
	}
	p.Already = map[uint]bool{}
	if p.Campaign.ID != 0 {
		if p.Already, err = b.Store.DeliveredGroupIDs(ctx, p.Campaign.ID); err != nil {
			return p, err
		}
	}
	render, err := b.renderer(ctx, p)
	if err != nil {
		return p, err
	}
	p.Messages = render(previewOrg(p.Groups))
	return p, nil
}

// previewOrg is the organization whose messages the plan previews: the
// first reached group's (0 when none).
func previewOrg(groups []models.TargetGroup) uint {
	if len(groups) == 0 {
		return 0
	}
	return groups[0].OrganizationID
}

// campaign is the existing campaign the draft names, or the new one it
// describes (ID 0), checked.
func (b *Broadcaster) campaign(ctx context.Context, d Draft) (models.Campaign, error) {
	if d.CampaignID != 0 {
		c, err := b.Store.Campaign(ctx, d.CampaignID)
		if errors.Is(err, models.ErrNotFound) {
			return c, &Error{fmt.Sprintf(txtNoCampaign, d.CampaignID)}
		}
		if err != nil {
			return c, err
		}
		if c.Status != models.CampaignOpen {
			return c, &Error{fmt.Sprintf(txtCampaignShut, c.ID)}
		}
		if err := b.checkDeadline(c); err != nil {
			return c, err
		}
		if c.Body, err = existingBody(c, d.Body); err != nil {
			return c, err
		}
		return c, b.checkBody(c.Title, c.Body)
	}
	c := models.Campaign{Title: strings.TrimSpace(d.Title), Body: strings.TrimSpace(d.Body),
		Status: models.CampaignOpen, Deadline: d.Deadline, CreatedBy: d.By, Roles: d.Roles}
	if len(c.Roles) == 0 {
		for _, r := range b.Config.Roles {
			c.Roles = append(c.Roles, models.Role{Code: r.Code, Name: r.Name, Aliases: strings.Join(r.Aliases, ","),
				Quota: r.Quota, OrgCap: r.OrgCap, PhoneRequired: r.PhoneRequired})
		}
	}
	if runeLen(c.Title) > MaxTitleChars {
		return c, &Error{fmt.Sprintf(txtTitleTooLong, runeLen(c.Title), MaxTitleChars)}
	}
	if err := b.checkDeadline(c); err != nil {
		return c, err
	}
	if err := b.checkSameTitle(ctx, c.Title, d.Again); err != nil {
		return c, err
	}
	return c, b.checkBody(c.Title, c.Body)
}

// existingBody is the body an existing campaign is sent with: its own, or,
// for a bare campaign (made by `campaign create` without a body), the one
// the draft gives it. A campaign with a body keeps it: the groups it
// reached got that text, and the next ones get the same.
func existingBody(c models.Campaign, given string) (string, error) {
	given = strings.TrimSpace(given)
	have := strings.TrimSpace(c.Body)
	switch {
	case have == "" && given == "":
		return c.Body, &Error{fmt.Sprintf(txtBareCampaign, c.ID, c.ID)}
	case given == "" || given == have:
		return c.Body, nil
	case have == "":
		return given, nil
	}
	return c.Body, &Error{fmt.Sprintf(txtBodyFixed, c.ID)}
}

// needsBody reports whether queueing the plan first gives its existing,
// bare campaign the draft's body.
func (p Plan) needsBody() bool {
	return p.Campaign.ID != 0 && strings.TrimSpace(p.Draft.Body) != "" && p.Draft.CampaignID == p.Campaign.ID
}

// checkSameTitle refuses a new campaign titled like an open one: the same
// command run twice (it seemed to hang, the terminal closed) would create
// a second campaign and every group would receive the initiative twice,
// then members would be asked which of the two they mean. Reaching more
// groups is done on the existing campaign, which skips those that had it.
func (b *Broadcaster) checkSameTitle(ctx context.Context, title string, again bool) error {
	if again {
		return nil
	}
	open, err := b.Store.Campaigns(ctx, true)
	if err != nil {
		return err
	}
	for _, c := range open {
		if strings.TrimSpace(c.Title) == title {
			return &Error{fmt.Sprintf(txtSameTitle, c.ID, title, c.ID, c.ID)}
		}
	}
	return nil
}

// checkDeadline refuses a broadcast whose sign-ups are already over: a
// deadline typed in the past (a wrong year or day), or a campaign past its
// deadline, would invite every group to sign up and then refuse everyone
// who does.
func (b *Broadcaster) checkDeadline(c models.Campaign) error {
	if c.Deadline == nil || c.Deadline.After(b.Store.Now()) {
		return nil
	}
	loc := b.Config.Location
	if loc == nil {
		loc = time.Local
	}
	when := c.Deadline.In(loc).Format("2006-01-02 15:04")
	if c.ID != 0 {
		return &Error{fmt.Sprintf(txtCampaignOver, c.ID, when)}
	}
	return &Error{fmt.Sprintf(txtDeadlinePast, when)}
}

// MaxTitleChars bounds a new campaign's title: it heads every group's
// first message and every list of campaigns members and staff see (帮助,
// 进度, the console), so a body pasted as the title is refused rather than
// repeated everywhere.
const MaxTitleChars = 60

func (b *Broadcaster) checkBody(title, body string) error {
	switch {
	case strings.TrimSpace(title) == "":
		return &Error{txtNoTitle}
	case strings.TrimSpace(body) == "":
		return &Error{txtNoBody}
	case runeLen(body) > b.Config.Broadcast.MaxBodyChars:
		return &Error{fmt.Sprintf(txtBodyTooLong, runeLen(body), b.Config.Broadcast.MaxBodyChars)}
	}
	return nil
}

// attachment checks an attachment and makes its path absolute: the bot
// that sends it may run in another directory.
func attachment(media, path string) (string, error) {
	if path == "" {
		return "", nil
	}
	if err := checkAttachment(media, path); err != nil {
		return "", err
	}
	return filepath.Abs(path)
}

// renderer renders what one group of a given organization receives for the
// plan's campaign: the same for all, but for the organization's own link.
func (b *Broadcaster) renderer(ctx context.Context, p Plan) (func(orgID uint) []Message, error) {
	c := p.Campaign
	roles := make([]RolePlaces, len(c.Roles))
	for i, r := range c.Roles {
		roles[i] = RolePlaces{Role: r}
	}
	if c.ID != 0 {
		counts, err := b.Store.RoleCounts(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for i := range roles {
			for _, rc := range counts {
				if rc.Code == roles[i].Code {
					roles[i].Confirmed = int(rc.Confirmed)
				}
			}
		}
	}
	number, err := b.numberToShow(ctx, c)
	if err != nil {
		return nil, err
	}
	footer := Footer(roles, c.Deadline, b.Config.Location, number)
	linkCampaign := c.ID
	if linkCampaign == 0 {
		linkCampaign = number
		if linkCampaign == 0 {
			linkCampaign, err = b.nextCampaignID(ctx)
		}
	}
	return func(orgID uint) []Message {
		f := footer
		if b.OrgLink != nil && orgID != 0 {
			if link := b.OrgLink(linkCampaign, orgID); link != "" {
				f += "\n" + fmt.Sprintf(txtFooterLink, link)
			}
		}
		return Messages(c.Title, c.Body, p.Draft.Image, p.Draft.File, f, b.Config.Broadcast.PartChars)
	}, err
}

// nextCampaignID is the number a campaign created now will most likely
// get: a preview of a new campaign's link names it.
func (b *Broadcaster) nextCampaignID(ctx context.Context) (uint, error) {
	all, err := b.Store.Campaigns(ctx, false)
	if err != nil || len(all) == 0 {
		return 1, err
	}
	return all[0].ID + 1, nil
}

// numberToShow is the campaign's number when members must type it (other
// campaigns are open), else 0. A campaign not created yet is shown with
// the number it will most likely get.
func (b *Broadcaster) numberToShow(ctx context.Context, c models.Campaign) (uint, error) {
	open, err := b.Store.Campaigns(ctx, true)
	if err != nil {
		return 0, err
	}
	others, next := 0, uint(1)
	all, err := b.Store.Campaigns(ctx, false)
	if err != nil {
		return 0, err
	}
	if len(all) > 0 {
		next = all[0].ID + 1
	}
	for _, o := range open {
		if o.ID != c.ID {
			others++
		}
	}
	if others == 0 {
		return 0, nil
	}
	if c.ID == 0 {
		return next, nil
	}
	return c.ID, nil
}

// Result is what Queue did.
type Result struct {
	Campaign models.Campaign
	// Queued groups received the broadcast now; Skipped had it already.
	Queued, Skipped int
	// PerAccount counts the groups queued now by the account their rows
	// were given ("" while no account serves the group).
	PerAccount map[string]int
}

// Queue creates the plan's campaign if it is new, then queues each group's
// messages, each group at most once per campaign (a repeated or
// interrupted Queue completes what is missing and sends nothing twice).
// Wake, if set, is called after each group so a running sender starts.
func (b *Broadcaster) Queue(ctx context.Context, p Plan, wake func()) (Result, error) {
	// Before the campaign exists: an attachment gone since the preview
	// creates nothing.
	p, err := b.stage(p)
	if err != nil {
		return Result{}, err
	}
	if p.Campaign.ID == 0 {
		c, err := b.Store.CreateCampaign(ctx, models.NewCampaign{Title: p.Campaign.Title, Body: p.Campaign.Body,
			CreatedBy: p.Draft.By, Deadline: p.Campaign.Deadline, Roles: p.Campaign.Roles})
		if err != nil {
			return Result{}, err
		}
		p.Campaign = c
	}
	return b.QueueCampaign(ctx, p, wake)
}

// QueueCampaign queues the plan for p.Campaign, which must exist (the
// admin flow creates it when the draft is confirmed). The messages are
// rendered again for the real campaign (its number, its places now), and
// its attachments are first copied beside the database (stage).
// Whatever it queued, even when cut short by an error, is written to the
// audit log: who (the door is the actor's prefix: cli, admin:, web:),
// which campaign, how many groups.
func (b *Broadcaster) QueueCampaign(ctx context.Context, p Plan, wake func()) (Result, error) {
	p, err := b.stage(p)
	if err != nil {
		return Result{Campaign: p.Campaign}, err
	}
	if p.needsBody() {
		if err := b.Store.SetCampaignBody(ctx, p.Campaign.ID, p.Draft.Body, p.Draft.By); err != nil {
			return Result{Campaign: p.Campaign}, bodyError(p.Campaign.ID, err)
		}
	}
	res, err := b.queueGroups(ctx, p, wake)
	if res.Queued == 0 {
		return res, err
	}
	// Recorded even when the request was cancelled half-way: what was
	// queued will be sent.
	if aerr := b.Store.Audit(context.WithoutCancel(ctx), p.Draft.By, AuditQueue, b.auditDetail(p, res, err)); aerr != nil {
		err = errors.Join(err, fmt.Errorf("audit broadcast: %w", aerr))
	}
	return res, err
}

// bodyError reads SetCampaignBody's refusals into staff's words.
func bodyError(id uint, err error) error {
	switch {
	case errors.Is(err, models.ErrCampaignHasBody):
		return &Error{fmt.Sprintf(txtBodyFixed, id)}
	case errors.Is(err, models.ErrCampaignShut):
		return &Error{fmt.Sprintf(txtCampaignShut, id)}
	case errors.Is(err, models.ErrNotFound):
		return &Error{fmt.Sprintf(txtNoCampaign, id)}
	}
	return err
}

// AuditQueue is the audit log's action for a broadcast queued.
const AuditQueue = "broadcast.queue"

// auditDetail says what a queueing did: the campaign, the groups queued
// and skipped (they had it already), the targets, with several accounts
// how many groups each was given, and an error that cut it short.
func (b *Broadcaster) auditDetail(p Plan, res Result, err error) string {
	d := fmt.Sprintf(txtAuditQueue, p.Campaign.ID, p.Campaign.Title, res.Queued, res.Skipped, strings.Join(p.Draft.Targets, " "))
	d += accountsDetail(b.Store.Accounts(), res.PerAccount)
	if err != nil {
		why, ok := UserText(err)
		if !ok {
			why = txtAuditFailed
		}
		d += fmt.Sprintf(txtAuditStopped, why)
	}
	return d
}

func (b *Broadcaster) queueGroups(ctx context.Context, p Plan, wake func()) (Result, error) {
	res := Result{Campaign: p.Campaign, PerAccount: map[string]int{}}
	render, err := b.renderer(ctx, p)
	if err != nil {
		return res, err
	}
	for _, g := range p.Groups {
		d, created, err := b.Store.QueueDelivery(ctx, deliveryRequest(p, g, render(g.OrganizationID)))
		if errors.Is(err, models.ErrCampaignShut) {
			return res, &Error{fmt.Sprintf(txtCampaignShut, p.Campaign.ID)}
		}
		if err != nil {
			return res, err
		}
		if !created {
			res.Skipped++
			continue
		}
		res.Queued++
		res.PerAccount[d.Account]++
		if wake != nil {
			wake()
		}
	}
	return res, nil
}

func deliveryRequest(p Plan, g models.TargetGroup, msgs []Message) models.DeliveryRequest {
	r := models.DeliveryRequest{CampaignID: p.Campaign.ID, GroupID: g.GroupID, GroupName: g.Group, By: p.Draft.By}
	for i, m := range msgs {
		r.Messages = append(r.Messages, outboxRow(p.Campaign.ID, g, i+1, m))
	}
	return r
}
