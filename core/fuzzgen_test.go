package core_test

import (
	"strings"

	"github.com/crossgate/crossgate/core"
)

// The fuzzers turn their input bytes into configurations and requests
// through this file: each byte picks a fragment, so that the mutator's
// small changes become small changes of meaning (another scheme, another
// port) instead of random strings that New would always refuse.

// picker reads choices from the fuzzer's bytes; past the end it reads zeros,
// which pick the first (most ordinary) fragment.
type picker struct{ b []byte }

func (p *picker) byte() byte {
	if len(p.b) == 0 {
		return 0
	}
	c := p.b[0]
	p.b = p.b[1:]
	return c
}

func (p *picker) pick(list []string) string { return list[int(p.byte())%len(list)] }

func (p *picker) bit() bool { return p.byte()&1 == 1 }

// Fragments of configured origins and of request origins. The first entry
// of each list is the ordinary one; the others are the classes of mistakes
// and attacks (see attacks_test.go) in small pieces.
var (
	fragScheme = []string{"https", "http", "https", "wss", "HTTPS", "ftp", "file", "", "chrome-extension", "h ttps"}
	fragSep    = []string{"://", "://", "://", ":/", "", ":///"}
	fragPrefix = []string{"", "*.", "", "*.", "a.", "*", ".", "*.*.", "evil", "x.y.", "A.", "*.-"}
	fragHost   = []string{
		"example.com", "app.example.com", "localhost", "127.0.0.1", "[::1]", "example.com.",
		"Example.com", "example.community", "xn--bcher-kva.example", "bücher.example", "a..example.com",
		"com", "github.io", "a_b.example.com", "evil.test", "example.com.evil.test", "[::FFFF:1.2.3.4]",
		"[::ffff:102:304]", "0x7f.1", "256.1.1.1", "", "localhost:evil.test", "example.com@evil.test",
		"1.2.3.4", "[fe80::1%25eth0]", strings.Repeat("a", 64) + ".example.com", "ex ample.com", "-.example.com",
		strings.Repeat("a.", 122) + "example.com", // 255 bytes: longer than any DNS name
	}
	fragPort   = []string{"", ":*", "", ":8443", ":443", ":80", ":0", ":08080", ":65536", ":65535", ":", ":*:*", ":8o", ":-1", ":1"}
	fragSuffix = []string{"", "", "", "/", "/path", "@evil.test", " ", "?q", "#f", "/x.example.com", "\r\nX: y", "\x00"}
)

// origin builds one origin string from fragments.
func (p *picker) origin() string {
	return p.pick(fragScheme) + p.pick(fragSep) + p.pick(fragPrefix) + p.pick(fragHost) + p.pick(fragPort) + p.pick(fragSuffix)
}

// origins builds one to four configured entries, sometimes "*" or "null".
func (p *picker) origins() []string {
	n := 1 + int(p.byte()%4)
	out := make([]string, 0, n)
	for range n {
		switch p.byte() % 16 {
		case 0:
			out = append(out, "*")
		case 1:
			out = append(out, "null")
		default:
			out = append(out, p.origin())
		}
	}
	return out
}

var (
	fragMethods = []string{"PUT", "DELETE", "PATCH", "*", "put", "CONNECT", "GET", "X-CUSTOM", "BAD METHOD", "purge"}
	fragHeaders = []string{"X-Token", "content-type", "Authorization", "*", "x-a", "X-B", "x-token",
		"Cookie", "Sec-Fetch-Mode", "access-control-allow-origin", "bad header", "X-Ünicode", "x_underscore"}
	fragExpose = []string{"X-Exposed", "*", "Set-Cookie", "x-request-id", "bad header"}
)

func (p *picker) list(frags []string, most int) []string {
	n := int(p.byte()) % (most + 1)
	var out []string
	for range n {
		out = append(out, p.pick(frags))
	}
	return out
}

// config builds a whole Config from fragments.
func (p *picker) config() core.Config {
	return core.Config{
		Origins:                         p.origins(),
		Credentials:                     p.bit(),
		Methods:                         p.list(fragMethods, 3),
		RequestHeaders:                  p.list(fragHeaders, 3),
		ExposedHeaders:                  p.list(fragExpose, 2),
		PassPreflight:                   p.bit(),
		PrivateNetwork:                  p.bit(),
		DangerouslyAllowInsecureOrigins: p.bit(),
	}
}

// lines splits a fuzzed header value into header lines on '\n', the one
// byte no real header line holds: "" is no line at all.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
