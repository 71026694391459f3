package core

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestHeaderNeedsPreflight(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		{"Accept", "text/html", false},
		{"accept-language", "en-GB,en;q=0.9", false},
		{"Accept", "a(b)", true},
		{"Accept", strings.Repeat("a", 129), true},
		{"Content-Type", "text/plain;charset=UTF-8", false},
		{"CONTENT-TYPE", "multipart/form-data; boundary=x", false},
		{"Content-Type", "application/json", true},
		{"Range", "bytes=0-99", false},
		{"Range", "bytes=0-1,5-9", true},
		{"X-Requested-With", "XMLHttpRequest", true},
		{"X-Token", "t", true},
		{"Cookie", "a=b", false},
		{"Sec-Fetch-Site", "cross-site", false},
		{"Authorization", "Basic eDp5", false},
		{"User-Agent", "Mozilla/5.0", false},
		{"X-Forwarded-For", "10.0.0.1", false},
		{"If-None-Match", `"x"`, false},
	}
	for _, tt := range tests {
		if got := HeaderNeedsPreflight(tt.name, tt.value); got != tt.want {
			t.Errorf("HeaderNeedsPreflight(%q, %q) = %v, want %v", tt.name, tt.value, got, tt.want)
		}
	}
}

// TestSettle checks what a policy does to its decision when an earlier
// layer decided the request (issue 19, item 3).
func TestSettle(t *testing.T) {
	var log bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))

	strict := mustNew(t, Config{Origins: []string{"https://admin.example.com"}, Methods: []string{"PUT"}})
	no := func() bool { return false }
	yes := func() bool { return true }
	tests := []struct {
		name           string
		r              Request
		earlier        Earlier
		needsPreflight func() bool
		allowed, end   bool
	}{
		{"no earlier layer", actual("DELETE", "https://evil.example.com"), NoEarlierLayer, no, false, false},
		{"DELETE the earlier layer's preflight let through", actual("DELETE", "https://evil.example.com"), EarlierAllowed, no, false, true},
		{"GET with a header only a preflight lets through", actual("GET", "https://evil.example.com"), EarlierAllowed, yes, false, true},
		{"simple GET", actual("GET", "https://evil.example.com"), EarlierAllowed, no, false, false},
		{"simple POST, no header check", actual("POST", "https://evil.example.com"), EarlierAllowed, nil, false, false},
		{"same-origin DELETE needs no preflight", Request{Method: "DELETE", Origin: []string{"https://site.example.com"}, Host: "site.example.com"}, EarlierAllowed, no, false, false},
		{"same-origin behind a TLS proxy", Request{Method: "DELETE", Origin: []string{"https://site.example.com"}, Host: "site.example.com", Scheme: "http"}, EarlierAllowed, no, false, false},
		{"allowed by both", actual("PUT", "https://admin.example.com"), EarlierAllowed, yes, true, false},
		{"an earlier policy refused: it stays refused", actual("GET", "https://admin.example.com"), EarlierRefused, no, false, false},
	}
	for _, tt := range tests {
		d := strict.Decide(tt.r)
		strict.Settle(&d, &tt.r, tt.earlier, tt.needsPreflight)
		if d.Allowed != tt.allowed || d.End != tt.end || tt.end && (d.Status != StatusStackedRefused || d.Len() != 0) ||
			tt.earlier == EarlierRefused && d.Len() != 0 {
			t.Errorf("%s: allowed %v, end %v, status %d, %d fields; want allowed %v, end %v", tt.name, d.Allowed, d.End, d.Status, d.Len(), tt.allowed, tt.end)
		}
	}
	if n := strings.Count(log.String(), "site.Scope(prefix, policy)"); n != 1 {
		t.Errorf("the stacking was logged %d times, want once:\n%s", n, log.String())
	}
}
