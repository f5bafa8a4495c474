package web

import (
	"net/http"
	"time"

	"mobilize/models"
)

// auditPageRows is how many records the console's audit page shows: the
// latest, enough for a day's questions; `mobilize audit` reads further.
const auditPageRows = 200

// auditRow is one audit record as the console shows it.
type auditRow struct {
	At, Actor, Action, Detail string
}

// auditPage shows the latest audit records, newest first: who saw full
// phones, exported, queued or closed a broadcast (and through which door:
// cli, admin: for a private chat, web: for this console), who logged in.
// Staff answer "who sent this?" from a phone, not only from the server.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, admin string) {
	trail, err := s.deps.Store.RecentAudit(r.Context(), r.URL.Query().Get("action"), auditPageRows)
	if err != nil {
		s.internal(w, r, "read audit log", err)
		return
	}
	rows := make([]auditRow, len(trail))
	for i, a := range trail {
		rows[i] = auditRow{At: a.At.In(s.deps.Config.Location).Format(time.DateTime), Actor: models.AuditActorName(a.Actor),
			Action: models.AuditActionName(a.Action), Detail: a.Detail}
	}
	s.renderAdmin(w, r, "audit", ctxt.Audit, admin, rows)
}
