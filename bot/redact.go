package bot

import (
	"regexp"
)

// urlQuery matches the query string of a URL inside an error message. The
// library's network errors carry the full request URL, and WeChat puts
// session secrets there (pass_ticket, skey, sid, uin, ticket, uuid).
var urlQuery = regexp.MustCompile(`(https?://[^\s"?]+)\?[^\s"]*`)

// redactedError is an error whose text has URL queries removed; it still
// unwraps to the original, so errors.Is and errors.As see through it.
type redactedError struct{ err error }

func (r redactedError) Error() string { return urlQuery.ReplaceAllString(r.err.Error(), "$1?…") }
func (r redactedError) Unwrap() error { return r.err }

// redact wraps err so that whatever stores or logs it never sees the
// session secrets in request URLs. Use it on every error that leaves the
// WeChat client for a log line, the outbox or the bot state.
func redact(err error) error {
	if err == nil {
		return nil
	}
	return redactedError{err: err}
}
