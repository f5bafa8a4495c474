package broadcast

import (
	"strings"
	"testing"

	"mobilize/models"
)

// The preview staff confirm a broadcast from names each group and its
// organization masked: a group called 李四13900139000的群 shows no phone.
func TestPreviewGroupsMasksNames(t *testing.T) {
	p := Plan{Groups: []models.TargetGroup{{GroupID: 1, Group: "李四13900139000的群", Org: "李四13900139000的群"}}}
	got := PreviewGroups(p)
	if strings.Contains(got, "13900139000") || !strings.Contains(got, "李四139****9000的群") {
		t.Errorf("preview:\n%s", got)
	}
}
