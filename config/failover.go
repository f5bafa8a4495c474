package config

import (
	"fmt"
	"time"
)

// Failover says when a cut-off account's groups are sent to by another
// account that serves them too (docs/accounts.md, "When an account is cut
// off").
type Failover struct {
	// After is how long, in minutes, an account may stay logged out before
	// another logged-in account takes its unsent messages for the groups
	// both serve. A session ended with 1102 (cookie invalid, often a
	// block) counts at once: it rarely comes back by itself.
	After int `yaml:"after"`
}

// maxFailoverMinutes bounds failover.after: a day.
const maxFailoverMinutes = 24 * 60

// AfterD is After as a duration.
func (f Failover) AfterD() time.Duration { return time.Duration(f.After) * time.Minute }

func (c *Config) validateFailover() error {
	if c.Failover.After < 1 || c.Failover.After > maxFailoverMinutes {
		return fmt.Errorf("failover.after: 应为 1 到 %d 分钟，而不是 %d", maxFailoverMinutes, c.Failover.After)
	}
	return nil
}
