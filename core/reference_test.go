package core_test

import (
	"net/netip"
	"strconv"
	"strings"
)

// This file is the reference model the fuzzers compare core against. It is
// written to be obviously right rather than fast: it parses configured
// entries and request origins into plain (scheme, host, port) tuples the
// way a person reads them, and decides from the tuples. It shares no code
// with core, so a bug in core's byte-level matching cannot hide here too.

// refEntry is one configured origin other than "*", parsed.
type refEntry struct {
	scheme     string
	host       string // without the "*." of a subdomain entry
	subdomains bool
	port       string // "" (default), digits, or "*"
}

// refOrigin is a request's Origin value, parsed.
type refOrigin struct {
	scheme, host, port string
}

// refDefaultPort is the port browsers drop when they serialize an origin.
var refDefaultPort = map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443"}

// refSplit cuts "scheme://host[:port]" into its three parts without judging
// them. IPv6 hosts keep their brackets. ok is false when the shape is wrong.
func refSplit(s string) (scheme, host, port string, ok bool) {
	scheme, rest, found := strings.Cut(s, "://")
	if !found {
		return "", "", "", false
	}
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]")
		if end < 0 {
			return "", "", "", false
		}
		host, after := rest[:end+1], rest[end+1:]
		if after == "" {
			return scheme, host, "", true
		}
		if !strings.HasPrefix(after, ":") || after == ":" {
			return "", "", "", false
		}
		return scheme, host, after[1:], true
	}
	host, port, hasPort := strings.Cut(rest, ":")
	if hasPort && port == "" {
		return "", "", "", false
	}
	return scheme, host, port, true
}

// refScheme: a lower-case URL scheme.
func refScheme(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// refPort: a port as browsers serialize it, 1 to 65535 in plain decimal.
func refPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535 && strconv.Itoa(n) == p
}

// refLabel: one DNS label of the lower-case bytes real host names use.
func refLabel(l string) bool {
	if len(l) < 1 || len(l) > 63 {
		return false
	}
	for _, c := range l {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// refDomain: a lower-case domain name of valid labels, not an IP address.
func refDomain(h string) bool {
	if len(h) > 253 {
		return false
	}
	labels := strings.Split(h, ".")
	for _, l := range labels {
		if !refLabel(l) {
			return false
		}
	}
	// The URL standard would parse a last label of digits, or one starting
	// with "0x", as IPv4 (#ends-in-a-number-checker). Digits only: a sign
	// is no digit, so "-0" is a domain label, which strconv.Atoi would
	// have read as zero (FuzzDecideOriginFunc found "http://-0").
	last := labels[len(labels)-1]
	if strings.Trim(last, "0123456789") == "" || strings.HasPrefix(last, "0x") {
		return false
	}
	return true
}

// refHost: a host as a browser serializes it: a domain, canonical dotted
// IPv4, or canonical bracketed IPv6.
func refHost(h string) bool {
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		a, err := netip.ParseAddr(h[1 : len(h)-1])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return false
		}
		if a.Is4In6() {
			b := a.As16()
			return h == "[::ffff:"+strconv.FormatUint(uint64(b[12])<<8|uint64(b[13]), 16)+":"+
				strconv.FormatUint(uint64(b[14])<<8|uint64(b[15]), 16)+"]"
		}
		return "["+a.String()+"]" == h
	}
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Is4() && a.String() == h
	}
	return refDomain(h)
}

// refParseEntry parses a configured origin the way the contract describes
// valid ones; ok is false for anything a browser could never send.
func refParseEntry(s string) (e refEntry, ok bool) {
	scheme, host, port, ok := refSplit(s)
	if !ok || !refScheme(scheme) {
		return e, false
	}
	switch scheme {
	case "file", "data", "blob", "about", "javascript":
		return e, false // opaque origins: browsers send "null"
	case "ws", "wss":
		return e, false // a WebSocket handshake carries the page's http(s) origin
	}
	e = refEntry{scheme: scheme, port: port}
	if rest, found := strings.CutPrefix(host, "*."); found {
		e.subdomains, host = true, rest
		if !refDomain(host) {
			return e, false
		}
	} else if !refHost(host) {
		return e, false
	}
	e.host = host
	if port != "" && port != "*" && (!refPort(port) || refDefaultPort[scheme] == port) {
		return e, false
	}
	return e, true
}

// refParseOrigin parses a request's Origin value; ok is false when it is not
// in the form a browser sends (so no entry can match it).
func refParseOrigin(s string) (o refOrigin, ok bool) {
	scheme, host, port, ok := refSplit(s)
	if !ok || !refScheme(scheme) || !refHost(host) || port != "" && !refPort(port) {
		return o, false
	}
	return refOrigin{scheme, host, port}, true
}

// refMatch decides whether one entry allows origin.
func refMatch(e refEntry, origin string) bool {
	o, ok := refParseOrigin(origin)
	if !ok || o.scheme != e.scheme {
		return false
	}
	if e.port != "*" && o.port != e.port {
		return false
	}
	if !e.subdomains {
		return o.host == e.host
	}
	// Subdomains at any depth: one or more whole labels, then a dot, then
	// the parent domain. Never the parent itself.
	sub, found := strings.CutSuffix(o.host, "."+e.host)
	return found && sub != "" && refDomainLabels(sub)
}

// refDomainLabels: one or more valid labels joined by dots.
func refDomainLabels(s string) bool {
	for _, l := range strings.Split(s, ".") {
		if !refLabel(l) {
			return false
		}
	}
	return true
}

// refAllowsOrigin decides an Origin header (all its lines) against the
// configured entries.
func refAllowsOrigin(entries []string, lines []string) bool {
	if len(lines) != 1 {
		return false
	}
	for _, s := range entries {
		if s == "*" {
			return true
		}
		if e, ok := refParseEntry(s); ok && refMatch(e, lines[0]) {
			return true
		}
	}
	return false
}

// refHeaderVerdict is what the reference says about a preflight's
// Access-Control-Request-Headers.
type refHeaderVerdict int

const (
	refHeadersAllowed refHeaderVerdict = iota
	refHeadersNotAllowed
	refHeadersAuthorization // "authorization" asked for, policy has only "*"
	refHeadersMalformed
)

// refCheckHeaders splits all lines on commas, trims spaces and tabs, counts
// and lower-cases the names, and compares them with the configured set. The
// first element that fails decides, in the order the request lists them.
func refCheckHeaders(configured []string, lines []string) refHeaderVerdict {
	if len(lines) > 16 {
		return refHeadersMalformed
	}
	if len(strings.Join(lines, "")) > 4096 {
		return refHeadersMalformed
	}
	star, set := false, map[string]bool{}
	for _, c := range configured {
		if c == "*" {
			star = true
		} else {
			set[strings.ToLower(c)] = true
		}
	}
	empty := 0
	for _, line := range lines {
		for _, elem := range strings.Split(line, ",") {
			name := strings.Trim(elem, " \t")
			switch {
			case name == "":
				empty++
				if empty > 16 {
					return refHeadersMalformed
				}
				continue
			case !refToken(name):
				return refHeadersMalformed
			}
			name = strings.ToLower(name)
			switch {
			case set[name]:
			case name == "authorization" && star:
				return refHeadersAuthorization
			case name != "authorization" && star:
			default:
				return refHeadersNotAllowed
			}
		}
	}
	return refHeadersAllowed
}

// refToken: an HTTP token (RFC 9110, section 5.6.2).
func refToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		ok := c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}
