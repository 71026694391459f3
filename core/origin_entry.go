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
	// prefix and suffix are what a "*." rule with a fixed port (or none)
	// requires before and after the subdomain labels ("https://" and
	// ".example.com:8443"), built by newOriginMatcher for matchEnds;
	// suffix is "" for every other rule.
	prefix, suffix string
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

// opaqueSchemes are schemes whose documents have an opaque origin: browsers
// send "null" for them, never the scheme (URL standard, origin of a URL).
var opaqueSchemes = map[string]bool{"file": true, "data": true, "blob": true, "about": true, "javascript": true}

// defaultPorts are the ports a browser drops when it serializes an origin.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// originChecker checks entries of Config.Origins, with the rules that
// depend on the rest of the Config.
type originChecker struct{ credentials, insecure bool }

// compileOriginEntries checks and compiles cfg.Origins, reporting each
// problem with a fix that applies (see checkList). required says Origins
// must not end up empty.
func compileOriginEntries(cfg Config, required bool, ps *problems) (rules []originRule, anyOrigin bool) {
	oc := originChecker{cfg.Credentials, cfg.DangerouslyAllowInsecureOrigins}
	whenEmpty := ""
	if required {
		whenEmpty = `list origins such as "https://app.example.com", or "*" for a public API without credentials`
	}
	rules, added := checkList("Origins", cfg.Origins, oc.check, sameString, whenEmpty, ps)
	n := 0
	for _, r := range rules {
		if r.entry == "*" {
			anyOrigin = true
			continue
		}
		rules[n] = r
		n++
	}
	rules = rules[:n]
	// What the list holds once every fix is applied.
	star := anyOrigin
	for _, v := range added {
		star = star || v == "*"
	}
	if star && len(rules)+len(added) > 0 {
		ps.add("Origins", -1, "*", `"*" already allows every origin`, `write "*" alone or the list of origins`)
	}
	return rules, anyOrigin
}

// check checks one entry; "*" compiles to a rule whose entry is "*".
func (oc originChecker) check(s string) (originRule, *entryProblem) {
	if parts, changed := splitList(s, true); changed {
		return originRule{}, splitProblem(s, parts, "origins", problemOf(oc.check))
	}
	if s == "*" {
		if oc.credentials {
			return originRule{}, &entryProblem{problem: `"*" cannot be combined with Credentials: browsers refuse such responses`,
				advice: "list the origins that send credentials"}
		}
		return originRule{entry: s}, nil
	}
	rule, p := parseOriginEntry(s)
	if p != nil || !oc.credentials || oc.insecure || rule.isLoopback() {
		return rule, p
	}
	switch {
	case rule.scheme == "http":
		return rule, &entryProblem{problem: "plain http with Credentials: anyone on the network path can impersonate this origin",
			replacement: []string{"https" + s[len("http"):]}, also: ", or set DangerouslyAllowInsecureOrigins"}
	case rule.overPublicSuffix():
		return rule, &entryProblem{problem: `"*." over a public suffix with Credentials: anyone can register a subdomain there`,
			advice: `list the domain you control, such as "https://*.app.example.com", or set DangerouslyAllowInsecureOrigins`}
	case rule.subdomains && underWildcardRule(rule.host):
		return rule, &entryProblem{problem: `"*." over a domain whose every child is a public suffix (a wildcard rule of the public-suffix list) with Credentials: anyone can register below each of them`,
			advice: "list the domain you control, such as " + strconv.Quote(rule.scheme+"://*.yours."+rule.host) + ", or set DangerouslyAllowInsecureOrigins"}
	}
	// Public suffixes below the pattern ("s3.amazonaws.com" under
	// "*.amazonaws.com") are checked per request, where the host is known.
	rule.guardSuffixes = rule.subdomains && hasRulesBelow(rule.host)
	return rule, nil
}

// parseOriginEntry checks one configured origin other than "*", without
// separators or surrounding whitespace, against what a browser can send in
// an Origin header (HTML, #ascii-serialisation-of-an-origin) and compiles it.
func parseOriginEntry(s string) (originRule, *entryProblem) {
	fail := func(problem, advice string) (originRule, *entryProblem) {
		return originRule{}, &entryProblem{problem: problem, advice: advice}
	}
	replace := func(problem, replacement string) (originRule, *entryProblem) {
		return originRule{}, &entryProblem{problem: problem, replacement: []string{replacement}}
	}
	if s == "null" {
		return fail(`"null" is the origin of sandboxed documents, data: URLs and files: any page can send it`,
			"serve the page from a real origin and list that")
	}
	if looksLikeRegex(s) {
		return fail("regular expressions are not supported: they have shipped origin bypasses",
			`write exact origins, "https://*.example.com" for subdomains or "http://localhost:*" for any port`)
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		if guess := withScheme(s); guess != "" {
			return replace("no scheme: an origin is scheme://host[:port]", guess)
		}
		return fail("not an origin: an origin is scheme://host[:port]", `write for example "https://app.example.com"`)
	}
	if lower := strings.ToLower(scheme); lower != scheme {
		return replace("uppercase scheme: browsers serialize origins in lower case", lower+"://"+rest)
	}
	if !isScheme(scheme) {
		return fail("invalid scheme "+strconv.Quote(scheme), `write "https://..." or "http://..."`)
	}
	if scheme == "ws" || scheme == "wss" {
		return replace("WebSocket URLs are not origins: a handshake carries the page's http(s) origin",
			"http"+strings.TrimPrefix(scheme, "ws")+"://"+rest)
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
		return replace(what+": an origin has none", scheme+"://"+rest[:i])
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		return replace("userinfo: an origin has none", scheme+"://"+rest[i+1:])
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
			return replace(p, fixed)
		}
	}
	switch {
	case host == "*":
		return fail(`"*" as a host: a wildcard can only be a leading "*." label or a ":*" port`,
			`write "*" alone to allow every origin (never with Credentials), or a pattern such as "https://*.example.com"`)
	case strings.Contains(host, "*") && isIPPattern(host):
		return fail("a wildcard in an IP address: there are no IP patterns, an origin names one address",
			`list each address, such as "http://192.168.1.10", or name the machines under one domain and write a pattern such as "http://*.lan.example.com"`)
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
			return replace(problem, rule.String())
		}
		return fail(problem, `write a host such as "app.example.com", "127.0.0.1" or "[::1]"`)
	}
	rule.host, rule.entry = host, s
	return rule, nil
}

// looksLikeRegex reports regular-expression syntax. A ".*" is one unless
// it is a whole last label ("http://192.168.1.*", "https://example.*"),
// which is a misplaced wildcard with a problem of its own.
func looksLikeRegex(s string) bool {
	if strings.ContainsAny(s, "^$\\()|") {
		return true
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '.' || s[i+1] != '*' {
			continue
		}
		after := s[i+2:]
		if i == 0 || s[i-1] == '/' || s[i-1] == '.' || after != "" && after[0] != ':' && after[0] != '.' {
			return true
		}
	}
	return false
}

// isIPPattern reports a host with wildcards that is otherwise an IP
// address: "192.168.1.*", "10.*", "[fe80::*]".
func isIPPattern(host string) bool {
	if strings.HasPrefix(host, "[") {
		return true
	}
	return strings.Trim(host, "0123456789.*") == "" && strings.ContainsAny(host, "0123456789")
}

// withScheme is the origin an entry without a scheme most likely means,
// or "" when it does not look like host[:port]: plain http for this
// machine and IP addresses, where a certificate is rare, https otherwise.
func withScheme(s string) string {
	hostPort := s
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		hostPort = s[:i]
	}
	host, port, ok := splitHostPort(hostPort)
	if !ok || port != "" && port != "*" && strings.Trim(port, "0123456789") != "" {
		return ""
	}
	local := host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasPrefix(host, "[")
	if last := host[strings.LastIndexByte(host, '.')+1:]; endsInNumber(last) {
		local = true
	}
	if local {
		return "http://" + s
	}
	return "https://" + s
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
		if err == nil && a.Is4() && a.String() == host {
			return "", ""
		}
		switch read, octal := urlIPv4(host); {
		case read == "":
			return "", "malformed IPv4 address " + strconv.Quote(host)
		case octal:
			// "010.0.0.1" is 8.0.0.1 to a browser, 10.0.0.1 to most
			// readers: the user must say which.
			return "", "leading zero in IPv4 address " + strconv.Quote(host) + ": browsers read it as octal, so this is " + read
		default:
			return read, "IPv4 address not in the dotted form browsers send: they read " + strconv.Quote(host) + " as " + read
		}
	}
	if len(host) > maxHostLen {
		return "", "host longer than " + strconv.Itoa(maxHostLen) + " bytes"
	}
	for _, l := range labels {
		if p := checkLabel(l); p != "" {
			return "", p
		}
	}
	return "", ""
}

// urlIPv4 reads a host that ends in a number as the URL standard's IPv4
// parser does (#concept-ipv4-parser): shorthand ("127.1"), hexadecimal
// ("0x7f") and octal ("0177") parts. It returns the dotted form, "" when
// the host is no address, and whether a part was octal.
func urlIPv4(host string) (dotted string, octal bool) {
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return "", false
	}
	var numbers []uint64
	for _, p := range parts {
		base := 10
		switch {
		case len(p) >= 2 && (p[:2] == "0x" || p[:2] == "0X"):
			p, base = p[2:], 16
		case len(p) >= 2 && p[0] == '0':
			p, base, octal = p[1:], 8, true
		case p == "":
			return "", false
		}
		n := uint64(0)
		if p != "" {
			var err error
			if n, err = strconv.ParseUint(p, base, 64); err != nil || p[0] == '+' {
				return "", false
			}
		}
		numbers = append(numbers, n)
	}
	last := numbers[len(numbers)-1]
	if last >= 1<<(8*(5-len(numbers))) {
		return "", false
	}
	ip := last
	for i, n := range numbers[:len(numbers)-1] {
		if n > 255 {
			return "", false
		}
		ip += n << (8 * (3 - i))
	}
	return netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}).String(), octal
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
	if len(l) > maxLabelLen {
		return "label longer than " + strconv.Itoa(maxLabelLen) + " bytes in host"
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

// hostBytes is isHostByte as a table, for loops over a request's host:
// one load a byte instead of five comparisons.
var hostBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isHostByte(byte(c))
	}
	return t
}()

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
