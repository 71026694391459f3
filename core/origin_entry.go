package core

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// originRule is one compiled entry of Config.Origins other than "*": an
// exact origin, or a pattern with subdomains, any port, or both.
type originRule struct {
	scheme string // "https"
	// host is the exact host ("api.example.com", "127.0.0.1", "[::1]"), or
	// for a subdomain rule the parent domain without its "*." ("example.com").
	host       string
	subdomains bool
	// port is "" for the scheme's default port, digits, or "*" for any.
	port string
	// entry is the configured text, which is already the canonical form:
	// parseOriginEntry refuses any other.
	entry string
	// guardSuffixes: with Credentials, a subdomain rule over a domain that
	// has public suffixes below it refuses hosts registered under them.
	guardSuffixes bool
}

func (r originRule) isPattern() bool { return r.subdomains || r.port == "*" }

func (r originRule) String() string {
	if r.entry != "" {
		return r.entry
	}
	s := r.scheme + "://"
	if r.subdomains {
		s += "*."
	}
	s += r.host
	if r.port != "" {
		s += ":" + r.port
	}
	return s
}

// entryProblem describes why a configured origin cannot work and what to
// write instead.
type entryProblem struct{ problem, fix string }

func (p *entryProblem) Error() string { return p.problem + "; " + p.fix }

func writeInstead(v string) string { return "write " + strconv.Quote(v) + " instead" }

// opaqueSchemes are schemes whose documents have an opaque origin: browsers
// send "null" for them, never the scheme (URL standard, origin of a URL).
var opaqueSchemes = map[string]bool{"file": true, "data": true, "blob": true, "about": true, "javascript": true}

// defaultPorts are the ports a browser drops when it serializes an origin.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// parseOriginEntry checks one configured origin other than "*" against what
// a browser can send in an Origin header (HTML, #ascii-serialisation-of-an-origin)
// and compiles it.
func parseOriginEntry(s string) (originRule, *entryProblem) {
	fail := func(problem, fix string) (originRule, *entryProblem) {
		return originRule{}, &entryProblem{problem, fix}
	}
	switch {
	case s == "":
		return fail("empty origin", `remove it, or write an origin such as "https://app.example.com"`)
	case s == "null":
		return fail(`"null" is the origin of sandboxed documents, data: URLs and files: any page can send it`,
			"serve the page from a real origin and list that")
	case strings.TrimSpace(s) != s:
		return fail("surrounding whitespace: browsers never send it", writeInstead(strings.TrimSpace(s)))
	}
	if strings.ContainsAny(s, "^$\\()|") || strings.Contains(s, ".*") {
		return fail("regular expressions are not supported: they have shipped origin bypasses",
			`write exact origins, "https://*.example.com" for subdomains or "http://localhost:*" for any port`)
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		if strings.HasPrefix(s, "*.") || !strings.Contains(s, ":") {
			return fail("no scheme: an origin is scheme://host[:port]", writeInstead("https://"+s))
		}
		return fail("not an origin: an origin is scheme://host[:port]", `write for example "https://app.example.com"`)
	}
	if lower := strings.ToLower(scheme); lower != scheme {
		return fail("uppercase scheme: browsers serialize origins in lower case", writeInstead(lower+"://"+rest))
	}
	if !isScheme(scheme) {
		return fail("invalid scheme "+strconv.Quote(scheme), `write "https://..." or "http://..."`)
	}
	if scheme == "ws" || scheme == "wss" {
		return fail("WebSocket URLs are not origins: a handshake carries the page's http(s) origin",
			writeInstead("http"+strings.TrimPrefix(scheme, "ws")+"://"+rest))
	}
	if opaqueSchemes[scheme] {
		return fail(scheme+": documents have an opaque origin: browsers send \"null\" for them",
			`serve the page over http(s), for example from "http://localhost:8080", and list that`)
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		what := map[byte]string{'/': "a path", '?': "a query", '#': "a fragment"}[rest[i]]
		if rest[i:] == "/" {
			what = "a trailing slash"
		}
		return fail(what+": an origin has none", writeInstead(scheme+"://"+rest[:i]))
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		return fail("userinfo: an origin has none", writeInstead(scheme+"://"+rest[i+1:]))
	}
	host, port, ok := splitHostPort(rest)
	if !ok {
		return fail("malformed host and port", `write "scheme://host" or "scheme://host:port"`)
	}
	if port != "" && port != "*" {
		if p := checkPort(scheme, port); p != "" {
			fixed := scheme + "://" + host
			if n, err := strconv.Atoi(port); err == nil && n > 0 && n <= 65535 && strconv.Itoa(n) != defaultPorts[scheme] {
				fixed += ":" + strconv.Itoa(n)
			}
			return fail(p, writeInstead(fixed))
		}
	}
	rule := originRule{scheme: scheme, port: port}
	if d, ok := strings.CutPrefix(host, "*."); ok {
		rule.subdomains, host = true, d
	}
	if strings.Contains(host, "*") {
		return fail("a wildcard can only be a leading \"*.\" label or a \":*\" port",
			`write "https://*.example.com" for subdomains or "https://example.com:*" for any port`)
	}
	canonical, problem := checkHost(host, rule.subdomains)
	if problem != "" {
		if canonical != "" {
			rule.host = canonical
			return fail(problem, writeInstead(rule.String()))
		}
		return fail(problem, `write a host such as "app.example.com", "127.0.0.1" or "[::1]"`)
	}
	rule.host, rule.entry = host, s
	return rule, nil
}

func isScheme(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// splitHostPort splits "host", "host:port", "[v6]" or "[v6]:port".
func splitHostPort(s string) (host, port string, ok bool) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", false
		}
		host, after := s[:end+1], s[end+1:]
		if after == "" {
			return host, "", true
		}
		if after[0] != ':' || len(after) == 1 {
			return "", "", false
		}
		return host, after[1:], true
	}
	host, port, hasPort := strings.Cut(s, ":")
	if host == "" || hasPort && (port == "" || strings.Contains(port, ":")) {
		return "", "", false
	}
	return host, port, true
}

// checkPort returns what is wrong with a configured port, or "".
func checkPort(scheme, port string) string {
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return "port " + strconv.Quote(port) + " is not a number"
		}
	}
	n, err := strconv.Atoi(port)
	switch {
	case err != nil || n < 1 || n > 65535:
		return "port " + port + " is out of range 1-65535"
	case port[0] == '0':
		return "leading zero in port: browsers send " + strconv.Itoa(n)
	case defaultPorts[scheme] == port:
		return "default port " + port + " for " + scheme + ": browsers omit it"
	}
	return ""
}

// checkHost returns what is wrong with a configured host and, when it can
// tell, the host the user meant.
func checkHost(host string, subdomains bool) (canonical, problem string) {
	if strings.HasPrefix(host, "[") {
		if subdomains {
			return "", "\"*.\" needs a domain name, not an IP address"
		}
		return checkIPv6(host)
	}
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			ascii, err := idna.Lookup.ToASCII(host)
			if err != nil {
				return "", "invalid internationalized host: " + err.Error()
			}
			return ascii, "non-ASCII host: browsers send its punycode form"
		}
	}
	if lower := strings.ToLower(host); lower != host {
		return lower, "uppercase host: browsers serialize hosts in lower case"
	}
	if strings.HasSuffix(host, ".") {
		return strings.TrimSuffix(host, "."), "trailing dot: a distinct origin that browsers send only if the page used it; it is almost never meant"
	}
	labels := strings.Split(host, ".")
	if last := labels[len(labels)-1]; endsInNumber(last) {
		if subdomains {
			return "", "\"*.\" needs a domain name, not an IP address"
		}
		// The URL standard parses a host whose last label is a number as
		// IPv4 (#ends-in-a-number-checker), so only the canonical dotted
		// form can ever arrive.
		a, err := netip.ParseAddr(host)
		if err != nil || !a.Is4() || a.String() != host {
			return "", "malformed IPv4 address " + strconv.Quote(host)
		}
		return "", ""
	}
	if len(host) > 253 {
		return "", "host longer than 253 bytes"
	}
	for _, l := range labels {
		if p := checkLabel(l); p != "" {
			return "", p
		}
	}
	return "", ""
}

func checkIPv6(host string) (canonical, problem string) {
	a, err := netip.ParseAddr(host[1 : len(host)-1])
	if err != nil || !a.Is6() || a.Zone() != "" {
		return "", "malformed IPv6 address " + strconv.Quote(host)
	}
	want := "[" + a.String() + "]"
	if a.Is4In6() {
		// Browsers serialize IPv4-mapped addresses in hex (URL standard, IPv6 serializer).
		b := a.As16()
		want = fmt.Sprintf("[::ffff:%x:%x]", uint16(b[12])<<8|uint16(b[13]), uint16(b[14])<<8|uint16(b[15]))
	}
	if want != host {
		return want, "IPv6 address not in the compressed lower-case form browsers send"
	}
	return "", ""
}

func endsInNumber(label string) bool {
	if label == "" {
		return false
	}
	if strings.HasPrefix(label, "0x") || strings.HasPrefix(label, "0X") {
		return true
	}
	for i := 0; i < len(label); i++ {
		if label[i] < '0' || label[i] > '9' {
			return false
		}
	}
	return true
}

// checkLabel returns what is wrong with one label of a domain name, or "".
func checkLabel(l string) string {
	if l == "" {
		return "empty label in host"
	}
	if len(l) > 63 {
		return "label longer than 63 bytes in host"
	}
	for i := 0; i < len(l); i++ {
		if !isHostByte(l[i]) {
			return "byte " + strconv.QuoteRune(rune(l[i])) + " cannot appear in a host a browser sends"
		}
	}
	return ""
}

// isHostByte reports the bytes crossgate accepts in a domain label: the
// lower-case letters, digits, '-' and '_' that real host names use.
func isHostByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// isLoopback reports hosts that only this machine can serve, which are
// trustworthy over plain http (Secure Contexts, #is-origin-trustworthy).
func (r originRule) isLoopback() bool {
	if r.host == "localhost" || strings.HasSuffix(r.host, ".localhost") {
		return true
	}
	if r.host == "[::1]" {
		return !r.subdomains
	}
	a, err := netip.ParseAddr(r.host)
	return err == nil && !r.subdomains && a.IsLoopback()
}

// overPublicSuffix reports a subdomain rule whose parent domain is a public
// suffix, such as "*.com" or "*.github.io", which anyone can register under.
func (r originRule) overPublicSuffix() bool {
	if !r.subdomains {
		return false
	}
	suffix, _ := publicsuffix.PublicSuffix(r.host)
	return suffix == r.host
}
