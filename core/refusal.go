package core

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxRefusalValueLen is the most bytes of any one request value that a
// Refusal carries (Origin, Method, Path, Reason.Value). A longer value keeps
// its first bytes, cut at a UTF-8 boundary, followed by "...", so that it is
// MaxRefusalValueLen bytes at most and marked as cut. A request can carry a
// megabyte in each of them; the bound keeps what a refusal copies and logs
// small whatever the request's size.
const MaxRefusalValueLen = 256

// cutMarker ends a value that was cut.
const cutMarker = "..."

// Refusal describes one refused request for a log line. Its strings are
// copies, safe to keep after the request ends, and each is
// MaxRefusalValueLen bytes at most. They are the request's bytes as
// received, control bytes included: String escapes them, and so do the
// log/slog handlers SlogRefusals writes to.
type Refusal struct {
	Kind Kind
	// Origin is the request's (first) Origin value.
	Origin string
	// Method is the request's method, or for a preflight the method it asks for.
	Method string
	Path   string
	Reason Reason
	// Context is the request's context (see Policy.DecideContext), for
	// loggers that read trace and request IDs from it; never nil.
	Context context.Context
	// SameOrigin reports that the refused Origin is the request's own
	// origin (Request.Host and Scheme): a browser sends Origin on
	// same-origin POSTs too, and such a request needs no CORS at all, so
	// the refusal is no sign of a misconfiguration. SlogRefusals logs it at
	// level Debug rather than Warn.
	SameOrigin bool
}

// String is the refusal as one log line, such as
// `preflight PUT /api from "https://a.example" refused: method "PUT" not allowed (allowed: GET)`.
// Every request value in it is quoted with Go's escapes whenever it holds
// anything but printable ASCII other than space, '"' and '\', so the line
// holds no control byte and no value can pass for another part of it.
func (r Refusal) String() string {
	return r.Kind.String() + " " + logValue(r.Method) + " " + logValue(r.Path) +
		" from " + quote(r.Origin) + " refused: " + r.Reason.String()
}

// logValue writes a request value into a log line: as it is when that is
// unambiguous, quoted and escaped otherwise (empty, or any byte outside
// printable ASCII, a space, a quote or a backslash). A value from a
// hand-built Refusal is cut first, as newRefusal would have.
func logValue(v string) string {
	v = cut(v, MaxRefusalValueLen)
	if v == "" {
		return `""`
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c <= ' ' || c >= 0x7f || c == '"' || c == '\\' {
			return strconv.Quote(v)
		}
	}
	return v
}

// newRefusal copies what the hook may keep: the request's strings can alias
// buffers the server reuses (fasthttp does), and copying them here, rather
// than storing them, keeps the Request itself from escaping to the heap.
// Each value is cut before it is copied, so a refusal costs the same for a
// megabyte-long header as for a short one; reason's Value must be such a
// copy already (see report).
func newRefusal(ctx context.Context, r *Request, kind Kind, reason Reason) Refusal {
	ref := Refusal{
		Kind:   kind,
		Path:   boundedCopy(r.Path),
		Reason: reason,
	}
	if len(r.Origin) > 0 {
		ref.Origin = boundedCopy(r.Origin[0])
		ref.SameOrigin = isOwnOrigin(r.Origin[0], r.Scheme, r.Host)
	}
	ref.Context = ctx
	if ref.Context == nil {
		ref.Context = context.Background()
	}
	if kind == Preflight && len(r.RequestMethod) > 0 {
		ref.Method = boundedCopy(r.RequestMethod[0])
	} else {
		ref.Method = boundedCopy(r.Method)
	}
	return ref
}

// isOwnOrigin tells whether origin is scheme://host, the request's own
// origin, with the default port of scheme written or not (a browser omits
// it, a Host header may carry it). Host names are case-insensitive (RFC
// 9110, section 4.2.3) and a browser serializes an origin's in lower case,
// so host is compared with origin's host folded to lower case byte by byte,
// in place: a Host of a megabyte costs a length test, not a lower-cased
// copy (X-Forwarded-Host arrives here too).
func isOwnOrigin(origin, scheme, host string) bool {
	if scheme == "" || host == "" || len(host) > maxHostLen+len(":65535") {
		return false
	}
	rest, ok := strings.CutPrefix(origin, scheme)
	if ok {
		rest, ok = strings.CutPrefix(rest, "://")
	}
	if !ok {
		return false
	}
	switch scheme {
	case "https":
		host = strings.TrimSuffix(host, ":443")
	case "http":
		host = strings.TrimSuffix(host, ":80")
	}
	return len(rest) == len(host) && equalLowered(rest, host)
}

// equalLowered tells whether lower equals mixed, of the same length, with
// mixed's ASCII upper-case letters lowered; no other byte is folded.
func equalLowered(lower, mixed string) bool {
	for i := 0; i < len(lower); i++ {
		c := mixed[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if lower[i] != c {
			return false
		}
	}
	return true
}

// boundedCopy returns a copy of v cut to MaxRefusalValueLen bytes. Neither
// branch returns v itself, so the compiler can see that v does not escape.
func boundedCopy(v string) string {
	if len(v) <= MaxRefusalValueLen {
		return strings.Clone(v)
	}
	return v[:headLen(v, MaxRefusalValueLen)] + cutMarker
}

// cut returns v when it is max bytes or shorter, and otherwise its first
// bytes followed by cutMarker, max bytes in all.
func cut(v string, max int) string {
	if len(v) <= max {
		return v
	}
	return v[:headLen(v, max)] + cutMarker
}

// headLen is how many bytes of v, longer than max, to keep before the
// cutMarker. It never splits a UTF-8 sequence, backing up at most
// utf8.UTFMax-1 bytes to the start of one.
func headLen(v string, max int) int {
	n := max - len(cutMarker)
	for back := 0; back < utf8.UTFMax-1 && n > 0 && !utf8.RuneStart(v[n]); back++ {
		n--
	}
	return n
}
