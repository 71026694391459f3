package check

import (
	"slices"
	"strings"
)

// UnsafeHeaderNames returns the CORS-unsafe request-header names of the
// headers a script sets (Fetch, #cors-unsafe-request-header-names):
// every header that is not CORS-safelisted by name and value, lower-cased,
// sorted and without duplicates, which is also the order and case in which
// a browser lists them in Access-Control-Request-Headers. When the
// safelisted values add up to more than 1024 bytes, they all become unsafe.
func UnsafeHeaderNames(headers []Header) []string {
	var unsafe, safe []string
	total := 0
	for _, h := range headers {
		if isSafelistedHeader(h.Name, h.Value) {
			safe = append(safe, strings.ToLower(h.Name))
			total += len(h.Value)
			continue
		}
		unsafe = append(unsafe, strings.ToLower(h.Name))
	}
	if total > 1024 {
		unsafe = append(unsafe, safe...)
	}
	slices.Sort(unsafe)
	return slices.Compact(unsafe)
}

// isSafelistedHeader is Fetch's #cors-safelisted-request-header: a few
// names, each with a value a form or an <img> could send anyway.
func isSafelistedHeader(name, value string) bool {
	if len(value) > 128 {
		return false
	}
	switch strings.ToLower(name) {
	case "accept":
		return !hasUnsafeByte(value)
	case "accept-language", "content-language":
		for i := 0; i < len(value); i++ {
			c := value[i]
			ok := '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || strings.IndexByte(" *,-.;=", c) >= 0
			if !ok {
				return false
			}
		}
		return true
	case "content-type":
		if hasUnsafeByte(value) {
			return false
		}
		switch mimeEssence(value) {
		case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
			return true
		}
		return false
	case "range":
		return isSimpleRange(value)
	}
	return false
}

// hasUnsafeByte finds a CORS-unsafe request-header byte (Fetch,
// #cors-unsafe-request-header-byte).
func hasUnsafeByte(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < 0x20 && c != '\t' || c == 0x7f || strings.IndexByte("\"():<>?@[\\]{}", c) >= 0 {
			return true
		}
	}
	return false
}

// mimeEssence parses a MIME type as the WHATWG MIME Sniffing standard does
// (#parse-a-mime-type) as far as its essence, "type/subtype" lower-cased;
// "" when it is not a MIME type. Parameters never make parsing fail.
func mimeEssence(v string) string {
	v = strings.Trim(v, " \t\r\n")
	typ, rest, ok := strings.Cut(v, "/")
	if !ok || !isToken(typ) {
		return ""
	}
	sub, _, _ := strings.Cut(rest, ";")
	sub = strings.TrimRight(sub, " \t\r\n")
	if !isToken(sub) {
		return ""
	}
	return strings.ToLower(typ + "/" + sub)
}

// isSimpleRange accepts only "bytes=N-" and "bytes=N-M" with N <= M (Fetch,
// #simple-range-header-value; a suffix range "bytes=-500" needs a preflight).
func isSimpleRange(v string) bool {
	rest, ok := strings.CutPrefix(v, "bytes=")
	if !ok {
		return false
	}
	start, end, ok := strings.Cut(rest, "-")
	if !ok || !isDigits(start) || (end != "" && !isDigits(end)) {
		return false
	}
	if end == "" {
		return true
	}
	return compareDecimal(start, end) <= 0
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// compareDecimal compares two digit strings of any length as numbers.
func compareDecimal(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// isForbiddenRequestHeader is Fetch's #forbidden-request-header, by name: a
// script's attempt to set one is silently dropped by the browser.
func isForbiddenRequestHeader(name string) bool {
	n := strings.ToLower(name)
	if strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-") {
		return true
	}
	switch n {
	case "accept-charset", "accept-encoding", "access-control-request-headers",
		"access-control-request-method", "access-control-request-private-network",
		"connection", "content-length", "cookie", "cookie2", "date", "dnt",
		"expect", "host", "keep-alive", "origin", "referer", "set-cookie",
		"te", "trailer", "transfer-encoding", "upgrade", "via":
		return true
	}
	return false
}
