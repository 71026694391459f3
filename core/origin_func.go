package core

import (
	"fmt"
	"log/slog"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync/atomic"
)

// originProbe is the origin New asks an OriginFunc about: no site can have
// it (RFC 2606 reserves the .invalid top-level domain), so a function that
// approves it approves every origin.
const originProbe = "https://crossgate-probe.invalid"

// maxFuncOrigin is the longest origin an OriginFunc is shown: "https://",
// a host at DNS's 253-byte cap, and a port.
const maxFuncOrigin = len("https://") + maxHostLen + len(":65535")

// originFunc is a compiled Config.OriginFunc: the function, the rules that
// guard it, and the flag that reports its first panic only.
type originFunc struct {
	fn func(origin string) bool
	// insecureRefused refuses an approved plain-http origin that is not
	// loopback: Credentials without DangerouslyAllowInsecureOrigins.
	insecureRefused bool
	panicked        atomic.Bool
}

// compileOriginFunc checks cfg.OriginFunc: it must not approve an origin
// no site can have, and it cannot be asked anything under "*".
func compileOriginFunc(cfg Config, anyOrigin bool, ps *problems) *originFunc {
	if cfg.OriginFunc == nil {
		return nil
	}
	if anyOrigin {
		ps.add("OriginFunc", -1, "*", `OriginFunc is never asked when Origins holds "*", which allows every origin`,
			`remove "*" from Origins and list the origins you know, or remove OriginFunc`)
		return nil
	}
	f := &originFunc{fn: cfg.OriginFunc, insecureRefused: cfg.Credentials && !cfg.DangerouslyAllowInsecureOrigins}
	approved, panicked := f.ask(originProbe)
	switch {
	case panicked != nil:
		ps.add("OriginFunc", -1, originProbe, fmt.Sprintf("panicked when asked about a well-formed origin: %v", panicked),
			"return false for an origin you do not know, without panicking")
	case approved:
		ps.add("OriginFunc", -1, originProbe,
			"approves "+originProbe+", an origin no site can have (.invalid is reserved): it approves every origin, and every site's scripts could read your responses",
			"return true only for origins your application knows, such as those of the tenants in its database")
	}
	return f
}

// ask calls the function, recovering a panic.
func (f *originFunc) ask(origin string) (approved bool, panicked any) {
	defer func() {
		if v := recover(); v != nil {
			panicked = v
		}
	}()
	return f.fn(origin), nil
}

// verdict is the function's answer for the one Origin line of a request
// that no static entry matched: ReasonNone when it approves.
//
// It is shown only a well-formed serialized origin; a value a browser
// never sends is refused without asking (ReasonOriginNotAllowed, which
// originRefusal refines into malformed or null).
func (f *originFunc) verdict(origin string) ReasonCode {
	scheme, host, ok := splitSerializedOrigin(origin)
	if !ok {
		return ReasonOriginNotAllowed
	}
	if f.insecureRefused && scheme == "http" && !loopbackHost(host) {
		return ReasonOriginInsecure
	}
	// The function gets a copy of its own: an adapter's strings may view a
	// buffer the server reuses for the connection's next request (fasthttp
	// does), and a function that keeps what it approved (a cache, a memo)
	// would otherwise find another origin under the same string later. The
	// copy is the one allocation of a request that asks the function.
	approved, panicked := f.ask(strings.Clone(origin))
	if panicked != nil {
		f.reportPanic(panicked)
		return ReasonOriginFuncPanicked
	}
	if !approved {
		return ReasonOriginFuncRefused
	}
	return ReasonNone
}

// reportPanic logs the function's first panic; later ones only refuse.
func (f *originFunc) reportPanic(v any) {
	if f.panicked.Swap(true) {
		return
	}
	defer func() { _ = recover() }() // even a panicking logger stays in here
	slog.Default().Error("crossgate: OriginFunc panicked; the request was refused, and further panics are not logged",
		slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
}

// splitSerializedOrigin checks that o is an origin as a browser serializes
// it (Fetch, #ascii-serialization-of-an-origin, for http and https): a
// lower-case scheme, "://", a lower-case host (a name of letters, digits,
// hyphens and underscores in non-empty labels, or an IP address), and a
// port other than the scheme's default, without a leading zero. Nothing
// longer than maxFuncOrigin is read.
func splitSerializedOrigin(o string) (scheme, host string, ok bool) {
	if len(o) > maxFuncOrigin {
		return "", "", false
	}
	switch {
	case strings.HasPrefix(o, "https://"):
		scheme, host = "https", o[len("https://"):]
	case strings.HasPrefix(o, "http://"):
		scheme, host = "http", o[len("http://"):]
	default:
		return "", "", false
	}
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 || !validPort(scheme, host[end+1:]) {
			return "", "", false
		}
		a, err := netip.ParseAddr(host[1:end])
		if err != nil || !a.Is6() || a.Zone() != "" || "["+a.String()+"]" != host[:end+1] {
			return "", "", false
		}
		return scheme, host[:end+1], true
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		if !validPort(scheme, host[i:]) {
			return "", "", false
		}
		host = host[:i]
	}
	// Labels of host bytes, each of 1 to 63 (RFC 1035), as configured
	// entries and "*." patterns hold them: the URL parser does not check a
	// label's length, but no DNS name resolves past it
	// (FuzzDecideOriginFunc found a 64-byte label approved).
	if len(host) > maxHostLen || !isSubdomainPrefix(host) || !canonicalIPv4IfNumeric(host) {
		return "", "", false
	}
	return scheme, host, true
}

// canonicalIPv4IfNumeric: the URL parser reads a host whose last label is
// a number ("00", "1.2.3", "0x7f.1") as an IPv4 address and serializes it
// as four decimal parts (URL Standard, #ends-in-a-number-checker), so such
// a host is a browser's only when it is already in that form.
func canonicalIPv4IfNumeric(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	numeric := strings.HasPrefix(last, "0x")
	if !numeric {
		numeric = strings.Trim(last, "0123456789") == ""
	}
	if !numeric {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Is4() && a.String() == host
}

// validPort accepts "" or ":" followed by a port a browser would show:
// digits without a leading zero, at most 65535, not the scheme's default.
func validPort(scheme, p string) bool {
	if p == "" {
		return true
	}
	if p[0] != ':' || len(p) < 2 || len(p) > 6 || p[1] == '0' {
		return false
	}
	n := 0
	for i := 1; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n <= 65535 && !(scheme == "https" && n == 443) && !(scheme == "http" && n == 80)
}

// loopbackHost tells whether a request's host is the machine itself, the
// only plain-http origin that Credentials allow by default.
func loopbackHost(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || host == "[::1]" {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}
