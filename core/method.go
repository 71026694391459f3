package core

import "strings"

// maxMethodLen bounds a method that crossgate reflects (Methods "*" with
// Credentials): longer ones are refused, so nothing unbounded is echoed.
const maxMethodLen = 64

// methodMatcher decides whether a preflight's requested method is allowed.
type methodMatcher struct {
	any    bool
	listed []string
	// allowed is the Access-Control-Allow-Methods value for explicit lists
	// and the text of refusal reasons.
	allowed string
}

// isSafelistedMethod reports GET, HEAD and POST, which never need a
// preflight of their own (Fetch, #cors-safelisted-method).
func isSafelistedMethod(m string) bool { return m == "GET" || m == "HEAD" || m == "POST" }

// isForbiddenMethod reports the methods fetch() refuses to send (Fetch,
// #forbidden-method), compared case-insensitively as the standard does.
func isForbiddenMethod(m string) bool {
	return strings.EqualFold(m, "CONNECT") || strings.EqualFold(m, "TRACE") || strings.EqualFold(m, "TRACK")
}

// normalizedMethods are the methods fetch() upper-cases (Fetch, #concept-method-normalize);
// every other method reaches the server exactly as the script wrote it.
var normalizedMethods = []string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

func compileMethods(methods []string, ps *problems) methodMatcher {
	var m methodMatcher
	seen := map[string]bool{}
	for i, v := range methods {
		switch {
		case v == "*":
			m.any = true
		case !isToken(v):
			ps.add("Methods", i, v, "not a method token", `write a method name such as "PUT"`)
		case isForbiddenMethod(v):
			ps.add("Methods", i, v, "browsers never send this method (Fetch: forbidden method)", "remove it")
		case isNormalizedLower(v):
			ps.add("Methods", i, v, "browsers upper-case this method before sending it", writeInstead(strings.ToUpper(v)))
		case seen[v]:
			ps.add("Methods", i, v, "listed twice", "remove the duplicate")
		default:
			seen[v] = true
			m.listed = append(m.listed, v)
		}
	}
	if m.any && len(m.listed) > 0 {
		ps.add("Methods", -1, strings.Join(methods, ","), `"*" already allows every method`, `write either "*" or the list`)
	}
	m.allowed = strings.Join(m.listed, ", ")
	if m.any {
		m.allowed = "*"
	}
	return m
}

func isNormalizedLower(v string) bool {
	for _, n := range normalizedMethods {
		if v != n && strings.EqualFold(v, n) {
			return true
		}
	}
	return false
}

// allows reports whether a preflight may ask for method. Methods compare
// case-sensitively (Fetch, #cors-preflight-fetch-0, step "if methods does
// not contain request's method").
func (m *methodMatcher) allows(method string) bool {
	if isSafelistedMethod(method) {
		return true
	}
	if m.any {
		return len(method) <= maxMethodLen && !isForbiddenMethod(method)
	}
	for _, l := range m.listed {
		if l == method {
			return true
		}
	}
	return false
}
