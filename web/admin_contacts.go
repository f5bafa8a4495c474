package web

import (
	"context"
	"fmt"
)

// noAdminContact is the console's warning when the bot found no friend
// whose 备注 is an admin's name: what is addressed to that admin (tallies,
// chase lists, full rosters, workbooks) waits rather than going to a
// friend who merely took the admin's name as a nickname. "" when all is
// well or the bot never ran.
func (s *Server) noAdminContact(ctx context.Context) string {
	st, err := s.deps.Store.LoadBotState(ctx)
	if err != nil || st.NoContact == "" {
		return ""
	}
	return fmt.Sprintf(txtNoAdminContact, st.NoContact)
}
