package core

import (
	"context"
	"strings"
)

// Scopes decide on the path the handler will serve, not on the bytes of the
// request target. File servers and path-cleaning routers decode
// percent-escapes, collapse empty segments and resolve dot segments
// (RFC 3986, sections 5.2.4 and 6.2.2) before they pick a file or a route,
// so "/files//private", "/files/%70rivate" and "/files/public/../private"
// are all /files/private to them; matching the raw bytes would let a page
// reach /files/private under the policy of /files or of the site. Request.Path
// is therefore the path as sent, and matching cleans it first, the same way
// for every adapter.
//
// One escape has two readings: an encoded slash, "%2F". net/http's URL.Path
// and every file server decode it into a separator; routers that route on
// the raw path (chi and echo with RawPath, fiber) keep it as a byte of its
// segment. When the two readings fall under different scopes, no scope can
// be trusted to be the one whose handler answers, and the request is refused
// (ReasonPathAmbiguous).

// maxScopePrefixLen is the longest prefix Scope accepts. Matching a prefix
// reads its bytes and the one after them, so the first maxScopePrefixLen+1
// bytes of a cleaned path decide every scope: that is all scopePath keeps.
const maxScopePrefixLen = 256

// scopePath is the cleaned form of a request path, or its first
// len(buf) bytes, built on the stack so that matching costs no allocation.
// Segments that begin beyond the buffer are only counted, so that ".."
// still removes the right one: a path of any length is cleaned in one
// pass, in constant memory.
type scopePath struct {
	buf [maxScopePrefixLen + 1]byte
	// n is how many bytes of buf hold the cleaned path.
	n int
	// beyond counts the segments that begin past buf. While it is above
	// zero, buf is full.
	beyond int
}

// bytes returns the cleaned path, or its first len(buf) bytes: enough to
// match any prefix. The root is empty.
func (s *scopePath) bytes() []byte { return s.buf[:s.n] }

// clean sets s to raw's cleaned form: percent-escapes decoded, empty and
// "." segments dropped, ".." removing the segment before it (never above
// the root), and a leading "/" whether or not raw had one. With
// slashSeparates, an encoded slash separates segments as "/" does;
// without, it stays in its segment, written "%2F". It reports whether raw
// holds an encoded slash. Its work is one pass over raw, and a ".." scans
// back only over bytes that it removes.
func (s *scopePath) clean(raw string, slashSeparates bool) (encodedSlash bool) {
	s.n, s.beyond = 0, 0
	escapes := strings.IndexByte(raw, '%') >= 0
	start := 0
	for {
		end, sep, enc := nextSeparator(raw, start, slashSeparates, escapes)
		encodedSlash = encodedSlash || enc
		seg := raw[start:end]
		switch dotSegment(seg) {
		case 0, 1: // "" or "."
		case 2: // ".."
			s.pop()
		default:
			s.push(seg, escapes)
		}
		if sep == 0 {
			return encodedSlash
		}
		start = end + sep
	}
}

// nextSeparator finds the end of the segment of raw that begins at start:
// the index of the separator that ends it, or len(raw), and the
// separator's length (0 at the end of raw). encodedSlash reports an
// encoded slash met on the way, a separator or not. escapes tells
// whether raw holds a '%' at all: most paths that need cleaning hold
// none, and their segments end at the next '/'.
func nextSeparator(raw string, start int, slashSeparates, escapes bool) (end, sep int, encodedSlash bool) {
	if !escapes {
		if i := strings.IndexByte(raw[start:], '/'); i >= 0 {
			return start + i, 1, false
		}
		return len(raw), 0, false
	}
	for i := start; i < len(raw); i++ {
		switch {
		case raw[i] == '/':
			return i, 1, encodedSlash
		case isEncodedSlash(raw, i):
			encodedSlash = true
			if slashSeparates {
				return i, 3, true
			}
			i += 2
		}
	}
	return len(raw), 0, encodedSlash
}

// isEncodedSlash tells whether raw[i:] starts with "%2F" or "%2f".
func isEncodedSlash(raw string, i int) bool {
	return raw[i] == '%' && i+2 < len(raw) && raw[i+1] == '2' && raw[i+2]|0x20 == 'f'
}

// dotSegment returns how many bytes seg decodes to when they are all dots
// and at most two (0 for an empty segment), and -1 otherwise: "%2E%2E" is
// ".." to a server that decodes before it cleans.
func dotSegment(seg string) int {
	if seg == "" {
		return 0
	}
	if len(seg) > len("%2E%2E") || (seg[0] != '.' && seg[0] != '%') {
		return -1
	}
	n := 0
	for i := 0; i < len(seg); {
		c, w := decodeAt(seg, i)
		if c != '.' || n == 2 {
			return -1
		}
		n++
		i += w
	}
	return n
}

// push appends "/" and seg, decoded, as far as the buffer holds them. A
// decoded "/" can only come from an encoded slash kept in its segment: it
// is written back as "%2F", which no prefix holds, so that it separates
// nothing. The bytes between escapes are copied as they are; escapes
// tells whether the path holds any.
func (s *scopePath) push(seg string, escapes bool) {
	if s.n == len(s.buf) {
		s.beyond++
		return
	}
	s.buf[s.n] = '/'
	s.n++
	if !escapes {
		s.n += copy(s.buf[s.n:], seg)
		return
	}
	for seg != "" && s.n < len(s.buf) {
		run := strings.IndexByte(seg, '%')
		if run < 0 {
			run = len(seg)
		}
		s.n += copy(s.buf[s.n:], seg[:run])
		seg = seg[run:]
		if seg == "" {
			return
		}
		c, w := decodeAt(seg, 0)
		seg = seg[w:]
		if c == '/' {
			s.put('%')
			s.put('2')
			s.put('F')
			continue
		}
		s.put(c)
	}
}

// put appends c if the buffer has room.
func (s *scopePath) put(c byte) {
	if s.n < len(s.buf) {
		s.buf[s.n] = c
		s.n++
	}
}

// pop removes the last segment: one counted beyond the buffer, or the
// bytes from the buffer's last "/".
func (s *scopePath) pop() {
	if s.beyond > 0 {
		s.beyond--
		return
	}
	for s.n > 0 {
		s.n--
		if s.buf[s.n] == '/' {
			return
		}
	}
}

// decodeAt returns the byte that s[i:] starts with, decoded when it is a
// percent-escape, and how many bytes of s it takes. A '%' not followed by
// two hex digits is itself, as fasthttp reads it (net/http refuses such a
// request before any handler runs).
func decodeAt(s string, i int) (byte, int) {
	if s[i] == '%' && i+2 < len(s) {
		hi, okHi := unhex(s[i+1])
		lo, okLo := unhex(s[i+2])
		if okHi && okLo {
			return hi<<4 | lo, 3
		}
	}
	return s[i], 1
}

// unhex returns the value of the hex digit c.
func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c|0x20 && c|0x20 <= 'f':
		return (c | 0x20) - 'a' + 10, true
	}
	return 0, false
}

// isCleanPath tells whether path is its own cleaned form as far as scopes
// are concerned: it starts with "/" and holds no '%', no empty segment
// before its last byte and no "." or ".." segment. Most paths are: they
// are matched as they are, with no copy.
func isCleanPath(path string) bool {
	// Three scans that the standard library vectorizes beat one loop
	// over the bytes; a "/." that starts no dot segment (a "/.well-known")
	// only sends the path through clean, which gives the same answer.
	return path != "" && path[0] == '/' && strings.IndexByte(path, '%') < 0 &&
		!strings.Contains(path, "//") && !strings.Contains(path, "/.")
}

// decideAmbiguousPath answers a request whose path falls under different
// scopes depending on how an encoded slash is read. With an Origin it is
// refused as the policy's own refusals are (no CORS header, a preflight
// ended with 403) and reported to c's hook, the router-level policy's;
// without one it gets no CORS header either, so that a cache cannot hand
// a grant made under one reading to a request made under the other. It
// always varies on Origin: the answer with one would differ.
func (c *compiled) decideAmbiguousPath(ctx context.Context, r *Request) (d Decision) {
	d.Vary = lineOrigin
	if len(r.Origin) == 0 {
		d.Allowed = true
		return d
	}
	d.Kind = Actual
	d.reason = Reason{Code: ReasonPathAmbiguous, Value: r.Path}
	if isPreflight(r) {
		d.Kind, d.End, d.Status, d.Vary = Preflight, true, statusOriginRefused, c.varyPreflight
	}
	c.reportIfHooked(ctx, r, d.Kind, ReasonPathAmbiguous, r.Path, false)
	return d
}
