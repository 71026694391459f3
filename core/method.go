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
	kept, added := checkList("Methods", methods, checkMethod, sameString, "", ps)
	star := false
	for _, v := range kept {
		if v == "*" {
			m.any = true
		} else {
			m.listed = append(m.listed, v)
		}
	}
	others := len(m.listed)
	for _, v := range added {
		if v == "*" {
			star = true
		} else {
			others++
		}
	}
	if (m.any || star) && others > 0 {
		ps.add("Methods", -1, strings.Join(methods, ","), `"*" already allows every method`, `write either "*" or the list`)
	}
	m.allowed = strings.Join(m.listed, ", ")
	if m.any {
		m.allowed = "*"
	}
	return m
}

// checkMethod checks one entry of Config.Methods.
func checkMethod(v string) (string, *entryProblem) {
	if parts, changed := splitList(v, false); changed {
		return "", splitProblem(v, parts, "methods", problemOf(checkMethod))
	}
	switch {
	case v == "*":
	case !isToken(v):
		return "", &entryProblem{problem: "not a method token", advice: `write a method name such as "PUT"`}
	case isForbiddenMethod(v):
		return "", &entryProblem{problem: "browsers never send this method (Fetch: forbidden method)", remove: true}
	case isNormalizedLower(v):
		return "", &entryProblem{problem: "browsers upper-case this method before sending it", replacement: []string{strings.ToUpper(v)}}
	}
	return v, nil
}

func isNormalizedLower(v string) bool {
	for _, n := range normalizedMethods {
		if v != n && strings.EqualFold(v, n) {
			return true
		}
	}
	return false
}

// listedExactly tells whether method is one of the listed methods, byte
// for byte.
func (m *methodMatcher) listedExactly(method string) bool {
	for _, l := range m.listed {
		if l == method {
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
	return m.listedExactly(method)
}
