package core

import (
	"context"
	"log/slog"
)

// SlogRefusals returns a refusal hook for Policy.OnRefusal that logs each
// refusal as one structured record at level Warn, so a server log says what
// the browser only hints at:
//
//	level=WARN msg="CORS request refused" kind=preflight origin=https://a.example method=PUT path=/api reason="request header \"x-token\" not allowed (allowed: content-type)"
//
// A nil logger means slog.Default(), looked up at each refusal so that a
// later slog.SetDefault applies. The record carries the request's context
// (Refusal.Context), so a context-aware handler adds its trace and request
// IDs. A same-origin request refused for its Origin (Refusal.SameOrigin:
// browsers send Origin on same-origin POSTs, and such a request needs no
// CORS) is logged at level Debug, not Warn: it is no misconfiguration. The values are the Refusal's, each cut to
// MaxRefusalValueLen bytes; log/slog's text and JSON handlers escape any
// control byte in them, and a handler of your own must do the same.
func SlogRefusals(logger *slog.Logger) func(Refusal) {
	return func(r Refusal) {
		l := logger
		if l == nil {
			l = slog.Default()
		}
		ctx, level := r.Context, slog.LevelWarn
		if ctx == nil {
			ctx = context.Background()
		}
		if r.SameOrigin {
			level = slog.LevelDebug
		}
		l.LogAttrs(ctx, level, "CORS request refused",
			slog.String("kind", r.Kind.String()),
			slog.String("origin", r.Origin),
			slog.String("method", r.Method),
			slog.String("path", r.Path),
			slog.String("reason", r.Reason.String()),
		)
	}
}
