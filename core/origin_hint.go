package core

import (
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// The fixes Explain and the refusal hook suggest for a refused origin or
// method, worded for the value refused: a "*." pattern only where one is
// safe, the case note only where fetch() keeps the case.

// originFix is the change that allows a refused origin: list it, and,
// when its host has a parent domain that a "*." pattern covers safely,
// that pattern too.
func originFix(origin string) string {
	fix := "add " + strconv.Quote(origin) + " to Origins"
	if p, parent := subdomainPattern(origin); p != "" {
		fix += " (or the pattern " + strconv.Quote(p) + ", which covers every subdomain of " + parent + ")"
	}
	return fix
}

// subdomainPattern returns the "*." pattern over the parent domain of
// origin's host, and that parent, or "" when none should be suggested: an
// IP address or a single-label host (localhost) has no parent; a parent
// that is a public suffix ("com" above a bare registrable apex such as
// example.com, which "*." never covers anyway, or "github.io") would admit
// anyone who registers there; and so would a parent with public suffixes
// below it ("amazonaws.com") or whose children all are ones.
func subdomainPattern(origin string) (pattern, parent string) {
	scheme, rest, ok := strings.Cut(origin, "://")
	if !ok {
		return "", ""
	}
	host, port, ok := splitHostPort(rest)
	if !ok || strings.HasPrefix(host, "[") {
		return "", ""
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return "", ""
	}
	_, parent, ok = strings.Cut(host, ".")
	if !ok || parent == "" || strings.HasSuffix(parent, ".") {
		return "", ""
	}
	if ps, _ := publicsuffix.PublicSuffix(parent); ps == parent || hasRulesBelow(parent) || underWildcardRule(parent) {
		return "", ""
	}
	pattern = scheme + "://*." + parent
	if port != "" {
		pattern += ":" + port
	}
	return pattern, parent
}

// methodFix is the change that allows a refused method. Methods compare
// case-sensitively, and fetch() upper-cases only DELETE, GET, HEAD,
// OPTIONS, POST and PUT (Fetch, #concept-method-normalize): any other
// method arrives as the page wrote it, which the note says.
func methodFix(method string) string {
	fix := "add " + strconv.Quote(method) + " to Methods"
	for _, n := range normalizedMethods {
		if strings.EqualFold(method, n) {
			return fix
		}
	}
	return fix + " (methods are case-sensitive, and fetch sends " + method + " as the page writes it: list it in that case)"
}
