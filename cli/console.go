package cli

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"

	"mobilize/chat"
	"mobilize/handlers"
	"mobilize/models"
)

// runConsole reads chat messages from stdin and prints what the bot sends,
// on the configured database: the scriptable way to talk to the bot.
func runConsole(ctx context.Context, e *Env, args []string) error {
	var asJSON bool
	if _, err := subcommand(e, "console", "[--json] < messages", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, `输入输出为 JSON 行：{"group","sender","remark","id","text","file"} → {"to","text"} 或 {"to","media","path"}`)
	}); err != nil {
		return err
	}
	cfg, store, err := e.open()
	if err != nil {
		return err
	}
	defer store.Close()
	out := &consoleOut{w: e.Stdout, json: asJSON}
	router := handlers.New(handlers.Deps{Store: store, Config: cfg, Reply: out, Queue: out,
		Log: e.logger(cfg, slog.LevelWarn), Now: store.Now})
	return readConsole(ctx, e.Stdin, asJSON, e.Stderr, func(m chat.Message) error {
		m.At = store.Now()
		return router.Handle(ctx, m)
	})
}

// readConsole feeds each input line to handle. A line that cannot be read
// is reported on stderr and skipped: one typo must not lose the rest.
func readConsole(ctx context.Context, r io.Reader, asJSON bool, errw io.Writer, handle func(chat.Message) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "//") {
			continue
		}
		m, err := parseConsoleLine(line, asJSON)
		if err != nil {
			fmt.Fprintf(errw, "第 %d 行: %v\n", n, err)
			continue
		}
		if err := handle(m); err != nil {
			fmt.Fprintf(errw, "第 %d 行: %v\n", n, err)
		}
	}
	return sc.Err()
}

// consoleIn is one JSON input line.
type consoleIn struct {
	Group  string `json:"group"`
	Sender string `json:"sender"`
	Remark string `json:"remark"`
	ID     string `json:"id"`
	Text   string `json:"text"`
	// File is a local image or file the message carries (an admin
	// attaching it to an initiative): .jpg/.jpeg/.png/.gif are images.
	File string `json:"file"`
}

// parseConsoleLine reads `群名|发送者|消息` (an empty group is a private
// chat, whose sender also counts as the contact's remark; "\n" in the text
// is a newline, for 接龙 lists) or a JSON line.
func parseConsoleLine(line string, asJSON bool) (chat.Message, error) {
	if asJSON {
		var in consoleIn
		if err := json.Unmarshal([]byte(line), &in); err != nil {
			return chat.Message{}, fmt.Errorf("不是合法的 JSON: %w", err)
		}
		if in.Sender == "" && in.Remark == "" {
			return chat.Message{}, fmt.Errorf("缺少 sender")
		}
		m := chat.Message{ID: in.ID, Group: in.Group, Sender: cmp.Or(in.Sender, in.Remark), Remark: in.Remark, Text: in.Text}
		return m, consoleFile(&m, in.File)
	}
	parts := strings.SplitN(line, "|", 3)
	if len(parts) != 3 || strings.TrimSpace(parts[1]) == "" {
		return chat.Message{}, fmt.Errorf("格式应为 群名|发送者|消息")
	}
	m := chat.Message{Group: strings.TrimSpace(parts[0]), Sender: strings.TrimSpace(parts[1]),
		Text: strings.ReplaceAll(parts[2], `\n`, "\n")}
	if m.Group == "" {
		m.Remark = m.Sender
	}
	return m, nil
}

// consoleFile attaches the local file a console line names, as an image
// or a file by its extension.
func consoleFile(m *chat.Message, path string) error {
	if path == "" {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("file %q: 路径无效", path)
	}
	m.Media, m.File = models.MediaFile, abs
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jpg", ".jpeg", ".png", ".gif":
		m.Media = models.MediaImage
	}
	return nil
}

// consoleOut prints what the bot sends, as `→ 目标: 文本` (continuation
// lines indented) or as JSON lines.
type consoleOut struct {
	mu   sync.Mutex
	w    io.Writer
	json bool
}

// Send implements handlers.Replier.
func (o *consoleOut) Send(_ context.Context, to chat.Target, text string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.json {
		b, err := json.Marshal(map[string]string{"to": to.Name, "text": text})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(o.w, "%s\n", b)
		return err
	}
	_, err := fmt.Fprintf(o.w, "→ %s: %s\n", to.Name, strings.ReplaceAll(text, "\n", "\n    "))
	return err
}

// Put implements handlers.Queuer: a text as Send prints it, an image or a
// file as `→ 目标: [文件] 路径` (JSON: "media" and "path").
func (o *consoleOut) Put(ctx context.Context, m chat.Outgoing) (bool, error) {
	if m.Media == models.MediaText {
		return true, o.Send(ctx, m.To, m.Text)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.json {
		b, err := json.Marshal(map[string]string{"to": m.To.Name, "media": m.Media, "path": m.Path})
		if err != nil {
			return false, err
		}
		_, err = fmt.Fprintf(o.w, "%s\n", b)
		return err == nil, err
	}
	_, err := fmt.Fprintf(o.w, "→ %s: [%s] %s\n", m.To.Name, m.Media, m.Path)
	return err == nil, err
}
