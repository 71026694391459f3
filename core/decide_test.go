package core

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

// want is the expected outcome of one request, headers as "Name: value" lines.
type want struct {
	kind    Kind
	allowed bool
	code    ReasonCode
	end     bool
	status  int
	headers []string
	vary    string
}

func headerLines(d *Decision) []string {
	var out []string
	for name, values := range d.Headers() {
		out = append(out, name+": "+strings.Join(values, " | "))
	}
	return out
}

func preflight(origin, method string, acrh ...string) Request {
	return Request{Method: "OPTIONS", Origin: []string{origin}, RequestMethod: []string{method}, RequestHeaders: acrh}
}

func actual(method, origin string) Request {
	return Request{Method: method, Origin: []string{origin}}
}

const varyPreflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"

func TestDecide(t *testing.T) {
	base := Config{
		Origins:        []string{"https://app.example.com", "https://*.example.org", "http://localhost:*"},
		Methods:        []string{"PUT", "DELETE"},
		RequestHeaders: []string{"Content-Type", "X-Token"},
		ExposedHeaders: []string{"X-Request-Id"},
		Credentials:    true,
		MaxAge:         10 * time.Minute,
	}
	star := Config{Origins: []string{"*"}, Methods: []string{"*"}, RequestHeaders: []string{"*"}}
	starCreds := Config{Origins: []string{"https://app.example.com"}, Methods: []string{"*"}, RequestHeaders: []string{"*"}, Credentials: true}
	tests := []struct {
		name string
		cfg  Config
		req  Request
		want want
	}{
		{"no origin", base, Request{Method: "GET"}, want{kind: NotCORS, allowed: true, vary: "Origin"}},
		{"no origin, star policy", star, Request{Method: "GET"}, want{kind: NotCORS, allowed: true, headers: []string{"Access-Control-Allow-Origin: *"}}},
		{"actual allowed", base, actual("GET", "https://app.example.com"), want{kind: Actual, allowed: true, vary: "Origin",
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Expose-Headers: X-Request-Id"}}},
		{"actual subdomain", base, actual("GET", "https://a.b.example.org"), want{kind: Actual, allowed: true, vary: "Origin",
			headers: []string{"Access-Control-Allow-Origin: https://a.b.example.org", "Access-Control-Allow-Credentials: true", "Access-Control-Expose-Headers: X-Request-Id"}}},
		{"apex not a subdomain", base, actual("GET", "https://example.org"), want{kind: Actual, code: ReasonOriginNotAllowed, vary: "Origin"}},
		{"suffix lookalike", base, actual("GET", "https://evilexample.org"), want{kind: Actual, code: ReasonOriginNotAllowed, vary: "Origin"}},
		{"empty label", base, actual("GET", "https://.example.org"), want{kind: Actual, code: ReasonOriginNotAllowed, vary: "Origin"}},
		{"double dot", base, actual("GET", "https://a..example.org"), want{kind: Actual, code: ReasonOriginNotAllowed, vary: "Origin"}},
		{"any port", base, actual("GET", "http://localhost:5173"), want{kind: Actual, allowed: true, vary: "Origin",
			headers: []string{"Access-Control-Allow-Origin: http://localhost:5173", "Access-Control-Allow-Credentials: true", "Access-Control-Expose-Headers: X-Request-Id"}}},
		{"port not a number", base, actual("GET", "http://localhost:evil.test"), want{kind: Actual, code: ReasonOriginMalformed, vary: "Origin"}},
		{"empty port", base, actual("GET", "http://localhost:"), want{kind: Actual, code: ReasonOriginMalformed, vary: "Origin"}},
		{"uppercase", base, actual("GET", "https://APP.example.com"), want{kind: Actual, code: ReasonOriginMalformed, vary: "Origin"}},
		{"null", base, actual("GET", "null"), want{kind: Actual, code: ReasonOriginNull, vary: "Origin"}},
		{"two origins", base, Request{Method: "GET", Origin: []string{"https://app.example.com", "https://app.example.com"}},
			want{kind: Actual, code: ReasonOriginMultiple, vary: "Origin"}},
		{"options without acrm is actual", base, actual("OPTIONS", "https://app.example.com"), want{kind: Actual, allowed: true, vary: "Origin",
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Expose-Headers: X-Request-Id"}}},
		{"preflight allowed", base, preflight("https://app.example.com", "PUT", "content-type,x-token"), want{kind: Preflight, allowed: true, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PUT, DELETE",
				"Access-Control-Allow-Headers: content-type, x-token", "Access-Control-Max-Age: 600"}}},
		{"preflight headers any order case space lines", base, preflight("https://app.example.com", "PUT", " X-TOKEN ,, ", "Content-Type"), want{kind: Preflight, allowed: true, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PUT, DELETE",
				"Access-Control-Allow-Headers: content-type, x-token", "Access-Control-Max-Age: 600"}}},
		{"preflight origin refused", base, preflight("https://evil.test", "PUT"), want{kind: Preflight, code: ReasonOriginNotAllowed, end: true, status: 403, vary: varyPreflight}},
		{"preflight method refused", base, preflight("https://app.example.com", "PATCH"), want{kind: Preflight, code: ReasonMethodNotAllowed, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PUT, DELETE",
				"Access-Control-Allow-Headers: content-type, x-token"}}},
		{"preflight lowercase put refused", base, preflight("https://app.example.com", "put"), want{kind: Preflight, code: ReasonMethodNotAllowed, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PUT, DELETE",
				"Access-Control-Allow-Headers: content-type, x-token"}}},
		{"preflight header refused", base, preflight("https://app.example.com", "GET", "x-other"), want{kind: Preflight, code: ReasonHeaderNotAllowed, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PUT, DELETE",
				"Access-Control-Allow-Headers: content-type, x-token"}}},
		{"preflight huge acrh", base, preflight("https://app.example.com", "GET", strings.Repeat(",", 1<<20)), want{kind: Preflight, code: ReasonHeadersMalformed, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PUT, DELETE",
				"Access-Control-Allow-Headers: content-type, x-token"}}},
		{"preflight star", star, preflight("https://any.test", "PATCH", "x-a,x-b"), want{kind: Preflight, allowed: true, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: *", "Access-Control-Allow-Headers: *"}}},
		{"star never covers authorization", star, preflight("https://any.test", "GET", "authorization"), want{kind: Preflight, code: ReasonHeaderAuthorization, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: *"}}},
		{"star with credentials reflects", starCreds, preflight("https://app.example.com", "PATCH", "x-a,x-b"), want{kind: Preflight, allowed: true, end: true, status: 204, vary: varyPreflight,
			headers: []string{"Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PATCH", "Access-Control-Allow-Headers: x-a,x-b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			d := p.Decide(tt.req)
			got := want{kind: d.Kind, allowed: d.Allowed, code: d.Reason().Code, end: d.End, status: d.Status,
				headers: headerLines(&d), vary: strings.Join(d.Vary, " | ")}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got  %+v\n want %+v\n reason: %s", got, tt.want, d.Reason())
			}
			// Case by case, DecideInto, which the
			// net/http adapters call, is Decide's logic written again.
			var into Decision
			p.DecideInto(context.Background(), &tt.req, &into)
			if !reflect.DeepEqual(d, into) {
				t.Errorf("DecideInto disagrees with Decide:\n Decide     %+v\n DecideInto %+v", d, into)
			}
		})
	}
}
