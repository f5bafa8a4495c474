package chat

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"mobilize/models"
	"mobilize/privfile"
)

// attempt sends the next due row of the chat of peeked, the row the
// sender waited its gap for (peeked itself, unless another claimer took
// it meanwhile: then an older or the next row of that chat, or nothing).
// The row is claimed — marked "sending" in the database — before WeChat
// is called and its outcome written after, so a crash in between leaves
// it "sending", which the next start turns into "uncertain" instead of
// sending it again.
//
// It returns models.ErrLeaseLost when the account's lease is no longer
// this process's: nothing was sent, and the sender must stop.
func (s *Sender) attempt(ctx context.Context, peeked models.OutboxMessage) error {
	row, err := s.store.ClaimNextOutbox(ctx, models.OutboxClaim{Account: s.cfg.Account, Holder: s.cfg.Holder,
		Target: peeked.Target, IsGroup: peeked.IsGroup, Due: s.cfg.Now()})
	if errors.Is(err, models.ErrLeaseLost) {
		return err
	}
	if err != nil {
		if !errors.Is(err, models.ErrNotFound) && ctx.Err() == nil {
			s.log.Error("claim outbox row", "outbox_id", peeked.ID, "err", err)
		}
		return nil
	}
	to := Target{Name: row.Target, Group: row.IsGroup}
	// The send and its record outlive ctx: a send abandoned halfway would
	// leave the row in doubt.
	keep := context.WithoutCancel(ctx)
	sendCtx, cancel := context.WithTimeout(keep, s.cfg.SendTimeout)
	msgID, sendErr := s.send(sendCtx, to, row)
	cancel()
	s.last, s.lastAt = to, s.cfg.Now()

	out, tooFrequent := s.outcome(row, msgID, sendErr)
	s.finish(keep, row, out)
	s.logOutcome(row, out, sendErr)
	s.dropExport(row, out)
	if tooFrequent {
		s.pause(ctx)
		return nil
	}
	if out.Status == models.OutboxSent {
		s.backoff = 0
	}
	return nil
}

// send hands one row to the transport: its text, image or file. An
// attachment kept in the database (models.Attachment) is written to a
// temporary file for the send and removed after.
func (s *Sender) send(ctx context.Context, to Target, row models.OutboxMessage) (string, error) {
	if row.Media == models.MediaText {
		return s.tr.SendText(ctx, to, row.Text)
	}
	path := row.Path
	if models.IsStoredAttachment(path) {
		file, done, err := s.store.AttachmentFile(ctx, path, "")
		if err != nil {
			return "", err
		}
		defer done()
		path = file
	}
	if row.Media == models.MediaImage {
		return s.tr.SendImage(ctx, to, path)
	}
	return s.tr.SendFile(ctx, to, path)
}

// dropExport deletes a workbook of the exports directory once its message
// will not be tried again (sent, failed, or uncertain and never resent).
func (s *Sender) dropExport(row models.OutboxMessage, out models.OutboxOutcome) {
	if row.Media != models.MediaFile || out.Status == models.OutboxPending || !privfile.Within(row.Path, s.cfg.Exports) {
		return
	}
	if err := os.Remove(row.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.log.Error("delete sent workbook", "outbox_id", row.ID, "err", err)
	}
}

// adminWait is how long a message to an admin without a matching contact
// waits before it is tried again: the remark is set by hand.
const adminWait = time.Minute

// outcome turns a send's result into the row's next state, and reports a
// "too frequent" answer.
func (s *Sender) outcome(row models.OutboxMessage, msgID string, err error) (models.OutboxOutcome, bool) {
	now := s.cfg.Now()
	var refused *RefusedError
	switch {
	case err == nil:
		return models.OutboxOutcome{Status: models.OutboxSent, WxMsgID: msgID}, false
	case errors.Is(err, ErrNoFile):
		// The attachment is gone: no retry can send it.
		return models.OutboxOutcome{Status: models.OutboxFailed, Err: err.Error()}, false
	case errors.As(err, &refused) && refused.TooFrequent:
		return models.OutboxOutcome{Status: models.OutboxPending, Err: err.Error(), NotBefore: now}, true
	case errors.Is(err, ErrOffline), errors.Is(err, ErrUnreachable), refused != nil && refused.SessionEnded:
		// The session ended under us or the network is down: retry later,
		// and do not hold it against the message.
		return models.OutboxOutcome{Status: models.OutboxPending, Err: err.Error(), NotBefore: now}, false
	case errors.Is(err, ErrNoAdminContact):
		// Admin traffic goes to a 备注 only: it waits, never failing, until
		// the operator sets the remark (status names the admin).
		return models.OutboxOutcome{Status: models.OutboxPending, Err: err.Error(), NotBefore: now.Add(adminWait)}, false
	case refused != nil, errors.Is(err, ErrUnknownChat):
		// An unknown chat is retried too: a group not saved to 通讯录 is
		// unknown after every re-login until it speaks again.
		if row.Attempts >= s.cfg.MaxAttempts {
			return models.OutboxOutcome{Status: models.OutboxFailed, Err: err.Error()}, false
		}
		wait := s.cfg.RetryDelay * time.Duration(row.Attempts)
		return models.OutboxOutcome{Status: models.OutboxPending, Err: err.Error(), NotBefore: now.Add(wait)}, false
	default:
		// No answer (network error, timeout): WeChat may have delivered it.
		return models.OutboxOutcome{Status: models.OutboxUncertain, Err: err.Error()}, false
	}
}

func (s *Sender) logOutcome(row models.OutboxMessage, out models.OutboxOutcome, err error) {
	args := []any{"outbox_id", row.ID, "account", row.Account, "group", row.Target, "attempt", row.Attempts}
	switch out.Status {
	case models.OutboxSent:
		s.log.Info("sent", append(args, "wx_msg_id", out.WxMsgID)...)
	case models.OutboxPending:
		s.log.Warn("send refused; will retry", append(args, "retry_at", out.NotBefore, "err", err)...)
	case models.OutboxFailed:
		s.log.Error("send failed; giving up", append(args, "err", err)...)
	case models.OutboxUncertain:
		s.log.Error("send outcome unknown; marked uncertain, not resent", append(args, "err", err)...)
	}
}

// pause stops this account's sending after "too frequent": BackoffStart
// the first time, doubling up to BackoffMax while WeChat keeps refusing.
// WeChat limits each account on its own, so other accounts go on.
func (s *Sender) pause(ctx context.Context) {
	start, limit := max(s.cfg.BackoffStart.D(), time.Millisecond), s.cfg.BackoffMax.D()
	if s.backoff == 0 {
		s.backoff = start
	} else {
		s.backoff *= 2
	}
	if limit > 0 && s.backoff > limit {
		s.backoff = limit
	}
	s.log.Warn("wechat says too frequent: pausing this account's sends", "account", s.cfg.Account, "dur", s.backoff)
	Sleep(ctx, s.backoff)
}

// finish records a send's outcome, retrying while the database is busy: a
// row left "sending" would be marked uncertain at the next start even
// though the outcome was known, and a sent message would look lost.
func (s *Sender) finish(ctx context.Context, row models.OutboxMessage, out models.OutboxOutcome) {
	wait := 100 * time.Millisecond
	for try := 1; ; try++ {
		err := s.store.FinishOutbox(ctx, row.ID, out)
		if err == nil {
			return
		}
		if try == finishTries {
			s.log.Error("record send outcome; giving up", "outbox_id", row.ID, "group", row.Target, "status", out.Status, "err", err)
			return
		}
		s.log.Warn("record send outcome; retrying", "outbox_id", row.ID, "status", out.Status, "err", err)
		time.Sleep(wait)
		wait = min(wait*2, 5*time.Second)
	}
}

// finishTries bounds finish's retries (about a minute in all).
const finishTries = 15
