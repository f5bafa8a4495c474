package broadcast

import (
	"testing"

	"mobilize/models"
)

// A group whose last parts a failover moved names both accounts, the one
// that sent first first; a part waiting for an account adds none.
func TestGroupNamesEveryAccountOfItsParts(t *testing.T) {
	parts := []models.DeliveryPartView{
		{DeliveryID: 1, Seq: 1, Status: models.OutboxSent, Account: "值班号1"},
		{DeliveryID: 1, Seq: 2, Status: models.OutboxSent, Account: "值班号1"},
		{DeliveryID: 1, Seq: 3, Status: models.OutboxPending, Account: "值班号2"},
		{DeliveryID: 1, Seq: 4, Status: models.OutboxPending},
	}
	if g := foldGroup(parts); g.Account != "值班号1、值班号2" {
		t.Fatalf("account %q", g.Account)
	}
	if g := foldGroup(parts[3:]); g.Account != "" {
		t.Fatalf("a waiting group names %q", g.Account)
	}
}
