package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mobilize/models"
)

// TestBroadcastStatusSaysBotOffline: with no bot running, status says the
// messages wait for one, and --watch says it too and ends with exit 0 on
// Ctrl-C (it printed `发送中 0%` forever and exited 1 with `context
// canceled`). With a live bot recorded, neither says it.
func TestBroadcastStatusSaysBotOffline(t *testing.T) {
	dir := t.TempDir()
	sentCampaign(t, dir, "抗疫")
	code, out, _ := mobilize(t, dir, "", "broadcast", "status")
	if code != 0 || !strings.Contains(out, "机器人没有在运行") {
		t.Fatalf("status: %d %s", code, out)
	}
	// Ctrl-C as soon as the watch has said the bot is not there (or after
	// a while: a loaded machine must not fail the test, a hung watch must).
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var o bytes.Buffer
	errb := &cancelOn{want: "机器人没有在运行", cancel: cancel}
	env := &Env{Stdin: strings.NewReader(""), Stdout: &o, Stderr: errb, Getenv: func(string) string { return "" }}
	code = Run(ctx, []string{"--db", filepath.Join(dir, "m.db"), "broadcast", "status", "--watch"}, env)
	if code != 0 || !strings.Contains(errb.String(), "机器人没有在运行") || strings.Contains(errb.String(), "context") || ctx.Err() == context.DeadlineExceeded {
		t.Fatalf("watch: %d %q %q", code, o.String(), errb.String())
	}

	s, err := models.Open(filepath.Join(dir, "m.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := s.SaveBotState(context.Background(), models.BotState{Online: true, Since: now, Beat: now, PID: os.Getpid()}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if code, out, _ = mobilize(t, dir, "", "broadcast", "status"); code != 0 || strings.Contains(out, "机器人没有") {
		t.Fatalf("status with a live bot: %d %s", code, out)
	}
}

// cancelOn is a writer that cancels once what was written contains want.
type cancelOn struct {
	bytes.Buffer
	want   string
	cancel func()
}

func (c *cancelOn) Write(p []byte) (int, error) {
	n, err := c.Buffer.Write(p)
	if strings.Contains(c.String(), c.want) {
		c.cancel()
	}
	return n, err
}
