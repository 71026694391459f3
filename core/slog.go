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
func SlogRefusals(logger *slog.Logger) func(Refusal) {
	return func(r Refusal) {
		logger.LogAttrs(context.Background(), slog.LevelWarn, "CORS request refused",
			slog.String("kind", r.Kind.String()),
			slog.String("origin", r.Origin),
			slog.String("method", r.Method),
			slog.String("path", r.Path),
			slog.String("reason", r.Reason.String()),
		)
	}
}
