package pii

import (
	"context"
	"log/slog"
)

// MaskingHandler wraps a log handler so that no phone number reaches a log
// whole: the message and every string attribute (a group name, a nickname,
// an error that quotes a member's words) pass the same masking as texts
// queued for a chat. It is the log side of the privacy boundary; the
// Outbox is the chat side. Identifiers that are long digit strings by
// nature (WeChat message ids) are left alone.
func MaskingHandler(h slog.Handler) slog.Handler { return maskingHandler{h} }

type maskingHandler struct{ next slog.Handler }

// idKeys are attributes whose digits are ids, never phone numbers.
var idKeys = map[string]bool{"msg_id": true, "wx_msg_id": true, "outbox_id": true}

func (m maskingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return m.next.Enabled(ctx, l)
}

func (m maskingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, MaskPhones(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(maskAttr(a))
		return true
	})
	return m.next.Handle(ctx, out)
}

func (m maskingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	masked := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		masked[i] = maskAttr(a)
	}
	return maskingHandler{m.next.WithAttrs(masked)}
}

func (m maskingHandler) WithGroup(name string) slog.Handler {
	return maskingHandler{m.next.WithGroup(name)}
}

// maskAttr masks a string, an error or a group's members; other kinds
// (numbers, times, durations) carry no phone.
func maskAttr(a slog.Attr) slog.Attr {
	if idKeys[a.Key] {
		return a
	}
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, MaskPhones(v.String()))
	case slog.KindGroup:
		group := v.Group()
		masked := make([]any, len(group))
		for i, g := range group {
			masked[i] = maskAttr(g)
		}
		return slog.Group(a.Key, masked...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, MaskPhones(err.Error()))
		}
		return slog.String(a.Key, MaskPhones(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}
