package pii

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestMaskingHandlerMasksEveryString(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(MaskingHandler(slog.NewTextHandler(&buf, nil))).With("group", "张三13800138000的群")
	log.Info("handled 139 0013 9000", "sender", "李四１３９００１３９００１",
		"err", errors.New(`bad line "王五 13700137000"`),
		slog.Group("detail", "text", "赵六 13600136000"),
		"msg_id", "1380013800012345678", "count", 3)
	out := buf.String()
	if !strings.Contains(out, "msg_id=1380013800012345678") || !strings.Contains(out, "count=3") {
		t.Errorf("ids and numbers changed: %s", out)
	}
	out = strings.Replace(out, "msg_id=1380013800012345678", "", 1)
	for _, phone := range []string{"13800138000", "13900139000", "13700137000", "13600136000", "139 0013 9000"} {
		if strings.Contains(out, phone) {
			t.Errorf("log carries %s: %s", phone, out)
		}
	}
	if strings.Contains(out, "１３９００１３９００１") {
		t.Errorf("full-width phone logged: %s", out)
	}
}
