package core

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// rejection is a Config that New refuses, one per class of problem.
type rejection struct {
	name  string
	cfg   Config
	field string // where the first problem is
	fix   string // a part of its fix
}

// rejections are the classes of problem New reports (TestNewRejects),
// whose fixes TestFixesApply applies.
func rejections() []rejection {
	ok := Config{Origins: []string{"https://app.example.com"}}
	with := func(f func(*Config)) Config { c := ok; f(&c); return c }
	origins := func(o ...string) Config { return with(func(c *Config) { c.Origins = o }) }
	creds := func(o ...string) Config {
		return with(func(c *Config) { c.Origins = o; c.Credentials = true })
	}
	return []rejection{
		{"no origins", origins(), "Origins", `"*"`},
		{"empty origin", origins(""), "Origins[0]", "https://"},
		{"null", origins("null"), "Origins[0]", "real origin"},
		{"file", origins("file://"), "Origins[0]", "localhost"},
		{"no scheme", origins("app.example.com"), "Origins[0]", `"https://app.example.com"`},
		{"path", origins("https://app.example.com/api"), "Origins[0]", `"https://app.example.com"`},
		{"trailing slash", origins("https://app.example.com/"), "Origins[0]", `"https://app.example.com"`},
		{"query", origins("https://app.example.com?a"), "Origins[0]", `"https://app.example.com"`},
		{"fragment", origins("https://app.example.com#a"), "Origins[0]", `"https://app.example.com"`},
		{"userinfo", origins("https://u:p@app.example.com"), "Origins[0]", `"https://app.example.com"`},
		{"uppercase scheme", origins("HTTPS://app.example.com"), "Origins[0]", `"https://app.example.com"`},
		{"uppercase host", origins("https://App.Example.com"), "Origins[0]", `"https://app.example.com"`},
		{"default port", origins("https://app.example.com:443"), "Origins[0]", `"https://app.example.com"`},
		{"http default port", origins("http://localhost:80"), "Origins[0]", `"http://localhost"`},
		{"bad port", origins("https://app.example.com:99999"), "Origins[0]", `"https://app.example.com"`},
		{"leading zero port", origins("https://app.example.com:0443"), "Origins[0]", `"https://app.example.com"`},
		{"port word", origins("http://localhost:evil"), "Origins[0]", `"http://localhost"`},
		{"bad ipv4", origins("http://127.1"), "Origins[0]", `"http://127.0.0.1"`},
		{"hex ipv4", origins("http://0x7f.0.0.1:8080"), "Origins[0]", `"http://127.0.0.1:8080"`},
		{"not ipv4", origins("http://256.1.1.1"), "Origins[0]", "127.0.0.1"},
		{"ipv4 leading zero", origins("http://127.0.0.01"), "Origins[0]", "127.0.0.1"},
		{"bad ipv6", origins("http://[::g]"), "Origins[0]", "[::1]"},
		{"ipv6 not canonical", origins("http://[0:0::1]:8080"), "Origins[0]", `"http://[::1]:8080"`},
		{"unicode host", origins("https://bücher.example"), "Origins[0]", `"https://xn--bcher-kva.example"`},
		{"trailing dot", origins("https://example.com."), "Origins[0]", `"https://example.com"`},
		{"empty label", origins("https://a..example.com"), "Origins[0]", "app.example.com"},
		{"wildcard inside", origins("https://a*.example.com"), "Origins[0]", "*.example.com"},
		{"wildcard suffix", origins("https://example.*"), "Origins[0]", "*.example.com"},
		{"wildcard scheme", origins("*://example.com"), "Origins[0]", "https://"},
		{"double wildcard", origins("https://*.*.example.com"), "Origins[0]", "*.example.com"},
		{"star plus list", origins("*", "https://a.example"), "Origins", `"*" alone`},
		{"duplicate", origins("https://a.example", "https://a.example"), "Origins[1]", "remove"},
		{"star with credentials", creds("*"), "Origins[0]", "list the origins"},
		{"public suffix with credentials", creds("https://*.com"), "Origins[0]", "DangerouslyAllowInsecureOrigins"},
		{"private public suffix with credentials", creds("https://*.github.io"), "Origins[0]", "DangerouslyAllowInsecureOrigins"},
		{"plain http with credentials", creds("http://app.example.com"), "Origins[0]", `"https://app.example.com"`},
		{"bad method", with(func(c *Config) { c.Methods = []string{"PU T"} }), "Methods[0]", "PUT"},
		{"connect", with(func(c *Config) { c.Methods = []string{"CONNECT"} }), "Methods[0]", "remove"},
		{"trace", with(func(c *Config) { c.Methods = []string{"trace"} }), "Methods[0]", "remove"},
		{"track", with(func(c *Config) { c.Methods = []string{"TRACK"} }), "Methods[0]", "remove"},
		{"lowercase put", with(func(c *Config) { c.Methods = []string{"put"} }), "Methods[0]", `"PUT"`},
		{"bad header", with(func(c *Config) { c.RequestHeaders = []string{"X Token"} }), "RequestHeaders[0]", "X-Request-Id"},
		{"forbidden header", with(func(c *Config) { c.RequestHeaders = []string{"Cookie"} }), "RequestHeaders[0]", "remove"},
		{"proxy header", with(func(c *Config) { c.RequestHeaders = []string{"Proxy-Authorization"} }), "RequestHeaders[0]", "remove"},
		{"sec header", with(func(c *Config) { c.RequestHeaders = []string{"Sec-Fetch-Mode"} }), "RequestHeaders[0]", "remove"},
		{"cors header", with(func(c *Config) { c.RequestHeaders = []string{"Access-Control-Allow-Origin"} }), "RequestHeaders[0]", "remove"},
		{"set-cookie exposed", with(func(c *Config) { c.ExposedHeaders = []string{"Set-Cookie"} }), "ExposedHeaders[0]", "remove"},
		{"star exposed with credentials", with(func(c *Config) { c.ExposedHeaders = []string{"*"}; c.Credentials = true }), "ExposedHeaders[0]", "list"},
		{"max age too long", with(func(c *Config) { c.MaxAge = 25 * time.Hour }), "MaxAge", "24*time.Hour"},
		{"max age fraction", with(func(c *Config) { c.MaxAge = 1500 * time.Millisecond }), "MaxAge", "2*time.Second"},
		{"preflight status", with(func(c *Config) { c.PreflightStatus = 302 }), "PreflightStatus", "204"},
		{"preflight status 100", with(func(c *Config) { c.PreflightStatus = 100 }), "PreflightStatus", "204"},

		// What a new user writes, with a fix that applies at once.
		{"empty origin among others", origins("https://a.example", ""), "Origins[1]", "remove it"},
		{"origins pasted as one entry", origins("https://a.example.com, https://b.example.com"), "Origins[0]",
			`split them: write "https://a.example.com" and "https://b.example.com" as separate entries`},
		{"pasted origins with a bad part", origins("https://a.example.com https://B.example.com/"), "Origins[0]",
			`write "https://a.example.com" and "https://b.example.com"`},
		{"pasted origins with an unfixable part", origins("https://a.example.com, null"), "Origins[0]", "real origin"},
		{"pasted origins with star", origins("*, https://a.example.com"), "Origins[0]", `"*" and "https://a.example.com"`},
		{"stray comma", origins("https://a.example.com,"), "Origins[0]", `"https://a.example.com"`},
		{"surrounding whitespace", origins(" https://a.example.com\n"), "Origins[0]", `"https://a.example.com"`},
		{"only separators", origins("https://a.example", " , "), "Origins[1]", "remove it"},
		{"ip wildcard", origins("http://192.168.1.*"), "Origins[0]", "list each address"},
		{"ip wildcard pattern", origins("http://*.168.1.1"), "Origins[0]", "list each address"},
		{"host and port without scheme", origins("localhost:3000"), "Origins[0]", `"http://localhost:3000"`},
		{"loopback ip without scheme", origins("127.0.0.1:8080/app"), "Origins[0]", `"http://127.0.0.1:8080"`},
		{"domain and port without scheme", origins("app.example.com:443"), "Origins[0]", `"https://app.example.com"`},
		{"not an origin", origins("mailto:a"), "Origins[0]", "https://app.example.com"},
		{"default port and uppercase host", origins("https://App.Example.com:443"), "Origins[0]", `"https://app.example.com"`},
		{"uppercase scheme and default port", origins("HTTPS://x.example.com:443"), "Origins[0]", `"https://x.example.com"`},
		{"star host", origins("https://*"), "Origins[0]", `write "*" alone`},
		{"fix listed already", origins("https://A.example", "https://a.example"), "Origins[0]", `remove it: "https://a.example" is listed already`},
		{"fixes alike", origins("https://A.example", "https://a.Example"), "Origins[0]", `"https://a.example"`},
		{"uppercase http with credentials", creds("HTTP://App.example.com:80"), "Origins[0]", `"https://app.example.com"`},
		{"websocket with credentials", creds("ws://app.example.com"), "Origins[0]", `"https://app.example.com"`},
		{"methods pasted", with(func(c *Config) { c.Methods = []string{"PUT, patch,DELETE"} }), "Methods[0]",
			`"PUT", "patch" and "DELETE"`},
		{"methods pasted with fixes", with(func(c *Config) { c.Methods = []string{"put, CONNECT", "PUT"} }), "Methods[0]",
			`remove it: "PUT" is listed already`},
		{"lowercase and uppercase", with(func(c *Config) { c.Methods = []string{"delete", "DELETE"} }), "Methods[0]", "remove it"},
		{"star and lowercase method", with(func(c *Config) { c.Methods = []string{"*", "put"} }), "Methods[1]", `"PUT"`},
		{"empty method", with(func(c *Config) { c.Methods = []string{""} }), "Methods[0]", "remove it"},
		{"headers pasted", with(func(c *Config) { c.RequestHeaders = []string{"Content-Type, Authorization"} }), "RequestHeaders[0]",
			`split them: write "Content-Type" and "Authorization"`},
		{"headers pasted with star", with(func(c *Config) { c.RequestHeaders = []string{"*, Authorization"} }), "RequestHeaders[0]",
			`"*" and "Authorization"`},
		{"headers pasted with forbidden", with(func(c *Config) { c.RequestHeaders = []string{"X-Token, Cookie"} }), "RequestHeaders[0]",
			`write "X-Token" instead`},
		{"header listed twice", with(func(c *Config) { c.RequestHeaders = []string{"X-Token", "x-token"} }), "RequestHeaders[1]", "remove"},
		{"exposed pasted", with(func(c *Config) { c.ExposedHeaders = []string{"X-Request-Id,X-Total"} }), "ExposedHeaders[0]",
			`"X-Request-Id" and "X-Total"`},
		{"star exposed with others", with(func(c *Config) { c.ExposedHeaders = []string{"*", "X-Total"} }), "ExposedHeaders", `"*" alone`},
		{"max age in seconds", with(func(c *Config) { c.MaxAge = 600 }), "MaxAge", `600*time.Second ("10m0s")`},
		{"origin func with star", with(func(c *Config) { c.Origins = []string{"*"}; c.OriginFunc = func(string) bool { return false } }),
			"OriginFunc", "remove"},
		{"origin func approving everything", with(func(c *Config) { c.OriginFunc = func(string) bool { return true } }), "OriginFunc", "return true only"},
		{"origin func panicking", with(func(c *Config) { c.OriginFunc = func(string) bool { panic("no database") } }), "OriginFunc", "without panicking"},
		{"empty origin with origin func", with(func(c *Config) { c.Origins = []string{""}; c.OriginFunc = func(string) bool { return false } }),
			"Origins[0]", "remove it"},
		{"max age in seconds over a day", with(func(c *Config) { c.MaxAge = 100000 }), "MaxAge", `24*time.Hour ("24h0m0s")`},
	}
}

func TestNewRejects(t *testing.T) {
	for _, tt := range rejections() {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(tt.cfg)
			if err == nil || p != nil {
				t.Fatalf("New accepted %+v", tt.cfg)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *ConfigError", err)
			}
			if ce.where() != tt.field || !strings.Contains(ce.Fix, tt.fix) {
				t.Errorf("got %v (field %q, fix %q); want field %q and a fix containing %q", err, ce.where(), ce.Fix, tt.field, tt.fix)
			}
		})
	}
}

func TestNewReportsEveryProblem(t *testing.T) {
	_, err := New(Config{
		Origins:         []string{"https://a.example/", "null"},
		Methods:         []string{"CONNECT"},
		RequestHeaders:  []string{"Cookie"},
		MaxAge:          time.Millisecond,
		PreflightStatus: 500,
	})
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v is not a joined error", err)
	}
	if n := len(joined.Unwrap()); n != 6 {
		t.Errorf("got %d problems, want 6:\n%v", n, err)
	}
}

func TestNewAccepts(t *testing.T) {
	for _, cfg := range []Config{
		{Origins: []string{"*"}, Methods: []string{"*"}, RequestHeaders: []string{"*", "Authorization"}, ExposedHeaders: []string{"*"}},
		{Origins: []string{"https://*.example.com:*", "http://localhost:*", "http://127.0.0.1:8080", "http://[::1]:3000", "http://*.localhost"}, Credentials: true},
		{Origins: []string{"http://app.example.com", "https://*.github.io"}, Credentials: true, DangerouslyAllowInsecureOrigins: true},
		{Origins: []string{"https://*.com"}},
		{Origins: []string{"chrome-extension://abcdefghijklmnop"}, Methods: []string{"patch", "PATCH"}},
		{Origins: []string{"https://a.example"}, MaxAge: -1, PreflightStatus: 200},
		{Origins: []string{"https://a.example"}, MaxAge: 24 * time.Hour},
	} {
		if _, err := New(cfg); err != nil {
			t.Errorf("New(%+v): %v", cfg, err)
		}
	}
}

func TestReconfigureKeepsPolicyOnError(t *testing.T) {
	p, err := New(Config{Origins: []string{"https://a.example"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Reconfigure(Config{Origins: []string{"null"}}); err == nil {
		t.Fatal("Reconfigure accepted null")
	}
	if d := p.Decide(actual("GET", "https://a.example")); !d.Allowed {
		t.Fatal("a failed Reconfigure changed the policy")
	}
	if err := p.Reconfigure(Config{Origins: []string{"https://b.example"}}); err != nil {
		t.Fatal(err)
	}
	if d := p.Decide(actual("GET", "https://a.example")); d.Allowed {
		t.Fatal("Reconfigure did not replace the policy")
	}
}

func TestDecideAllocatesNothing(t *testing.T) {
	p, err := New(Config{
		Origins:        []string{"https://app.example.com", "https://*.example.org"},
		Methods:        []string{"PUT"},
		RequestHeaders: []string{"Content-Type", "X-Token"},
		ExposedHeaders: []string{"X-Request-Id"},
		Credentials:    true,
		MaxAge:         time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]Request{
		"not cors":         {Method: "GET"},
		"actual":           actual("GET", "https://app.example.com"),
		"actual pattern":   actual("GET", "https://a.example.org"),
		"actual refused":   actual("GET", "https://evil.test"),
		"preflight":        preflight("https://app.example.com", "PUT", "content-type,x-token"),
		"origin refused":   preflight("https://evil.test", "PUT"),
		"method refused":   preflight("https://app.example.com", "PATCH"),
		"header refused":   preflight("https://app.example.com", "PUT", "x-other"),
		"1 MiB of commas":  preflight("https://app.example.com", "PUT", strings.Repeat(",", 1<<20)),
		"64 KiB of origin": actual("GET", "https://"+strings.Repeat("a", 64<<10)),
	} {
		if n := testing.AllocsPerRun(100, func() { p.Decide(r) }); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}

func TestNewRejectsWhatMigrantsWrite(t *testing.T) {
	for _, tt := range []struct {
		cfg Config
		fix string
	}{
		{Config{Origins: []string{"https://a.example"}, MaxAge: 600}, "600*time.Second"},
		{Config{Origins: []string{"wss://a.example"}}, `"https://a.example"`},
		{Config{Origins: []string{`^https://.*\.example\.com$`}}, `"https://*.example.com"`},
	} {
		_, err := New(tt.cfg)
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(ce.Fix, tt.fix) {
			t.Errorf("New(%+v) = %v; want a fix containing %s", tt.cfg, err, tt.fix)
		}
	}
}
