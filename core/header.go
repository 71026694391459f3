package core

import (
	"slices"
	"strconv"
	"strings"
)

// Bounds on Access-Control-Request-Headers. Browsers send one line of
// lower-case names joined by commas (Fetch, #cors-unsafe-request-header-names);
// these leave ample room for proxies that split or pad it, and make the cost
// of a hostile value a few length checks.
const (
	// maxRequestHeadersLen is the most bytes of all lines together.
	maxRequestHeadersLen = 4096
	// maxEmptyElements is the most empty list elements (",,") tolerated.
	maxEmptyElements = 16
	// maxHeaderNameLen is the longest header name a Config may list.
	maxHeaderNameLen = 128
)

// forbiddenRequestHeaders are the names scripts cannot set (Fetch,
// #forbidden-request-header), so listing them can never matter.
var forbiddenRequestHeaders = map[string]bool{
	"accept-charset": true, "accept-encoding": true, "access-control-request-headers": true,
	"access-control-request-method": true, "connection": true, "content-length": true,
	"cookie": true, "cookie2": true, "date": true, "dnt": true, "expect": true, "host": true,
	"keep-alive": true, "origin": true, "referer": true, "set-cookie": true, "te": true,
	"trailer": true, "transfer-encoding": true, "upgrade": true, "via": true,
}

// headerMatcher decides whether a preflight's requested headers are allowed.
type headerMatcher struct {
	any bool
	// authorization is true when Authorization is listed: "*" never covers
	// it (Fetch, #cors-non-wildcard-request-header-name).
	authorization bool
	// names holds the listed names in lower case; set holds the same when
	// there are many, where one hash beats many comparisons.
	names []string
	set   map[string]struct{}
	// sorted holds names in byte order, for the browser's own form of the
	// request (see sortedSubset); nil when set is used.
	sorted []string
	// allowed is the listed names joined, for Access-Control-Allow-Headers
	// and refusal reasons.
	allowed string
}

func compileRequestHeaders(headers []string, ps *problems) headerMatcher {
	var h headerMatcher
	kept, added := checkList("RequestHeaders", headers, checkRequestHeader, toLowerASCII, "", ps)
	for _, name := range kept {
		if name == "*" {
			h.any = true
			continue
		}
		h.names = append(h.names, name)
		h.authorization = h.authorization || name == "authorization"
	}
	// What the list holds once every fix is applied.
	star, others, authorization := h.any, len(h.names), h.authorization
	for _, v := range added {
		if v == "*" {
			star = true
			continue
		}
		others++
		authorization = authorization || toLowerASCII(v) == "authorization"
	}
	if star && others > 0 && !(others == 1 && authorization) {
		ps.add("RequestHeaders", -1, strings.Join(headers, ","), `"*" already allows every header but Authorization`,
			`write "*" alone, "*" and "Authorization", or the list`)
	}
	if len(h.names) > linearScanMax {
		h.set = make(map[string]struct{}, len(h.names))
		for _, n := range h.names {
			h.set[n] = struct{}{}
		}
	} else {
		h.sorted = slices.Clone(h.names)
		slices.Sort(h.sorted)
	}
	h.allowed = strings.Join(h.names, ", ")
	if h.any {
		h.allowed = "*"
		if h.authorization {
			h.allowed = "*, authorization"
		}
	}
	return h
}

// check makes one pass over the lines of Access-Control-Request-Headers and
// returns ReasonNone, or the failed check and the offending name. Its cost
// is bounded before it reads a byte: at most MaxHeaderLines lines of at most
// maxRequestHeadersLen bytes in all.
func (h *headerMatcher) check(lines []string) (ReasonCode, string) {
	if len(lines) > MaxHeaderLines {
		return ReasonHeadersMalformed, "" // the list as a whole: no one value to show
	}
	if len(lines) == 1 {
		rest, whole := h.sortedPrefix(lines[0])
		if whole {
			return ReasonNone, ""
		}
		// What sortedPrefix read is listed names: the rest of the line
		// is checked the general way, without reading them again. One
		// line is within maxRequestHeadersLen if it is no longer.
		if len(lines[0]) > maxRequestHeadersLen {
			return ReasonHeadersMalformed, ""
		}
		empty := 0
		return h.checkLine(rest, &empty)
	}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if total > maxRequestHeadersLen {
		return ReasonHeadersMalformed, ""
	}
	empty := 0
	for _, line := range lines {
		if code, name := h.checkLine(line, &empty); code != ReasonNone {
			return code, name
		}
	}
	return ReasonNone, ""
}

// checkLine checks one line not in the browser's own form: it splits it
// into elements and checks each, counting empty ones in *empty across the
// lines of the header.
func (h *headerMatcher) checkLine(line string, empty *int) (ReasonCode, string) {
	// Elements are separated by commas, with optional whitespace around
	// them (RFC 9110, section 5.6.1); recipients ignore empty ones. A line
	// of k commas holds k+1 elements, each checked once.
	for {
		// A run of commas is counted in a loop of its own, a byte compare
		// per empty element, and refused after maxEmptyElements of them:
		// 1 KiB of commas costs what 17 do.
		if len(line) > 0 && line[0] == ',' {
			n := 1
			for n < len(line) && n <= maxEmptyElements && line[n] == ',' {
				n++
			}
			if *empty += n; *empty > maxEmptyElements {
				return ReasonHeadersMalformed, ""
			}
			line = line[n:]
			continue
		}
		// The common element is a token right up to the next comma or the
		// line's end: one loop over its bytes finds its end and checks it,
		// where a search for the comma, a trim and a token check would
		// read it three times. Anything else (whitespace, a byte no token
		// has) is split the general way.
		n := 0
		for n < len(line) && isTchar[line[n]] {
			n++
		}
		name, rest, more, token := line, "", false, true
		switch {
		case n == len(line):
		case line[n] == ',':
			name, rest, more = line[:n], line[n+1:], true
		default:
			if i := strings.IndexByte(line, ','); i >= 0 {
				name, rest, more = line[:i], line[i+1:], true
			}
			name = trimOWS(name)
			token = isToken(name)
		}
		if name == "" {
			if *empty++; *empty > maxEmptyElements {
				return ReasonHeadersMalformed, ""
			}
		} else if !h.listed(name) {
			// Off the common path: a name in another case, one that is
			// not listed, or a policy with "*".
			if !token {
				return ReasonHeadersMalformed, name
			}
			if code := h.allows(name); code != ReasonNone {
				return code, name
			}
		}
		if !more {
			return ReasonNone, ""
		}
		line = rest
	}
}

// sortedPrefix reads, from the start of line, listed names joined by bare
// commas, each at most once and in byte order: the form in which browsers
// send Access-Control-Request-Headers (Fetch,
// #cors-unsafe-request-header-names: lower-cased, sorted, joined by ",").
// whole is true when that is all the line holds; otherwise rest is what
// follows the last name read and its comma. One walk along the sorted
// listed names decides the common preflight with at most a byte compare
// and a memory compare per listed name, without splitting the line or
// checking a byte of it: a quarter of what splitting cost on a browser's
// two-name request.
func (h *headerMatcher) sortedPrefix(line string) (rest string, whole bool) {
	for _, n := range h.sorted {
		// The first byte first: most names that differ differ there, and
		// the compare costs less than the call the memory compare makes.
		if len(line) < len(n) || line[0] != n[0] || line[:len(n)] != n {
			continue
		}
		if len(line) == len(n) {
			return "", true
		}
		if line[len(n)] != ',' {
			continue
		}
		line = line[len(n)+1:]
	}
	return line, false
}

// listed tells whether name is one of the listed names exactly, as
// browsers send them (lower case, Fetch #cors-unsafe-request-header-names).
// A listed name is a token, checked by New, so a name found here needs
// neither the byte-by-byte token check nor case folding: the common
// preflight's check is one length compare and one memory compare per
// listed name, where a token check alone costs a branch per byte.
func (h *headerMatcher) listed(name string) bool {
	if h.set != nil {
		_, ok := h.set[name]
		return ok
	}
	for _, n := range h.names {
		if name == n {
			return true
		}
	}
	return false
}

// allows checks one well-formed requested name.
func (h *headerMatcher) allows(name string) ReasonCode {
	if equalFoldASCII(name, "authorization") {
		switch {
		case h.authorization:
			return ReasonNone
		case h.any:
			return ReasonHeaderAuthorization
		}
		return ReasonHeaderNotAllowed
	}
	if h.any {
		return ReasonNone
	}
	if h.set != nil {
		if len(name) > maxHeaderNameLen {
			return ReasonHeaderNotAllowed
		}
		// Lower-casing into a stack buffer and indexing with string(buf)
		// costs no allocation: the compiler recognises the map lookup.
		var buf [maxHeaderNameLen]byte
		for i := 0; i < len(name); i++ {
			buf[i] = lowerASCII(name[i])
		}
		if _, ok := h.set[string(buf[:len(name)])]; ok {
			return ReasonNone
		}
		return ReasonHeaderNotAllowed
	}
	for _, n := range h.names {
		if equalFoldASCII(name, n) {
			return ReasonNone
		}
	}
	return ReasonHeaderNotAllowed
}

func trimOWS(s string) string {
	for len(s) > 0 && isOWS(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isOWS(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// compileExposedHeaders checks Config.ExposedHeaders and returns the
// Access-Control-Expose-Headers value.
func compileExposedHeaders(headers []string, credentials bool, ps *problems) string {
	check := func(v string) (string, *entryProblem) { return checkExposedHeader(v, credentials) }
	names, added := checkList("ExposedHeaders", headers, check, toLowerASCII, "", ps)
	if len(names)+len(added) > 1 && (slices.Contains(names, "*") || slices.Contains(added, "*")) {
		ps.add("ExposedHeaders", -1, strings.Join(headers, ","), `"*" already exposes every header`, `write "*" alone or the list`)
	}
	return strings.Join(names, ", ")
}

// checkRequestHeader checks one entry of Config.RequestHeaders and
// returns the name in lower case.
func checkRequestHeader(v string) (string, *entryProblem) {
	if parts, changed := splitList(v, false); changed {
		return "", splitProblem(v, parts, "header names", problemOf(checkRequestHeader))
	}
	lower := toLowerASCII(v)
	switch {
	case v == "*":
	case !isToken(v):
		return "", &entryProblem{problem: "not a header name", advice: `write a name such as "Content-Type" or "X-Request-Id"`}
	case len(v) > maxHeaderNameLen:
		return "", &entryProblem{problem: "longer than " + strconv.Itoa(maxHeaderNameLen) + " bytes", advice: "use a shorter header name"}
	case forbiddenRequestHeaders[lower] || strings.HasPrefix(lower, "proxy-") || strings.HasPrefix(lower, "sec-"):
		return "", &entryProblem{problem: "scripts can never set this header (Fetch: forbidden request-header)", remove: true}
	case strings.HasPrefix(lower, "access-control-"):
		return "", &entryProblem{problem: "a CORS header: crossgate writes these itself", remove: true}
	}
	return lower, nil
}

// checkExposedHeader checks one entry of Config.ExposedHeaders and returns
// it as written.
func checkExposedHeader(v string, credentials bool) (string, *entryProblem) {
	if parts, changed := splitList(v, false); changed {
		return "", splitProblem(v, parts, "header names", func(s string) *entryProblem { _, p := checkExposedHeader(s, credentials); return p })
	}
	lower := toLowerASCII(v)
	switch {
	case v == "*" && credentials:
		return "", &entryProblem{problem: `with Credentials, browsers read "*" as a header literally named *`, advice: "list the header names to expose"}
	case v == "*":
	case !isToken(v):
		return "", &entryProblem{problem: "not a header name", advice: `write a name such as "X-Request-Id"`}
	case lower == "set-cookie" || lower == "set-cookie2":
		return "", &entryProblem{problem: "browsers never let scripts read cookies from responses (Fetch: forbidden response-header)", remove: true}
	case strings.HasPrefix(lower, "access-control-"):
		return "", &entryProblem{problem: "a CORS header, meaningless to expose", remove: true}
	}
	return v, nil
}
