package core

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"
)

func TestScopePathCleans(t *testing.T) {
	long := "/" + strings.Repeat("a", 300)
	tests := []struct {
		raw string
		// separated and kept are the cleaned path with an encoded slash
		// read as a separator and as a byte of its segment ("" is the root).
		separated, kept string
	}{
		{"/admin/users", "/admin/users", "/admin/users"},
		{"", "", ""},
		{"/", "", ""},
		{"*", "/*", "/*"},
		{"admin", "/admin", "/admin"},
		{"//admin//users/", "/admin/users", "/admin/users"},
		{"/./admin/.", "/admin", "/admin"},
		{"/x/../admin", "/admin", "/admin"},
		{"/x/..", "", ""},
		{"/../../admin", "/admin", "/admin"},
		{"/a/b/../../../c", "/c", "/c"},
		{"/.../admin", "/.../admin", "/.../admin"},
		{"/.well-known/x", "/.well-known/x", "/.well-known/x"},
		{"/%61dmin/users", "/admin/users", "/admin/users"},
		{"/%41DMIN", "/ADMIN", "/ADMIN"},
		{"/x/%2E%2E/admin", "/admin", "/admin"},
		{"/x/.%2e/admin", "/admin", "/admin"},
		{"/x/%2E/admin", "/x/admin", "/x/admin"},
		{"/x/..%2Fadmin", "/admin", "/x/..%2Fadmin"},
		{"/x/..%2fadmin", "/admin", "/x/..%2Fadmin"},
		{"/admin%2Fusers", "/admin/users", "/admin%2Fusers"},
		{"/a%2F%2F/b", "/a/b", "/a%2F%2F/b"},
		{"/%252F", "/%2F", "/%2F"},
		{"/%zz/%4", "/%zz/%4", "/%zz/%4"},
		{"/%", "/%", "/%"},
		{"/a%00b", "/a\x00b", "/a\x00b"},
		{long + "/../admin", "/admin", "/admin"},
		{long + "/b/c/../../../admin", "/admin", "/admin"},
	}
	for _, tt := range tests {
		var s scopePath
		slash := s.clean(tt.raw, true)
		if got := string(s.bytes()); got != tt.separated {
			t.Errorf("clean(%q), %%2F a separator: %q, want %q", tt.raw, got, tt.separated)
		}
		if want := strings.Contains(strings.ToLower(tt.raw), "%2f"); slash != want {
			t.Errorf("clean(%q) reports an encoded slash: %v, want %v", tt.raw, slash, want)
		}
		s.clean(tt.raw, false)
		if got := string(s.bytes()); got != tt.kept {
			t.Errorf("clean(%q), %%2F kept: %q, want %q", tt.raw, got, tt.kept)
		}
	}
}

// TestScopePathBeyondTheBuffer: a path longer than the buffer keeps its
// first bytes, and ".." still removes the right segment, whether it lies
// in the buffer, across its end or beyond it.
func TestScopePathBeyondTheBuffer(t *testing.T) {
	size := len(scopePath{}.buf)
	head := "/" + strings.Repeat("h", size-10)
	tests := []string{
		head + "/straddling-the-end-of-the-buffer/../admin",
		head + "/straddling-the-end-of-the-buffer/beyond/../../admin",
		head + "/s/" + strings.Repeat("b", 2*size) + "/c/../../x/y/z/../../../../admin/users",
		"/" + strings.Repeat("x/", size) + strings.Repeat("../", size) + "admin",
		"/" + strings.Repeat("x/", size) + strings.Repeat("../", 2*size) + "admin",
		head + "/exact" + strings.Repeat("/", 20) + "tail",
	}
	for _, raw := range tests {
		want := path.Clean(raw)
		if len(want) > size {
			want = want[:size]
		}
		var s scopePath
		s.clean(raw, true)
		if got := string(s.bytes()); got != want {
			t.Errorf("clean(%.40q...): %q, want %q", raw, got, want)
		}
	}
}

func TestIsCleanPathAgreesWithClean(t *testing.T) {
	for _, p := range []string{
		"/admin/users", "/admin/users/", "/", "/.well-known/x", "/a.b/c..", "/...",
		"//admin", "/a//b", "/./a", "/a/.", "/a/..", "/a/../b", "/%61", "", "admin", "/a/.b/..c",
	} {
		var s scopePath
		s.clean(p, true)
		cleaned := string(s.bytes())
		same := cleaned == strings.TrimSuffix(p, "/") || (cleaned == "" && p == "/")
		if isCleanPath(p) && !same {
			t.Errorf("isCleanPath(%q) but it cleans to %q", p, cleaned)
		}
	}
	for _, p := range []string{"/admin/users", "/admin/users/", "/", "/a.b/c..", "/api/v1.2/x"} {
		if !isCleanPath(p) {
			t.Errorf("isCleanPath(%q) is false: a path without %%, // or /. is clean", p)
		}
	}
}

func TestScopeDecidesOnTheCleanedPath(t *testing.T) {
	site, _, _ := layered(t)
	const evil, admin = "https://evil.example.com", "https://admin.example.com"
	tests := []struct {
		path, origin, method string
		allowed              bool
		reason               ReasonCode
	}{
		{"//admin/users", evil, "DELETE", false, ReasonOriginNotAllowed},
		{"/%61dmin/users", evil, "DELETE", false, ReasonOriginNotAllowed},
		{"/%61dmin/users", admin, "PUT", true, ReasonNone},
		{"/home/../admin/users", evil, "DELETE", false, ReasonOriginNotAllowed},
		{"/home/%2e%2e/admin/users", evil, "DELETE", false, ReasonOriginNotAllowed},
		{"/admin/../home", evil, "DELETE", true, ReasonNone},
		{"/admin/x/../audit/log", admin, "PUT", false, ReasonOriginNotAllowed},
		{"/home/..%2Fadmin/users", evil, "DELETE", false, ReasonPathAmbiguous},
		{"/home/..%2Fadmin/users", admin, "PUT", false, ReasonPathAmbiguous},
		{"/admin%2Fusers", evil, "DELETE", false, ReasonPathAmbiguous},
		// Both readings under one scope: that scope decides.
		{"/admin/users%2F..%2Fx", admin, "PUT", true, ReasonNone},
		{"/home/a%2Fb", evil, "DELETE", true, ReasonNone},
	}
	for _, tt := range tests {
		r := preflight(tt.origin, tt.method)
		r.Path = tt.path
		d := site.Decide(r)
		if d.Allowed != tt.allowed || d.Reason().Code != tt.reason {
			t.Errorf("preflight %s %s from %s: allowed %v (%s), want %v with reason %d", tt.method, tt.path, tt.origin, d.Allowed, d.Reason(), tt.allowed, tt.reason)
		}
		if got := site.Explain(Probe{Origin: tt.origin, Method: tt.method, Path: tt.path}); got.Allowed != tt.allowed || got.Reason.Code != tt.reason {
			t.Errorf("Explain %s %s from %s: %s; want allowed %v, reason %d", tt.method, tt.path, tt.origin, got, tt.allowed, tt.reason)
		}
	}
}

// TestAmbiguousPathIsRefusedAndReported: a path whose readings fall under
// different scopes gets no CORS header, preflight or not, with an Origin or
// without, and the router-level policy's hook hears of it with a bounded
// copy of the path.
func TestAmbiguousPathIsRefusedAndReported(t *testing.T) {
	site, _, _ := layered(t)
	var got []Refusal
	site.OnRefusal(func(r Refusal) { got = append(got, r) })
	ambiguous := "/home/..%2Fadmin/" + strings.Repeat("u", 1000)

	pre := preflight("https://evil.example.com", "DELETE")
	pre.Path = ambiguous
	d := site.Decide(pre)
	if d.Kind != Preflight || d.Allowed || !d.End || d.Status != 403 || d.Len() != 0 {
		t.Errorf("preflight: kind %v allowed %v end %v status %d, %d headers; want an ended 403 without headers", d.Kind, d.Allowed, d.End, d.Status, d.Len())
	}
	actual := Request{Method: "GET", Origin: []string{"https://admin.example.com"}, Path: ambiguous}
	if d := site.Decide(actual); d.Kind != Actual || d.Allowed || d.End || d.Len() != 0 || len(d.Vary) == 0 {
		t.Errorf("actual: kind %v allowed %v end %v, %d headers, Vary %q; want refused, handed on, no headers, Vary", d.Kind, d.Allowed, d.End, d.Len(), d.Vary)
	}
	if d := site.Decide(Request{Method: "GET", Path: ambiguous}); d.Kind != NotCORS || !d.Allowed || d.Len() != 0 {
		t.Errorf("without Origin: kind %v allowed %v, %d headers; want not CORS, no headers", d.Kind, d.Allowed, d.Len())
	}
	if len(got) != 2 {
		t.Fatalf("%d refusals reported, want 2", len(got))
	}
	for _, r := range got {
		if r.Reason.Code != ReasonPathAmbiguous || len(r.Path) > MaxRefusalValueLen || !strings.HasPrefix(r.Path, "/home/..%2Fadmin/") {
			t.Errorf("refusal %q: reason %d, path of %d bytes", r, r.Reason.Code, len(r.Path))
		}
		if !strings.Contains(r.String(), "is ambiguous") {
			t.Errorf("refusal line %q does not say the path is ambiguous", r)
		}
	}
}

func TestScopeRefusesALongPrefix(t *testing.T) {
	site := mustNew(t, Config{Origins: []string{"https://a.example.com"}})
	inner := mustNew(t, Config{Origins: []string{"https://b.example.com"}})
	if err := site.Scope("/"+strings.Repeat("a", maxScopePrefixLen-1), inner); err != nil {
		t.Errorf("a prefix of %d bytes refused: %v", maxScopePrefixLen, err)
	}
	err := site.Scope("/"+strings.Repeat("b", maxScopePrefixLen), inner)
	if err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("a prefix of %d bytes: %v, want refused as too long", maxScopePrefixLen+1, err)
	}
}

func TestScopedDecideDoesNotAllocate(t *testing.T) {
	site, _, _ := layered(t)
	for _, path := range []string{"/admin/users", "//admin/users", "/%61dmin/users", "/home/..%2Fadmin/users",
		"/" + strings.Repeat("a/", 500) + strings.Repeat("../", 400) + "admin"} {
		r := preflight("https://evil.example.com", "DELETE")
		r.Path = path
		if n := testing.AllocsPerRun(100, func() { site.Decide(r) }); n != 0 {
			t.Errorf("Decide of %.30q allocates %v times", path, n)
		}
	}
}

// FuzzScopePath compares the cleaning with path.Clean of the decoded path
// wherever that reading is the only one (no encoded slash) and net/http
// would accept the path (valid escapes), and checks that the two readings
// of an encoded slash agree on everything else.
func FuzzScopePath(f *testing.F) {
	for _, s := range []string{"/admin/users", "//a/../b", "/%61/%2e%2E/c", "/x/..%2Fy", "/a/./b/", "/../..", strings.Repeat("/ab/..", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var s scopePath
		slash := s.clean(raw, true)
		separated := string(s.bytes())
		s.clean(raw, false)
		kept := string(s.bytes())
		if !slash && separated != kept {
			t.Fatalf("%q has no encoded slash, yet its readings differ: %q and %q", raw, separated, kept)
		}
		if slash || !strings.HasPrefix(raw, "/") {
			return
		}
		decoded, err := url.PathUnescape(raw)
		if err != nil {
			return
		}
		want := path.Clean(decoded)
		if want == "/" {
			want = ""
		}
		if len(want) > len(s.buf) {
			want = want[:len(s.buf)]
		}
		if separated != want {
			t.Fatalf("clean(%q) = %q, path.Clean(url.PathUnescape) = %q", raw, separated, want)
		}
	})
}

// TestHTTPPathIsThePathAsSent: net/http adapters hand core the request
// target's path, escapes and all, in every form of target; when a
// middleware rewrote URL.Path, or the request was built rather than read,
// the rewritten path, escaped.
func TestHTTPPathIsThePathAsSent(t *testing.T) {
	tests := []struct {
		target, want string
	}{
		{"/admin/users?x=1", "/admin/users"},
		{"/%61dmin//users", "/%61dmin//users"},
		{"/home/..%2Fadmin", "/home/..%2Fadmin"},
		{"/a%3Fb?c", "/a%3Fb"},
		{"http://example.com/%61dmin?q", "/%61dmin"},
		{"http://example.com", ""},
		{"*", "*"},
	}
	for _, tt := range tests {
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader("OPTIONS " + tt.target + " HTTP/1.1\r\nHost: example.com\r\n\r\n")))
		if err != nil {
			t.Fatalf("%s: %v", tt.target, err)
		}
		if got := httpPath(r); got != tt.want {
			t.Errorf("target %q: path %q, want %q", tt.target, got, tt.want)
		}
	}
	r := httptest.NewRequest("GET", "/api/%61dmin/users", nil)
	var got string
	http.StripPrefix("/api", http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = httpPath(r) })).ServeHTTP(httptest.NewRecorder(), r)
	if got != "/%61dmin/users" {
		t.Errorf("under http.StripPrefix: %q, want the stripped path as sent", got)
	}
	built, _ := http.NewRequest("GET", "http://example.com/a%2Fb", nil)
	if got := httpPath(built); got != "/a%2Fb" {
		t.Errorf("a built request: %q, want %q", got, "/a%2Fb")
	}
	if n := testing.AllocsPerRun(100, func() { httpPath(r) }); n != 0 {
		t.Errorf("httpPath of a received request allocates %v times", n)
	}
}
