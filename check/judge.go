package check

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// JudgePreflight runs the checks a browser runs on a preflight's answer
// (Fetch, #cors-preflight-fetch-0) in Chromium's order: the CORS check, an
// ok status, the allow lists parsed, the method, each unsafe header. It adds
// one step per check to r and reports whether the answer lets the actual
// request go.
func JudgePreflight(r *Report, c *Call, p Plan, status int, h http.Header) bool {
	// A preflight is never redirected: Fetch (#cors-preflight-fetch-0)
	// sends it by HTTP-network-or-cache fetch, which follows no redirect,
	// so a 3xx fails as a status that is not ok; Chromium fails it as a
	// redirect before it reads any CORS header, and its console says
	// "Redirect is not allowed for a preflight request".
	if loc := h.Get("Location"); isRedirectStatus(status) && loc != "" {
		r.block(CauseRedirect, fmt.Sprintf("preflight: answered %s with Location %s: the browser never follows a redirect of a preflight", statusWords(status), loc))
		return false
	}
	cause, text := corsCheck(h, c.Origin, c.Credentials)
	if cause != CauseNone {
		r.block(cause, "preflight: "+text)
		return false
	}
	r.add(Pass, "preflight: "+text)
	if status < 200 || status > 299 {
		r.block(CauseStatus, fmt.Sprintf("preflight: status %d is not an ok status: a preflight must be answered 200-299, and is never redirected", status))
		return false
	}
	r.add(Pass, fmt.Sprintf("preflight: status %d is an ok status", status))

	methods, bad := parseList(h.Values("Access-Control-Allow-Methods"))
	if bad != "" {
		r.block(CauseMalformed, fmt.Sprintf("preflight: Access-Control-Allow-Methods holds %q, which is not a method: the browser rejects the whole answer", bad))
		return false
	}
	names, bad := parseList(h.Values("Access-Control-Allow-Headers"))
	if bad != "" {
		r.block(CauseMalformed, fmt.Sprintf("preflight: Access-Control-Allow-Headers holds %q, which is not a header name: the browser rejects the whole answer", bad))
		return false
	}
	if !judgeMethod(r, c, p.Method, methods) || !judgeHeaders(r, c, p.Unsafe, names) {
		return false
	}
	r.add(Info, "preflight: "+maxAge(h.Values("Access-Control-Max-Age")))
	return true
}

// judgeMethod: methods compare case-sensitively; a safelisted method needs
// no listing; "*" is any method only without credentials.
func judgeMethod(r *Report, c *Call, method string, allowed []string) bool {
	star := slices.Contains(allowed, "*")
	switch {
	case slices.Contains(allowed, method):
		r.add(Pass, fmt.Sprintf("preflight: Access-Control-Allow-Methods lists %s", method))
	case IsSafelistedMethod(method):
		r.add(Pass, fmt.Sprintf("preflight: %s is CORS-safelisted and needs no Access-Control-Allow-Methods", method))
	case star && !c.Credentials:
		r.add(Pass, fmt.Sprintf("preflight: Access-Control-Allow-Methods \"*\" allows %s (without credentials)", method))
	case star:
		r.block(CauseMethod, fmt.Sprintf("preflight: method %s is not allowed: with credentials \"*\" in Access-Control-Allow-Methods is a literal name, not a wildcard", method))
		return false
	case slices.ContainsFunc(allowed, func(m string) bool { return strings.EqualFold(m, method) }):
		r.block(CauseMethod, fmt.Sprintf("preflight: method %s is not allowed: Access-Control-Allow-Methods is %q and methods compare case-sensitively", method, strings.Join(allowed, ", ")))
		return false
	default:
		r.block(CauseMethod, fmt.Sprintf("preflight: method %s is not in Access-Control-Allow-Methods (%q)", method, strings.Join(allowed, ", ")))
		return false
	}
	return true
}

// judgeHeaders: header names compare case-insensitively; "*" covers any name
// only without credentials, and never Authorization (Fetch,
// #cors-non-wildcard-request-header-name), although Chromium lets it.
func judgeHeaders(r *Report, c *Call, unsafe, allowed []string) bool {
	star := slices.Contains(allowed, "*")
	for _, name := range unsafe {
		switch {
		case slices.ContainsFunc(allowed, func(a string) bool { return strings.EqualFold(a, name) }):
			r.add(Pass, fmt.Sprintf("preflight: Access-Control-Allow-Headers lists %s", name))
		case star && !c.Credentials && name == "authorization":
			r.ChromiumAllows = true
			r.block(CauseHeader, "preflight: Access-Control-Allow-Headers \"*\" does not cover authorization in the Fetch standard, which requires it listed by name; Chromium 156 (like Firefox and Safari today) still lets it through, so the call works there until browsers follow the standard")
			return false
		case star && !c.Credentials:
			r.add(Pass, fmt.Sprintf("preflight: Access-Control-Allow-Headers \"*\" allows %s (without credentials)", name))
		case star:
			r.block(CauseHeader, fmt.Sprintf("preflight: request header %s is not allowed: with credentials \"*\" in Access-Control-Allow-Headers is a literal name, not a wildcard", name))
			return false
		default:
			r.block(CauseHeader, fmt.Sprintf("preflight: request header %s is not in Access-Control-Allow-Headers (%q)", name, strings.Join(allowed, ", ")))
			return false
		}
	}
	return true
}

// parseList splits the lines of a comma-separated list header (Fetch,
// #extract-header-list-values), skipping empty elements. bad is the first
// element that is not a token: the browser then rejects the answer.
func parseList(lines []string) (items []string, bad string) {
	for _, line := range lines {
		for item := range strings.SplitSeq(line, ",") {
			item = strings.Trim(item, " \t")
			if item == "" {
				continue
			}
			if !isToken(item) {
				return nil, item
			}
			items = append(items, item)
		}
	}
	return items, ""
}

// maxAge says how long browsers keep the preflight's answer (Fetch,
// #http-access-control-max-age): 5 s when absent, capped at 10 min by
// WebKit (CrossOriginPreflightResultCache.cpp, maxPreflightCacheTimeout:
// Safari and every browser on iOS), 2 h by Chromium and 24 h by Firefox.
func maxAge(lines []string) string {
	const safariCap = "Safari (WebKit, so every browser on iOS) at 600 s (10 min), and preflights again after that"
	if len(lines) == 0 {
		return "no Access-Control-Max-Age: browsers cache this answer for 5 s, so most calls pay a preflight"
	}
	v := strings.Join(lines, ", ")
	n, err := strconv.ParseUint(v, 10, 63)
	switch {
	case err != nil:
		return fmt.Sprintf("Access-Control-Max-Age %q is not a number of seconds: the standard then caches for 5 s, Chromium not at all", v)
	case n == 0:
		return "Access-Control-Max-Age 0: browsers do not cache this answer, every call pays a preflight"
	case n > 86400:
		return fmt.Sprintf("Access-Control-Max-Age %d s: Firefox caps it at 86400 s (24 h), Chromium at 7200 s (2 h), %s", n, safariCap)
	case n > 7200:
		return fmt.Sprintf("Access-Control-Max-Age %d s: Firefox reuses this answer that long; Chromium caps it at 7200 s (2 h), %s", n, safariCap)
	case n > 600:
		return fmt.Sprintf("Access-Control-Max-Age %d s: Chromium and Firefox reuse this answer that long; %s", n, safariCap)
	}
	return fmt.Sprintf("Access-Control-Max-Age %d s: browsers reuse this answer that long", n)
}
