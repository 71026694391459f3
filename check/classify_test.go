package check

import (
	"slices"
	"strings"
	"testing"
)

// TestClassify: whether fetch() preflights, by method, header name and
// value (Fetch, #cors-safelisted-request-header; the values follow
// web-platform-tests' not-cors-safelisted.json and
// cors-safelisted-request-header.any.js).
func TestClassify(t *testing.T) {
	tests := []struct {
		method  string
		headers []Header
		unsafe  []string
		pre     bool
	}{
		{"get", nil, nil, false},
		{"HEAD", nil, nil, false},
		{"post", []Header{{"Content-Type", "Text/Plain;charset=utf-8"}}, nil, false},
		{"POST", []Header{{"Content-Type", "application/x-www-form-urlencoded"}}, nil, false},
		{"POST", []Header{{"Content-Type", "multipart/form-data; boundary=x"}}, nil, false},
		{"POST", []Header{{"Content-Type", "application/json"}}, []string{"content-type"}, true},
		{"POST", []Header{{"Content-Type", "text/plain,x/x"}}, []string{"content-type"}, true},
		{"POST", []Header{{"Content-Type", "text /plain"}}, []string{"content-type"}, true},
		{"POST", []Header{{"Content-Type", "text/plain; a=\"b\""}}, []string{"content-type"}, true},
		{"GET", []Header{{"Accept", "\""}}, []string{"accept"}, true},
		{"GET", []Header{{"Accept", strings.Repeat("a", 129)}}, []string{"accept"}, true},
		{"GET", []Header{{"Accept", "application/json"}}, nil, false},
		{"GET", []Header{{"Accept-Language", "@"}}, []string{"accept-language"}, true},
		{"GET", []Header{{"Content-Language", "en-GB, fr;q=0.5"}}, nil, false},
		{"GET", []Header{{"Range", "bytes=0-"}}, nil, false},
		{"GET", []Header{{"Range", "bytes=0-10"}}, nil, false},
		{"GET", []Header{{"Range", "bytes=10-0"}}, []string{"range"}, true},
		{"GET", []Header{{"Range", "bytes=-500"}}, []string{"range"}, true},
		{"GET", []Header{{"Range", "bytes 0-"}}, []string{"range"}, true},
		{"GET", []Header{{"Authorization", "Bearer x"}}, []string{"authorization"}, true},
		{"GET", []Header{{"X-B", "1"}, {"x-a", "1"}, {"X-b", "2"}}, []string{"x-a", "x-b"}, true},
		{"PUT", nil, nil, true},
		{"patch", nil, nil, true},
		{"GET", []Header{{"Accept", strings.Repeat("a", 128)}, {"Accept-Language", strings.Repeat("b", 128)},
			{"Content-Language", strings.Repeat("c", 128)}, {"Accept", strings.Repeat("a", 128)}, {"Accept", strings.Repeat("a", 128)},
			{"Accept", strings.Repeat("a", 128)}, {"Accept", strings.Repeat("a", 128)}, {"Accept", strings.Repeat("a", 128)},
			{"Accept", "x"}}, []string{"accept", "accept-language", "content-language"}, true},
	}
	for _, tt := range tests {
		c := Call{Method: tt.method, Headers: tt.headers}
		p := Classify(&c)
		if p.Preflight != tt.pre || !slices.Equal(p.Unsafe, tt.unsafe) {
			t.Errorf("%s %v: preflight %v unsafe %q, want %v %q (%s)", tt.method, tt.headers, p.Preflight, p.Unsafe, tt.pre, tt.unsafe, p.Why)
		}
	}
}

func TestValidateOrigin(t *testing.T) {
	good := []string{"https://app.example", "http://localhost:5173", "null", "http://[::1]:8080", "https://a.example:8443"}
	bad := []string{"", "app.example", "https://App.example", "https://app.example/", "https://app.example/x",
		"https://app.example:443", "http://a.example:80", "https://u@app.example", "https://app.example?", "*"}
	for _, o := range good {
		if err := ValidateOrigin(o); err != nil {
			t.Errorf("%q: %v", o, err)
		}
	}
	for _, o := range bad {
		if err := ValidateOrigin(o); err == nil {
			t.Errorf("%q accepted", o)
		}
	}
}

func TestParseHeader(t *testing.T) {
	h, err := ParseHeader("X-Token:  a: b ")
	if err != nil || h != (Header{"X-Token", "a: b"}) {
		t.Errorf("got %+v, %v", h, err)
	}
	for _, s := range []string{"X-Token", "bad name: 1", ": 1", "Cookie: a=b", "Sec-Fetch-Mode: no-cors", "Origin: https://x.example"} {
		if _, err := ParseHeader(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}
