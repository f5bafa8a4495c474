package scheduler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"mobilize/models"
)

// JobStatus is one job as `mobilize jobs` shows it.
type JobStatus struct {
	Name string
	Spec string
	// Next is the next run; zero when the job is off.
	Next time.Time
	// Last is the most recent run, nil if it never ran.
	Last *models.JobRun
}

// Status lists every job with its spec, next run and last run.
func (s *Scheduler) Status(ctx context.Context) ([]JobStatus, error) {
	now := s.d.Now().In(s.loc)
	out := make([]JobStatus, 0, len(s.jobs))
	for _, j := range s.jobs {
		st := JobStatus{Name: j.name, Spec: strings.TrimSpace(j.spec)}
		if j.sched != nil {
			st.Next = j.sched.Next(now)
		}
		last, err := s.d.Store.LastJobRun(ctx, j.name)
		switch {
		case err == nil:
			st.Last = &last
		case !errors.Is(err, models.ErrNotFound):
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// WriteStatus prints the job list for the command line.
func (s *Scheduler) WriteStatus(ctx context.Context, w io.Writer) error {
	list, err := s.Status(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, textStatusZone, s.loc)
	for _, st := range list {
		spec, next := st.Spec, textStatusOff
		if !st.Next.IsZero() {
			next = st.Next.Format(textStatusClock)
		} else {
			spec = "off"
		}
		last := textStatusNever
		if r := st.Last; r != nil {
			last = fmt.Sprintf(textStatusLast, r.Slot.In(s.loc).Format(textStatusClock), triggerWord(r.Trigger), resultWord(r.Result), r.Queued)
			if r.Error != "" {
				last += fmt.Sprintf(textStatusError, firstLine(r.Error))
			}
		}
		fmt.Fprintf(w, textStatusRow, st.Name, spec, next, last)
	}
	return nil
}

// WriteOutcome prints what a run queued or, dry, would queue.
func WriteOutcome(w io.Writer, o Outcome, dry bool) {
	if len(o.Messages) == 0 {
		fmt.Fprintf(w, textRunNothing, o.Job)
		return
	}
	if dry {
		fmt.Fprintf(w, textDryHead, o.Job, len(o.Messages))
		for _, m := range o.Messages {
			to := m.To.Name
			if m.To.Group {
				to += textGroupMark
			}
			fmt.Fprintf(w, textDryRow, to, strings.ReplaceAll(m.Text, "\n", "\n    "))
		}
		return
	}
	fmt.Fprintf(w, textRunDone, o.Job, o.Queued, len(o.Messages)-o.Queued)
}

func triggerWord(t string) string {
	switch t {
	case models.TriggerCron:
		return textTriggerCron
	case models.TriggerCatchUp:
		return textTriggerCatchUp
	}
	return textTriggerManual
}

func resultWord(r string) string {
	switch r {
	case models.JobOK:
		return textResultOK
	case models.JobFailed:
		return textResultFailed
	case models.JobPanic:
		return textResultPanic
	}
	return textResultRunning
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
