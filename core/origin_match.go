package core

import "strings"

// maxHostLen is the longest DNS name (RFC 1035), so the longest host a
// pattern can match.
const maxHostLen = 253

// smallOriginSet is the number of exact origins up to which a linear scan of
// string comparisons beats hashing the request's origin for a map lookup.
const smallOriginSet = 8

// originMatcher decides whether a request's Origin is allowed.
type originMatcher struct {
	// any is the "*" policy.
	any bool
	// exactList or exactSet hold the exact origins, byte for byte.
	exactList []string
	exactSet  map[string]struct{}
	// patterns hold the entries with "*." or ":*".
	patterns []originRule
	// maxLen is the longest origin any entry can match: longer request
	// values are refused before anything reads them.
	maxLen int
	// allowed lists the entries for refusal reasons.
	allowed string
}

func newOriginMatcher(rules []originRule, any bool) originMatcher {
	m := originMatcher{any: any}
	var names []string
	for _, r := range rules {
		names = append(names, r.String())
		if r.isPattern() {
			m.patterns = append(m.patterns, r)
			m.maxLen = max(m.maxLen, len(r.scheme)+len("://")+maxHostLen+len(":65535"))
			continue
		}
		m.exactList = append(m.exactList, r.String())
		m.maxLen = max(m.maxLen, len(r.String()))
	}
	if len(m.exactList) > smallOriginSet {
		m.exactSet = make(map[string]struct{}, len(m.exactList))
		for _, o := range m.exactList {
			m.exactSet[o] = struct{}{}
		}
		m.exactList = nil
	}
	if any {
		names = []string{"*"}
	}
	m.allowed = strings.Join(names, ", ")
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
	if m.exactSet != nil {
		if _, ok := m.exactSet[origin]; ok {
			return true
		}
	}
	for i := range m.patterns {
		if m.patterns[i].match(origin) {
			return true
		}
	}
	return false
}

// match reports whether a pattern rule allows origin. Origins are compared
// as browsers serialize them (HTML, #ascii-serialisation-of-an-origin), so
// anything not in that form fails: no case folding, no default ports.
func (r *originRule) match(origin string) bool {
	rest, ok := strings.CutPrefix(origin, r.scheme)
	if !ok {
		return false
	}
	if rest, ok = strings.CutPrefix(rest, "://"); !ok {
		return false
	}
	host, port := rest, ""
	if !strings.HasSuffix(rest, "]") { // an IPv6 host without a port
		if i := strings.LastIndexByte(rest, ':'); i >= 0 {
			host, port = rest[:i], rest[i+1:]
			if port == "" {
				return false
			}
		}
	}
	if r.port == "*" {
		if port != "" && !isRequestPort(port) {
			return false
		}
	} else if port != r.port {
		return false
	}
	if !r.subdomains {
		return host == r.host
	}
	// "*." allows subdomains at any depth, never the domain itself and never
	// a host that merely ends with the same letters: the byte before the
	// parent domain must be a dot and every label before it well formed.
	if len(host) > maxHostLen {
		return false
	}
	sub, ok := strings.CutSuffix(host, r.host)
	if !ok || len(sub) < 2 || sub[len(sub)-1] != '.' {
		return false
	}
	if !isSubdomainPrefix(sub[:len(sub)-1]) {
		return false
	}
	return !r.guardSuffixes || !theSuffixesBelow().reachesSuffixBelow(host, len(r.host))
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
// labels of host bytes.
func isSubdomainPrefix(s string) bool {
	label := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if label == 0 {
				return false
			}
			label = 0
		case isHostByte(c) && label < 63:
			label++
		default:
			return false
		}
	}
	return label > 0
}
