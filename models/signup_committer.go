package models

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sync"
)

// ErrClosed is returned for a sign-up submitted after the store closed.
var ErrClosed = errors.New("store is closed")

// maxBatch bounds how many sign-ups share one transaction, so the first of
// a burst does not wait for the whole burst's work.
const maxBatch = 256

const (
	qSavepoint  = `SAVEPOINT signup`
	qRelease    = `RELEASE signup`
	qRollbackTo = `ROLLBACK TO signup`
)

// committer runs sign-ups through one goroutine that commits them in
// groups (group commit): whoever is waiting when a transaction begins joins
// it, each in its own SAVEPOINT, so a failing sign-up rolls back only
// itself, and one commit serves them all. Per sign-up that leaves the
// statements themselves (cached, a few µs each); alone, the commit and the
// transaction's begin cost as much as the whole sign-up.
//
// Order: the jobs channel is unbuffered, and Go queues blocked senders in
// arrival order, so sign-ups are decided — confirmed or waitlisted — in the
// order they reached the store.
type committer struct {
	s    *Store
	jobs chan *signUpJob
	quit chan struct{}
	once sync.Once // Close may be called twice
	done sync.WaitGroup
}

// signUpJob is one SignUp waiting for its batch.
type signUpJob struct {
	ctx  context.Context
	req  SignUpRequest
	res  SignUpResult
	err  error
	ok   chan struct{} // closed when res and err are final (committed or not)
	mark *inboundMark  // the message recorded with it, if any
}

func startCommitter(s *Store) *committer {
	c := &committer{s: s, jobs: make(chan *signUpJob), quit: make(chan struct{})}
	c.done.Add(1)
	go c.run()
	return c
}

// stop ends the goroutine once its batch in flight is committed; sign-ups
// submitted afterwards get ErrClosed.
func (c *committer) stop() {
	c.once.Do(func() { close(c.quit) })
	c.done.Wait()
}

// submit queues r and waits for its outcome. Once queued, the job is
// waited for even if ctx ends: its batch may commit it, and the caller must
// not be told otherwise.
func (c *committer) submit(ctx context.Context, r SignUpRequest) (SignUpResult, error) {
	j := &signUpJob{ctx: ctx, req: r, ok: make(chan struct{}), mark: markOf(ctx)}
	select {
	case c.jobs <- j:
	case <-ctx.Done():
		return SignUpResult{}, ctx.Err()
	case <-c.quit:
		return SignUpResult{}, ErrClosed
	}
	<-j.ok
	return j.res, j.err
}

func (c *committer) run() {
	defer c.done.Done()
	for {
		var batch []*signUpJob
		select {
		case j := <-c.jobs:
			batch = append(batch, j)
		case <-c.quit:
			return
		}
	more:
		for len(batch) < maxBatch {
			select {
			case j := <-c.jobs:
				batch = append(batch, j)
			default:
				break more
			}
		}
		c.commit(batch)
	}
}

// commit runs a batch in one transaction. When the transaction itself
// fails (the commit, or a savepoint that cannot be rolled back), nothing of
// it stands, and each sign-up runs again alone so one cannot sink the rest.
func (c *committer) commit(batch []*signUpJob) {
	err := c.s.inTxn(context.Background(), func(t *txn) error {
		t.memo = newBatchMemo()
		for _, j := range batch {
			if err := c.one(t, j); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for _, j := range batch {
			j.res, j.err = SignUpResult{}, nil
			c.commit([]*signUpJob{j})
		}
		return
	}
	for _, j := range batch {
		if err != nil && j.err == nil {
			j.res, j.err = SignUpResult{}, fmt.Errorf("commit sign-up: %w", err)
		}
		if j.err == nil && j.mark != nil {
			j.mark.recorded = true
		}
		close(j.ok)
	}
}

// one runs a job in its savepoint; an error returned is the transaction's,
// the job's own is kept in j.err.
func (c *committer) one(t *txn, j *signUpJob) error {
	if err := j.ctx.Err(); err != nil {
		j.err = err
		return nil
	}
	if _, err := t.exec(qSavepoint); err != nil {
		return err
	}
	j.res, j.err = signUpSafely(t, j)
	if j.err != nil {
		t.memo.forget()
		if _, err := t.exec(qRollbackTo); err != nil {
			return err
		}
	}
	_, err := t.exec(qRelease)
	return err
}

// signUpSafely is the job's sign-up, with its message recorded first, and
// a panic turned into the job's error (it runs on the committer's
// goroutine, beyond the handlers' recovery).
func signUpSafely(t *txn, j *signUpJob) (res SignUpResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("sign-up panic: %v", p)
		}
	}()
	if j.mark != nil {
		if err := t.insertMark(j.mark); err != nil {
			return res, err
		}
	}
	return signUpTx(t, j.req)
}

// qMarkInsert is inboundMark.insert on a cached statement (the chat's
// every sign-up records its message).
const qMarkInsert = `INSERT INTO inbound_messages (msg_id, chat, sender, text, received_at, account, sent_at)
	VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`

// insertMark records the message of a sign-up in its savepoint;
// ErrDuplicate when another delivery recorded it first.
func (t *txn) insertMark(m *inboundMark) error {
	row := m.msg
	if row.ReceivedAt.IsZero() {
		row.ReceivedAt = t.NowFunc()
	}
	if found, err := t.copyRecorded(row); err != nil || found {
		return cmp.Or(err, ErrDuplicate)
	}
	res, err := t.exec(qMarkInsert, row.MsgID, row.Chat, row.Sender, row.Text, row.ReceivedAt, row.Account, row.SentAt)
	if err != nil {
		return fmt.Errorf("record message %s: %w", row.MsgID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return cmp.Or(err, ErrDuplicate)
	}
	return nil
}
