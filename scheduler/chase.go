package scheduler

import "context"

func (s *Scheduler) chaseSilent(ctx context.Context, r Run) ([]Message, error) { return nil, nil }
