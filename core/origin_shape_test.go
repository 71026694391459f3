package core

import (
	"strings"
	"testing"
)

// refLooksLikeOrigin is looksLikeOrigin as it was written before it became
// one table-driven pass: the reference that the faster one must agree with
// on every input.
func refLooksLikeOrigin(o string) bool {
	if len(o) > maxMalformedOriginLen {
		return false
	}
	scheme := 0
	for scheme < len(o) && o[scheme] != ':' {
		scheme++
	}
	if scheme == 0 || len(o) < scheme+4 || o[scheme:scheme+3] != "://" || !isScheme(o[:scheme]) {
		return false
	}
	hostPort := o[scheme+3:]
	if hostPort == "" {
		return false
	}
	if i := strings.LastIndexByte(hostPort, ':'); i >= 0 && !strings.HasSuffix(hostPort, "]") {
		if i == 0 || !isRequestPort(hostPort[i+1:]) {
			return false
		}
		hostPort = hostPort[:i]
	}
	for i := 0; i < len(hostPort); i++ {
		c := hostPort[i]
		if !isHostByte(c) && c != '.' && c != ':' && c != '[' && c != ']' {
			return false
		}
	}
	return true
}

var originShapes = []struct {
	origin string
	ok     bool
}{
	{"https://app.example.com", true},
	{"http://localhost:8080", true},
	{"http://[::1]", true},
	{"http://[::1]:3000", true},
	{"https://a_b.example", true},
	{"https://app.example.com:", false},
	{"https://app.example.com:0", false},
	{"https://app.example.com:65536", false},
	{"https://:443", false},
	{"https://", false},
	{"://app.example.com", false},
	{"HTTPS://app.example.com", false},
	{"https://App.example.com", false},
	{"https://app.example.com/", false},
	{"https//app.example.com", false},
	{"null", false},
	{"https://app.example.com%2F", false},
}

func TestLooksLikeOrigin(t *testing.T) {
	for _, c := range originShapes {
		if got := looksLikeOrigin(c.origin); got != c.ok {
			t.Errorf("looksLikeOrigin(%q) = %v, want %v", c.origin, got, c.ok)
		}
		if ref := refLooksLikeOrigin(c.origin); ref != c.ok {
			t.Errorf("the reference says %v for %q, the table %v", ref, c.origin, c.ok)
		}
	}
}

func FuzzLooksLikeOrigin(f *testing.F) {
	for _, c := range originShapes {
		f.Add(c.origin)
	}
	f.Fuzz(func(t *testing.T, o string) {
		if got, want := looksLikeOrigin(o), refLooksLikeOrigin(o); got != want {
			t.Fatalf("looksLikeOrigin(%q) = %v, the reference %v", o, got, want)
		}
	})
}
