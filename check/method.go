package check

import "strings"

// NormalizeMethod upper-cases the six methods fetch() normalizes and keeps
// every other method as written (Fetch, #concept-method-normalize): "patch"
// stays "patch". An empty method is GET.
func NormalizeMethod(m string) string {
	if m == "" {
		return "GET"
	}
	for _, n := range [...]string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"} {
		if strings.EqualFold(m, n) {
			return n
		}
	}
	return m
}

// IsSafelistedMethod reports a CORS-safelisted method (Fetch,
// #cors-safelisted-method), compared case-sensitively after normalization.
func IsSafelistedMethod(m string) bool {
	return m == "GET" || m == "HEAD" || m == "POST"
}

// isForbiddenMethod: fetch() throws for these (Fetch, #forbidden-method).
func isForbiddenMethod(m string) bool {
	return strings.EqualFold(m, "CONNECT") || strings.EqualFold(m, "TRACE") || strings.EqualFold(m, "TRACK")
}

// isToken reports an RFC 9110 token: what a method and a header name are.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
