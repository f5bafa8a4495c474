// Package broadcast sends a campaign's initiative (倡议) to groups: it reads
// target expressions (all, org:, kind:, tag:, group:), resolves them
// against the organizations and groups in the store, builds exactly the
// messages one group receives (the body in numbered parts, the image, the
// file, a footer built from the campaign's own roles), validates all of it
// before anything is queued, and queues one delivery per group through the
// outbox, at most once per campaign and group. It also summarises who was
// reached and who answered.
//
// The command line, the admin chat commands and the web console all call
// it: Plan (validate and resolve, no writes), Preview texts, Queue, Status.
// Errors a user should see are *Error values whose text is Chinese.
package broadcast

import "errors"

// Error is a problem the user can fix (an unknown target, an empty body, a
// missing attachment); its text is the Chinese answer to show.
type Error struct{ Text string }

// Error implements error.
func (e *Error) Error() string { return e.Text }

// UserText returns the Chinese text of err if it is an *Error.
func UserText(err error) (string, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Text, true
	}
	return "", false
}
