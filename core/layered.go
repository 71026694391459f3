package core

import (
	"log/slog"
	"strings"
	"sync"
)

// Earlier is what an adapter knows of another CORS layer that decided the
// request before this policy: two middlewares stacked on one path, which
// the group helpers refuse where they can see it (docs/groups.md). The
// earlier layer ended the request's preflight before this one ran, so this
// one only ever sees the actual request.
type Earlier uint8

const (
	// NoEarlierLayer: as far as the adapter can tell, no other CORS layer
	// answered the request.
	NoEarlierLayer Earlier = iota
	// EarlierAllowed: the response already holds an
	// Access-Control-Allow-Origin. The layer that wrote it (a crossgate
	// policy or another CORS middleware) allows the request's origin, so
	// it also answered the origin's preflight, whatever this policy says of
	// its method and headers.
	EarlierAllowed
	// EarlierRefused: an earlier crossgate policy refused the request. Only
	// adapters that can mark a request without allocating tell this
	// (fiber's, in fasthttp's per-request values).
	EarlierRefused
)

// StatusStackedRefused ends an actual request that this policy refuses
// and that a browser sends only after a preflight another layer allowed:
// the request must not reach the handler, and the answer carries no CORS
// header. 403, as for a refused preflight.
const StatusStackedRefused = 403

// Settle makes d, which p decided for r, hold when an earlier layer already
// decided the same request:
//
//   - an actual request that p refuses, that the earlier layer allowed, and
//     that a browser sends only after a passed preflight (a method other
//     than GET, HEAD and POST, or a header for which needsPreflight
//     reports true) is ended with StatusStackedRefused, without CORS
//     headers: the earlier layer answered its preflight, and the handler
//     must not run a request that p's preflight would have stopped. A
//     same-origin request (Origin naming r.Host) needs no preflight and is
//     left as decided;
//   - a request an earlier crossgate policy refused stays refused, even
//     when p allows it, so that a permissive layer registered after a
//     strict one cannot make the strict one's paths readable.
//
// The first time p meets an earlier layer it logs, through slog.Default,
// that two layers decide the same requests, with the fix (one policy,
// Policy.Scope). needsPreflight is asked only on that path; nil means no
// header needs one. With NoEarlierLayer, Settle changes nothing.
func (p *Policy) Settle(d *Decision, r *Request, earlier Earlier, needsPreflight func() bool) {
	if earlier == NoEarlierLayer || d.Kind == NotCORS {
		return
	}
	var origin string
	if len(r.Origin) > 0 {
		origin = r.Origin[0]
	}
	p.settle(d, earlier, r.Method, origin, r.Host, r.Path, needsPreflight)
}

// settle is Settle for the request's strings. None of them is kept: the
// report copies what it logs, so a Request built on an adapter's stack
// stays there.
func (p *Policy) settle(d *Decision, earlier Earlier, method, origin, host, path string, needsPreflight func() bool) {
	switch {
	case earlier == EarlierRefused && d.Allowed:
		*d = Decision{Kind: d.Kind, End: d.End, Status: d.Status}
		if d.Kind == Preflight {
			d.Status = statusOriginRefused
		}
	case earlier == EarlierAllowed && d.Kind == Actual && !d.Allowed && !sameHost(origin, host) &&
		(!isSafelistedMethod(method) || needsPreflight != nil && needsPreflight()):
		d.End, d.Status = true, StatusStackedRefused
	}
	p.reportStacking(method, path)
}

// sameHost tells whether origin names host, in either scheme: the
// request's own origin, which the browser sends without a preflight. The
// scheme is not compared: behind a proxy that ends TLS, a server sees
// http for an https page.
func sameHost(origin, host string) bool {
	return isOwnOrigin(origin, "https", host) || isOwnOrigin(origin, "http", host)
}

// stackingReported holds the policies that have logged a stacking, so that
// each logs it once; only misconfigured servers add to it.
var stackingReported sync.Map

// reportStacking logs, once per policy, that another layer decides p's
// requests too.
func (p *Policy) reportStacking(method, path string) {
	if _, seen := stackingReported.LoadOrStore(p, struct{}{}); seen {
		return
	}
	defer func() { _ = recover() }() // a panicking logger stays in here
	slog.Default().Error("crossgate: two CORS layers decide the same requests: the earlier one (another crossgate policy, or another CORS middleware) answers their preflights, so this policy's methods and request headers do not hold there; "+
		"keep one router-level policy and register this one on it with site.Scope(prefix, policy) (docs/groups.md). Meanwhile a request this policy refuses that a browser sends only after a preflight gets 403 without reaching the handler, and a request an earlier crossgate policy refused stays refused",
		slog.String("method", boundedCopy(method)), slog.String("path", boundedCopy(path)))
}

// HeaderNeedsPreflight tells whether a request header line shows that the
// request passed a preflight: a script set it, and it is not
// CORS-safelisted (Fetch, #cors-safelisted-request-header and
// #cors-unsafe-request-header-names). Headers that browsers, caches and
// proxies add on their own never count, whatever their value: the
// forbidden ones (Fetch, #forbidden-request-header, Sec- and Proxy-
// included), Authorization (a browser adds it from its HTTP
// authentication cache), User-Agent, the conditional and cache headers,
// and the usual forwarding and tracing headers. The name is compared in
// any case; the cost is linear in the line's length.
func HeaderNeedsPreflight(name, value string) bool {
	switch lower := strings.ToLower(name); lower {
	case "accept", "accept-language", "content-language":
		return !safelistedValue(value)
	case "content-type":
		return !safelistedValue(value) || !safelistedContentType(value)
	case "range":
		return !simpleRange(value)
	default:
		return !addedByTheWay(lower)
	}
}

// addedByTheWay tells whether a lower-case header name is one that a
// browser, a cache or a proxy may add to a request that no preflight
// preceded.
func addedByTheWay(lower string) bool {
	if forbiddenRequestHeaders[lower] || strings.HasPrefix(lower, "sec-") || strings.HasPrefix(lower, "proxy-") ||
		strings.HasPrefix(lower, "x-forwarded-") || strings.HasPrefix(lower, "if-") {
		return true
	}
	switch lower {
	case "authorization", "user-agent", "cache-control", "pragma", "priority", "upgrade-insecure-requests",
		"forwarded", "x-real-ip", "cdn-loop", "x-request-id", "traceparent", "tracestate":
		return true
	}
	return false
}

// safelistedValue: at most 128 bytes, none of them a CORS-unsafe
// request-header byte (Fetch, #cors-unsafe-request-header-byte).
func safelistedValue(v string) bool {
	if len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c < 0x20 && c != '\t', c == 0x7f:
			return false
		case strings.IndexByte(`"():<>?@[\]{}`, c) >= 0:
			return false
		}
	}
	return true
}

// safelistedContentType: the essence of the MIME type is one a form can
// send (Fetch, #cors-safelisted-request-header, Content-Type).
func safelistedContentType(v string) bool {
	essence, _, _ := strings.Cut(v, ";")
	essence = strings.TrimSpace(essence)
	for _, ok := range []string{"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"} {
		if strings.EqualFold(essence, ok) {
			return true
		}
	}
	return false
}

// simpleRange: "bytes=" a start and an optional end (Fetch,
// #simple-range-header-value).
func simpleRange(v string) bool {
	rest, ok := strings.CutPrefix(v, "bytes=")
	if !ok {
		return false
	}
	start, end, ok := strings.Cut(rest, "-")
	return ok && start != "" && strings.Trim(start, "0123456789") == "" && strings.Trim(end, "0123456789") == ""
}
