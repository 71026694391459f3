package core

import (
	"slices"
	"strings"
)

// maxHostLen is the longest DNS name (RFC 1035), so the longest host a
// pattern can match.
const maxHostLen = 253

// maxLabelLen is the longest label of a DNS name (RFC 1035).
const maxLabelLen = 63

// fewPatterns is the number of patterns up to which comparing each with the
// request's host beats looking up its label suffixes.
const fewPatterns = 4

// originMatcher decides whether a request's Origin is allowed, in time that
// depends on the origin's length and not on the number of entries: exact
// origins are hashed, and patterns are looked up by host, one lookup per
// label suffix of the request's host that some "*." pattern could have as
// its base.
type originMatcher struct {
	// any is the "*" policy.
	any bool
	// maxLen is the longest origin any entry can match: longer request
	// values are refused before anything reads them.
	maxLen int
	// exactList holds up to linearScanMax exact origins, byte for byte.
	exactList []string
	// patterns hold the entries with "*." or ":*": up to fewPatterns of
	// them compared one after another, more grouped by host for tables.
	patterns []originRule
	// tables index a large policy; nil for a small one, which keeps this
	// struct, read by every CORS request, as small as it was before them.
	tables *originTables

	// allowed is what Reason.Allowed shows: every entry, or a bounded
	// summary (see origin_suggest.go).
	allowed string
}

// originTables are the lookups of a policy with more than linearScanMax
// exact origins or more than fewPatterns patterns, and the index of any
// policy too long to list in a refusal.
type originTables struct {
	// exactSet holds the exact origins when there are more than
	// linearScanMax; its keys are sorted, for refusal reasons.
	exactSet stringSet
	// byHost holds the hosts of the patterns (the base domain of a "*."
	// entry, the host of a ":*" one), and groups[i] the range of
	// originMatcher.patterns, sorted by host, that share byHost's i-th;
	// groups is nil with fewPatterns or fewer.
	byHost stringSet
	groups []patternGroup
	// baseLens holds the lengths of the "*." bases, minBaseLen and
	// maxBaseLen the shortest and the longest: a label suffix of the
	// request's host of any other length cannot be a base, so it is not
	// looked up, and those shorter than the shortest are not even scanned.
	baseLens               lengthSet
	minBaseLen, maxBaseLen int
	// portHosts is set when some ":*" entry has no "*.", so that the
	// request's whole host is looked up too.
	portHosts bool
	// reasons, when allowed is a summary, are what the entries closest to
	// a refused origin are chosen from; never read to match.
	reasons *originReasons
}

// patternGroup is the range [first, end) of originMatcher.patterns that
// share one host.
type patternGroup struct{ first, end uint32 }

// lengthSet is a set of lengths below 256.
type lengthSet [4]uint64

func (s *lengthSet) add(n int)      { s[n>>6] |= 1 << (n & 63) }
func (s *lengthSet) has(n int) bool { return n < 256 && s[n>>6]&(1<<(n&63)) != 0 }

func newOriginMatcher(rules []originRule, any bool) originMatcher {
	m := originMatcher{any: any}
	if any {
		m.allowed = "*"
		return m
	}
	nExact := 0
	for _, r := range rules {
		if !r.isPattern() {
			nExact++
		}
	}
	exact := make([]string, 0, nExact)
	m.patterns = make([]originRule, 0, len(rules)-nExact)
	t := &originTables{minBaseLen: maxHostLen}
	for _, r := range rules {
		if r.isPattern() {
			if r.subdomains && r.port != "*" {
				r.prefix = r.scheme + "://"
				r.suffix = "." + r.host
				if r.port != "" {
					r.suffix += ":" + r.port
				}
			}
			m.patterns = append(m.patterns, r)
			m.maxLen = max(m.maxLen, len(r.scheme)+len("://")+maxHostLen+len(":65535"))
			if r.subdomains {
				t.baseLens.add(len(r.host))
				t.minBaseLen = min(t.minBaseLen, len(r.host))
				t.maxBaseLen = max(t.maxBaseLen, len(r.host))
			} else {
				t.portHosts = true
			}
			continue
		}
		exact = append(exact, r.String())
		m.maxLen = max(m.maxLen, len(r.String()))
	}
	if len(exact) > linearScanMax {
		slices.Sort(exact)
		t.exactSet = newStringSet(exact)
		m.tables = t
	} else {
		m.exactList = exact
	}
	if len(m.patterns) > fewPatterns {
		slices.SortStableFunc(m.patterns, func(a, b originRule) int { return strings.Compare(a.host, b.host) })
		var hosts []string
		for first := 0; first < len(m.patterns); {
			end := first + 1
			for end < len(m.patterns) && m.patterns[end].host == m.patterns[first].host {
				end++
			}
			hosts = append(hosts, m.patterns[first].host)
			t.groups = append(t.groups, patternGroup{uint32(first), uint32(end)})
			first = end
		}
		t.byHost = newStringSet(hosts)
		m.tables = t
	}
	m.indexForReasons(rules, exact)
	return m
}

// match reports whether origin, one Origin header value, is allowed. Its
// cost is bounded by the configuration: values longer than any entry can
// match are refused without being read.
func (m *originMatcher) match(origin string) bool {
	if m.any {
		return true
	}
	if len(origin) > m.maxLen {
		return false
	}
	for _, o := range m.exactList {
		if o == origin {
			return true
		}
	}
	if m.tables != nil && m.tables.exactSet.has(origin) {
		return true
	}
	if m.tables == nil || m.tables.groups == nil {
		for i := range m.patterns {
			if m.patterns[i].match(origin) {
				return true
			}
		}
		return false
	}
	return m.matchPattern(origin)
}

// matchPattern reports whether a pattern of a large policy allows origin,
// with the tables. Origins are compared as browsers serialize them (HTML, #ascii-serialisation-of-an-origin),
// so anything not in that form fails: no case folding, no default ports.
func (m *originMatcher) matchPattern(origin string) bool {
	colon := strings.IndexByte(origin, ':')
	if colon <= 0 || !strings.HasPrefix(origin[colon:], "://") {
		return false
	}
	scheme := origin[:colon]
	host, port, ok := splitRequestHostPort(origin[colon+len("://"):])
	if !ok {
		return false
	}
	t := m.tables
	if t.portHosts {
		if i := t.byHost.index(host); i >= 0 && m.groupAllowsHost(t.groups[i], scheme, port) {
			return true
		}
	}
	if len(host) > maxHostLen {
		return false
	}
	// "*." allows subdomains at any depth, never the domain itself and never
	// a host that merely ends with the same letters: each candidate base is
	// a label suffix after a dot, and everything before that dot must be
	// well-formed labels. Suffixes are tried shortest first, and only those
	// of a length some base has.
	for end := len(host) - t.minBaseLen; ; {
		if end <= 0 {
			return false
		}
		dot := strings.LastIndexByte(host[:end], '.')
		if dot <= 0 {
			return false
		}
		base := host[dot+1:]
		if len(base) > t.maxBaseLen {
			return false
		}
		if t.baseLens.has(len(base)) {
			if i := t.byHost.index(base); i >= 0 {
				switch m.groupAllowsSubdomain(t.groups[i], scheme, port, host, dot) {
				case subdomainAllowed:
					return true
				case subdomainMalformed:
					// A longer base would leave a part of the same bad
					// prefix before it.
					return false
				}
			}
		}
		end = dot
	}
}

// match reports whether one pattern allows origin, for a policy of a few
// patterns, which compares each with the whole origin: with one pattern
// this is a fifth faster than splitting the origin once for the tables.
func (r *originRule) match(origin string) bool {
	if r.suffix != "" {
		return r.matchEnds(origin)
	}
	rest, ok := strings.CutPrefix(origin, r.scheme)
	if !ok {
		return false
	}
	if rest, ok = strings.CutPrefix(rest, "://"); !ok {
		return false
	}
	host, port, ok := splitRequestHostPort(rest)
	if !ok || !r.allowsPort(port) {
		return false
	}
	if !r.subdomains {
		return host == r.host
	}
	dot := len(host) - len(r.host) - 1
	if len(host) > maxHostLen || dot <= 0 || host[dot] != '.' || host[dot+1:] != r.host {
		return false
	}
	return isSubdomainPrefix(host[:dot]) && (!r.guardSuffixes || !theSuffixesBelow().reachesSuffixBelow(host, len(r.host)))
}

// matchEnds is match for a "*." rule with a fixed port (or none): the
// origin's two ends are compared with the prebuilt prefix and suffix, and
// the labels between them checked, where match would split the origin
// into scheme, host and port with three searches. It took about 40% off
// an allowed wildcard request's Decide.
func (r *originRule) matchEnds(origin string) bool {
	end := len(origin) - len(r.suffix) // where the subdomain labels end
	if end <= len(r.prefix) || origin[:len(r.prefix)] != r.prefix || origin[end:] != r.suffix {
		return false
	}
	host := origin[len(r.prefix) : end+1+len(r.host)]
	return len(host) <= maxHostLen && isSubdomainPrefix(origin[len(r.prefix):end]) &&
		(!r.guardSuffixes || !theSuffixesBelow().reachesSuffixBelow(host, len(r.host)))
}

// groupAllowsHost reports whether a ":*" entry without "*." in group g
// allows the request's scheme, host (the group's) and port.
func (m *originMatcher) groupAllowsHost(g patternGroup, scheme, port string) bool {
	for i := g.first; i < g.end; i++ {
		r := &m.patterns[i]
		if !r.subdomains && r.scheme == scheme && r.allowsPort(port) {
			return true
		}
	}
	return false
}

type subdomainVerdict uint8

const (
	subdomainNoRule subdomainVerdict = iota
	subdomainAllowed
	subdomainMalformed
)

// groupAllowsSubdomain decides host against the "*." entries of group g,
// whose base is host[dot+1:].
func (m *originMatcher) groupAllowsSubdomain(g patternGroup, scheme, port, host string, dot int) subdomainVerdict {
	for i := g.first; i < g.end; i++ {
		r := &m.patterns[i]
		if !r.subdomains || r.scheme != scheme || !r.allowsPort(port) {
			continue
		}
		if !isSubdomainPrefix(host[:dot]) {
			return subdomainMalformed
		}
		if !r.guardSuffixes || !theSuffixesBelow().reachesSuffixBelow(host, len(r.host)) {
			return subdomainAllowed
		}
	}
	return subdomainNoRule
}

// splitRequestHostPort splits the host[:port] of a request's origin; an
// empty port after a colon is no origin a browser sends.
func splitRequestHostPort(rest string) (host, port string, ok bool) {
	if strings.HasSuffix(rest, "]") { // an IPv6 host without a port
		return rest, "", true
	}
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return rest, "", true
	}
	return rest[:i], rest[i+1:], i+1 < len(rest)
}

// allowsPort reports whether a pattern's port rule allows port, the
// request's ("" for none).
func (r *originRule) allowsPort(port string) bool {
	if r.port == "*" {
		return port == "" || isRequestPort(port)
	}
	return port == r.port
}

// isRequestPort reports a port as browsers serialize it: 1 to 5 digits, no
// leading zero. (A default port would have been dropped by the browser,
// but it harms nobody, so ":*" does not single it out.)
func isRequestPort(p string) bool {
	if p == "" || len(p) > 5 || p[0] == '0' {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return len(p) < 5 || p <= "65535"
}

// isSubdomainPrefix reports whether s is one or more non-empty dot-separated
// labels of host bytes, none longer than a DNS label: a subdomain part, or
// a whole host.
func isSubdomainPrefix(s string) bool {
	label := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if hostBytes[c] {
			if label++; label > maxLabelLen {
				return false
			}
			continue
		}
		if c != '.' || label == 0 {
			return false
		}
		label = 0
	}
	return label > 0
}

// maxMalformedOriginLen bounds what looksLikeOrigin reads: a longer Origin
// is called malformed unread.
const maxMalformedOriginLen = 2048

// looksLikeOrigin tells a malformed Origin from a well-formed one that is
// merely not allowed, for the refusal reason only: lower-case
// scheme://host[:port] with nothing a browser would have escaped or dropped.
//
// A refused origin pays for it on every refused request, so host and port
// are checked in one loop of one table load a byte, and the scheme and
// port found with vectorized searches: the loops it replaces (a byte loop
// for the scheme, a backward search for the port, five comparisons a host
// byte) took a fifth of a refused preflight.
func looksLikeOrigin(o string) bool {
	if len(o) > maxMalformedOriginLen {
		return false
	}
	scheme := strings.IndexByte(o, ':')
	if scheme <= 0 || len(o) < scheme+4 || o[scheme:scheme+3] != "://" || !isScheme(o[:scheme]) {
		return false
	}
	hostPort := o[scheme+3:]
	for i := 0; i < len(hostPort); i++ {
		if !isOriginHostPortByte[hostPort[i]] {
			return false
		}
	}
	// A ':' after the host starts the port; in "[::1]" the colons are the
	// address's own. Most origins have no port: one vectorized search.
	if strings.IndexByte(hostPort, ':') >= 0 && hostPort[len(hostPort)-1] != ']' {
		colon := strings.LastIndexByte(hostPort, ':')
		return colon > 0 && isRequestPort(hostPort[colon+1:])
	}
	return true
}

// isOriginHostPortByte marks the bytes of a serialized origin's host and
// port: host bytes (isHostByte), the dots between labels, the brackets
// and colons of an IPv6 address, the port's colon and digits.
var isOriginHostPortByte = func() (t [256]bool) {
	t = hostBytes
	for _, c := range ".:[]" {
		t[c] = true
	}
	return t
}()
