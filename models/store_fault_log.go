package models

import (
	"context"
	"log/slog"
)

// FaultHandler wraps a log handler so that an attribute holding a
// database fault (any error FaultOf reads) is logged by its kind,
// fault=corrupt, and SQLite's own English — "database disk image is
// malformed" — stays out of the log unless the log is at debug level,
// where it follows as err. Installed once under the program's logger, it
// covers every log line of every package.
func FaultHandler(h slog.Handler) slog.Handler { return faultHandler{next: h} }

type faultHandler struct{ next slog.Handler }

func (f faultHandler) Enabled(ctx context.Context, l slog.Level) bool { return f.next.Enabled(ctx, l) }

func (f faultHandler) Handle(ctx context.Context, r slog.Record) error {
	debug := f.next.Enabled(ctx, slog.LevelDebug)
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(faultAttrs(a, debug)...)
		return true
	})
	return f.next.Handle(ctx, out)
}

func (f faultHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	debug := f.next.Enabled(context.Background(), slog.LevelDebug)
	var out []slog.Attr
	for _, a := range attrs {
		out = append(out, faultAttrs(a, debug)...)
	}
	return faultHandler{next: f.next.WithAttrs(out)}
}

func (f faultHandler) WithGroup(name string) slog.Handler {
	return faultHandler{next: f.next.WithGroup(name)}
}

// faultAttrs is a as logged: a database fault becomes fault=kind, with
// the error itself kept only at debug level.
func faultAttrs(a slog.Attr, debug bool) []slog.Attr {
	if a.Value.Kind() != slog.KindAny {
		return []slog.Attr{a}
	}
	err, ok := a.Value.Any().(error)
	if !ok {
		return []slog.Attr{a}
	}
	f, ok := FaultOf(err)
	if !ok {
		return []slog.Attr{a}
	}
	if debug {
		return []slog.Attr{slog.String("fault", string(f)), a}
	}
	return []slog.Attr{slog.String("fault", string(f))}
}
