package cli

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
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
	"mobilize/pii"
	"mobilize/web"
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
		Log: e.logger(cfg, slog.LevelWarn), Now: store.Now,
		LoginLink: func(ctx context.Context, admin string) (string, error) {
			return web.NewLoginLink(ctx, store, cfg.Web, admin)
		}})
	warned := false
	return readConsole(ctx, e.Stdin, asJSON, e.Stderr, func(m chat.Message) error {
		if m.Group == "" && !warned { // a private chat: perhaps 登录 from someone who believes they are an admin
			e.noteNoAdmins(e.Stderr, cfg)
			warned = true
		}
		m.At = store.Now()
		return router.Handle(ctx, m)
	})
}

// maxConsoleLine bounds one input line; longer ones (no chat message is
// near this: WeChat caps a message well below) are skipped, not buffered.
const maxConsoleLine = 64 << 10

// readConsole feeds each input line to handle. A line that cannot be read
// is reported on stderr with its number and skipped: one typo must not lose
// the rest. When any line was refused the whole run is an error, so a
// script notices.
func readConsole(ctx context.Context, r io.Reader, asJSON bool, errw io.Writer, handle func(chat.Message) error) error {
	lines := newLineReader(r, maxConsoleLine)
	refused := 0
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		raw, tooLong, err := lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("读取标准输入失败：%w", err)
		}
		if tooLong {
			fmt.Fprintf(errw, "第 %d 行: 超过 %d KiB，已跳过\n", n, maxConsoleLine>>10)
			refused++
			continue
		}
		line := strings.TrimRight(raw, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "//") {
			continue
		}
		m, err := parseConsoleLine(line, asJSON)
		if err == nil {
			err = handle(m)
			if f, ok := models.FaultOf(err); ok {
				err = errors.New("处理时出错：" + f.Advice())
			} else if err != nil {
				err = errors.New("处理时出错（机器人已回复“系统繁忙”，原因见日志）")
			}
		}
		if err != nil {
			fmt.Fprintf(errw, "第 %d 行: %v\n", n, err)
			refused++
		}
	}
	if refused > 0 {
		return fmt.Errorf("有 %d 行未处理（见上）", refused)
	}
	return nil
}

// lineReader reads lines of any length, keeping at most max bytes of one.
type lineReader struct {
	r   *bufio.Reader
	max int
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its newline, or tooLong (and the line
// discarded) when it exceeds max. io.EOF only after the last line.
func (l *lineReader) next() (line string, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > l.max+1 { // +1: the newline itself
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(buf) == 0 && !tooLong:
			return "", false, io.EOF
		case err != nil && err != io.EOF:
			return "", false, err
		}
		return strings.TrimSuffix(string(buf), "\n"), tooLong, nil
	}
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
			return chat.Message{}, jsonProblem(err)
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

// jsonProblem words a JSON line's error without Go's type names.
func jsonProblem(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te) && te.Field != "":
		return fmt.Errorf("字段 %q 应为字符串", te.Field)
	case errors.As(err, &te):
		return errors.New(`应为一个 JSON 对象，如 {"group":"群名","sender":"张三","text":"报名 先锋 张三 13800138000"}`)
	case errors.As(err, &se):
		return fmt.Errorf("不是合法的 JSON（第 %d 个字节附近）", se.Offset)
	}
	return errors.New("不是合法的 JSON")
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
	// A group may be named with a phone: the terminal shows it masked (the
	// JSON lines keep the exact address for the program reading them).
	_, err := fmt.Fprintf(o.w, "→ %s: %s\n", pii.Mask(to.Name), strings.ReplaceAll(text, "\n", "\n    "))
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
	_, err := fmt.Fprintf(o.w, "→ %s: [%s] %s\n", pii.Mask(m.To.Name), m.Media, m.Path)
	return err == nil, err
}
