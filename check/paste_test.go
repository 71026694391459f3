package check

import (
	"slices"
	"strings"
	"testing"
)

// Copies as Chromium's DevTools writes them (Network panel, right click,
// Copy as cURL (bash) / Copy as fetch), for a PUT with a JSON body, a
// bearer token and cookies, from a page on http://localhost:5173.
const (
	chromiumCurl = `curl 'https://api.example.com/items/7?x=1' \
  -X 'PUT' \
  -H 'accept: */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'authorization: Bearer eyJhbGciOi' \
  -H 'content-type: application/json' \
  -b 'session=abc; theme=dark' \
  -H 'origin: http://localhost:5173' \
  -H 'priority: u=1, i' \
  -H 'referer: http://localhost:5173/' \
  -H 'sec-ch-ua: "Chromium";v="156", "Not-A.Brand";v="24"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "Linux"' \
  -H 'sec-fetch-dest: empty' \
  -H 'sec-fetch-mode: cors' \
  -H 'sec-fetch-site: cross-site' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36' \
  -H 'x-request-id: 42' \
  --data-raw $'{"name":"it\'s \\u00e9"}' \
  --compressed`

	chromiumFetch = `fetch("https://api.example.com/items/7?x=1", {
  "headers": {
    "accept": "*/*",
    "accept-language": "en-GB,en;q=0.9",
    "authorization": "Bearer eyJhbGciOi",
    "content-type": "application/json",
    "priority": "u=1, i",
    "sec-ch-ua": "\"Chromium\";v=\"156\", \"Not-A.Brand\";v=\"24\"",
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": "\"Linux\"",
    "sec-fetch-dest": "empty",
    "sec-fetch-mode": "cors",
    "sec-fetch-site": "cross-site",
    "x-request-id": "42"
  },
  "referrer": "http://localhost:5173/",
  "body": "{\"name\":\"x\"}",
  "method": "PUT",
  "mode": "cors",
  "credentials": "include"
});`
)

func TestParsePaste(t *testing.T) {
	want := Call{URL: "https://api.example.com/items/7?x=1", Origin: "http://localhost:5173", Method: "PUT", Credentials: true,
		Headers: []Header{{"accept", "*/*"}, {"accept-language", "en-GB,en;q=0.9"}, {"authorization", "Bearer eyJhbGciOi"}, {"content-type", "application/json"}, {"x-request-id", "42"}}}
	for name, paste := range map[string]string{"curl": chromiumCurl, "fetch": chromiumFetch} {
		p, err := ParsePaste(paste)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		c := p.Call
		if c.URL != want.URL || c.Origin != want.Origin || c.Method != want.Method || c.Credentials != want.Credentials || !slices.Equal(c.Headers, want.Headers) {
			t.Errorf("%s: got %+v\nwant %+v", name, c, want)
		}
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if pl := Classify(&c); !pl.Preflight || !slices.Equal(pl.Unsafe, []string{"authorization", "content-type", "x-request-id"}) {
			t.Errorf("%s: plan %+v", name, pl)
		}
	}
	p, _ := ParsePaste(chromiumCurl)
	notes := strings.Join(p.Notes, "\n")
	for _, s := range []string{"ignored the curl option --compressed", "credentials", "body is not sent"} {
		if !strings.Contains(notes, s) {
			t.Errorf("curl notes lack %q:\n%s", s, notes)
		}
	}
	p, _ = ParsePaste(chromiumFetch)
	if notes := strings.Join(p.Notes, "\n"); !strings.Contains(notes, "took the page's origin http://localhost:5173 from its referrer") {
		t.Errorf("fetch notes:\n%s", notes)
	}
}

func TestParsePasteForms(t *testing.T) {
	tests := []struct {
		paste string
		want  Call
	}{
		{`curl 'http://127.0.0.1:8080/api' -H 'Origin: https://app.example'`, Call{URL: "http://127.0.0.1:8080/api", Origin: "https://app.example", Method: "GET"}},
		{`curl "http://h.example/a" --data-raw 'a=1' -H "content-type: application/x-www-form-urlencoded"`, Call{URL: "http://h.example/a", Method: "POST", Headers: []Header{{"content-type", "application/x-www-form-urlencoded"}}}},
		{"curl 'http://h.example/a' \\\r\n  -X 'DELETE' \\\r\n  -H 'cookie: a=b' -A 'agent' -k", Call{URL: "http://h.example/a", Method: "DELETE", Credentials: true}},
		{`fetch("http://h.example/a");`, Call{URL: "http://h.example/a", Method: "GET"}},
		{`fetch("http://h.example/a", {"method": "patch", "credentials": "same-origin", "headers": {"x-a": "1"}});`, Call{URL: "http://h.example/a", Method: "patch", Headers: []Header{{"x-a", "1"}}}},
	}
	for _, tt := range tests {
		p, err := ParsePaste(tt.paste)
		if err != nil {
			t.Errorf("%s: %v", tt.paste, err)
			continue
		}
		c := p.Call
		if c.URL != tt.want.URL || c.Origin != tt.want.Origin || c.Method != tt.want.Method || c.Credentials != tt.want.Credentials || !slices.Equal(c.Headers, tt.want.Headers) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tt.paste, c, tt.want)
		}
	}
	for _, bad := range []string{"wget http://x", `curl 'http://x`, "curl -X PUT", `fetch(http://x)`, `fetch("http://x", {"headers": 1});`} {
		if _, err := ParsePaste(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Copies as Chromium 156's DevTools writes them (NetworkLogView's
// generateCurlCommand and generateFetchCall): the cURL copy starts with
// --url, writes cookies with -b, the body last and --insecure for a plain
// HTTP answer; a request the browser never sent (its preflight failed) is
// copied with the headers the page asked for, without Origin or cookies.
const (
	chromium156Sent = `curl --url 'http://127.0.0.1:41000/api?paste=4' \
  -X 'PUT' \
  -H 'Accept: */*' \
  -H 'Accept-Language: en-US,en;q=0.9' \
  -H 'Cache-Control: no-cache' \
  -H 'Connection: keep-alive' \
  -b 'crossgate_demo=chocolate-chip; session=s3cr3t' \
  -H 'Origin: http://127.0.0.1:40000' \
  -H 'Pragma: no-cache' \
  -H 'Referer: http://127.0.0.1:40000/' \
  -H 'Sec-Fetch-Dest: empty' \
  -H 'Sec-Fetch-Mode: cors' \
  -H 'Sec-Fetch-Site: same-site' \
  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36' \
  -H 'X-Token: 1' \
  -H 'sec-ch-ua: "Not:A-Brand";v="8", "Chromium";v="156"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "Linux"' \
  --data-raw $'{"it\'s":"\u00e9"}' \
  --insecure`
	chromium156Unsent = `curl --url 'http://127.0.0.1:41000/api?paste=4' \
  -X 'PUT' \
  -H 'Referer: http://127.0.0.1:40000/' \
  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36' \
  -H 'X-Token: 1' \
  -H 'sec-ch-ua: "Not:A-Brand";v="8", "Chromium";v="156"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-ch-ua-platform: "Linux"' \
  --data-raw $'{"it\'s":"\u00e9"}'`
	chromium156Fetch = `fetch("http://127.0.0.1:41000/api?paste=6", {
  "headers": {
    "authorization": "Bearer t0k",
    "sec-ch-ua": "\"Not:A-Brand\";v=\"8\", \"Chromium\";v=\"156\"",
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": "\"Linux\""
  },
  "referrer": "http://127.0.0.1:40000/",
  "body": null,
  "method": "GET",
  "mode": "cors",
  "credentials": "include"
});`
)

func TestParsePasteChromium156(t *testing.T) {
	const url, page = "http://127.0.0.1:41000/api?paste=4", "http://127.0.0.1:40000"
	tests := []struct {
		name, paste string
		want        Call
		unsent      bool
		note        string
	}{
		{"sent", chromium156Sent, Call{URL: url, Origin: page, Method: "PUT", Credentials: true, Headers: []Header{{"Accept", "*/*"}, {"Accept-Language", "en-US,en;q=0.9"}, {"X-Token", "1"}}}, false, "ignored the curl option --insecure"},
		{"never sent", chromium156Unsent, Call{URL: url, Origin: page, Method: "PUT", Headers: []Header{{"X-Token", "1"}}}, true, "never sent this request"},
		{"fetch with Authorization", chromium156Fetch, Call{URL: "http://127.0.0.1:41000/api?paste=6", Origin: page, Method: "GET", Credentials: true, Headers: []Header{{"authorization", "Bearer t0k"}}}, false, "--credentials=false"},
		{"fetch omit", strings.Replace(chromium156Fetch, `"include"`, `"omit"`, 1), Call{URL: "http://127.0.0.1:41000/api?paste=6", Origin: page, Method: "GET", Headers: []Header{{"authorization", "Bearer t0k"}}}, false, "add --credentials"},
	}
	for _, tt := range tests {
		p, err := ParsePaste(tt.paste)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		c := p.Call
		if c.URL != tt.want.URL || c.Origin != tt.want.Origin || c.Method != tt.want.Method || c.Credentials != tt.want.Credentials || !slices.Equal(c.Headers, tt.want.Headers) || p.Unsent != tt.unsent {
			t.Errorf("%s: got %+v unsent=%v\nwant %+v unsent=%v", tt.name, c, p.Unsent, tt.want, tt.unsent)
		}
		if notes := strings.Join(p.Notes, "\n"); !strings.Contains(notes, tt.note) {
			t.Errorf("%s: notes lack %q:\n%s", tt.name, tt.note, notes)
		}
	}
}
