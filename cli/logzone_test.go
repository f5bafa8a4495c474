package cli

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// Log lines carry the configured zone's time, not the server's.
func TestLogTimesInConfiguredZone(t *testing.T) {
	var b bytes.Buffer
	loc := time.FixedZone("CST", 8*3600)
	h := slog.NewTextHandler(&b, &slog.HandlerOptions{ReplaceAttr: inZone(loc)})
	at := time.Date(2026, 12, 7, 7, 4, 0, 0, time.UTC)
	r := slog.NewRecord(at, slog.LevelInfo, "x", 0)
	if err := h.Handle(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "time=2026-12-07T15:04:00.000+08:00") {
		t.Fatalf("log line %q not in +08:00", b.String())
	}
}
