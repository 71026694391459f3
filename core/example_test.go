package core_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/crossgate/crossgate/core"
)

func ExampleNew() {
	policy, err := core.New(core.Config{
		Origins:        []string{"https://app.example.com", "https://*.example.com", "http://localhost:*"},
		Methods:        []string{"PUT", "DELETE"},
		RequestHeaders: []string{"Content-Type", "Authorization"},
		ExposedHeaders: []string{"X-Request-Id"},
		Credentials:    true,
		MaxAge:         10 * time.Minute,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := policy.Decide(core.Request{
		Method:         "OPTIONS",
		Origin:         []string{"https://shop.example.com"},
		RequestMethod:  []string{"PUT"},
		RequestHeaders: []string{"authorization,content-type"},
	})
	fmt.Println(d.Kind, d.Allowed, d.Status)
	for name, values := range d.Headers() {
		fmt.Printf("%s: %s\n", name, values[0])
	}
	// Output:
	// preflight true 204
	// Access-Control-Allow-Origin: https://shop.example.com
	// Access-Control-Allow-Credentials: true
	// Access-Control-Allow-Methods: PUT, DELETE
	// Access-Control-Allow-Headers: content-type, authorization
	// Access-Control-Max-Age: 600
}

// New reports every problem at once, each with what to write instead.
func ExampleNew_errors() {
	_, err := core.New(core.Config{
		Origins:     []string{"*", "https://App.example.com/"},
		Methods:     []string{"patch", "get"},
		Credentials: true,
	})
	fmt.Println(err)
	// Output:
	// crossgate: Origins[0] "*": "*" cannot be combined with Credentials: browsers refuse such responses; list the origins that send credentials
	// crossgate: Origins[1] "https://App.example.com/": a trailing slash: an origin has none; uppercase host: browsers serialize hosts in lower case; write "https://app.example.com" instead
	// crossgate: Methods[1] "get": browsers upper-case this method before sending it; write "GET" instead
}

func ExamplePolicy_Explain() {
	policy, _ := core.New(core.Config{
		Origins:        []string{"https://app.example.com"},
		Methods:        []string{"PUT"},
		RequestHeaders: []string{"Content-Type"},
	})
	for _, probe := range []core.Probe{
		{Origin: "https://app.example.com", Method: "GET"},
		{Origin: "https://app.example.com", Method: "patch"},
		{Origin: "https://app.example.com", Method: "PUT", Headers: []string{"Content-Type", "X-Token"}},
		{Origin: "https://app.example.com", Method: "GET", Credentials: true},
		{Origin: "https://admin.example.com", Method: "GET"},
	} {
		fmt.Println(policy.Explain(probe))
	}
	// Output:
	// simple request: allowed
	// preflighted request: blocked: method "patch" not allowed (allowed: PUT); add "patch" to Methods (methods are case-sensitive, and fetch sends patch as the page writes it: list it in that case)
	// preflighted request: blocked: request header "x-token" not allowed (allowed: content-type); add "x-token" to RequestHeaders
	// simple request: blocked: credentials requested but the policy has no Credentials; set Credentials: true, with exact origins (not "*")
	// simple request: blocked: origin "https://admin.example.com" not allowed (allowed: https://app.example.com); add "https://admin.example.com" to Origins (or the pattern "https://*.example.com", which covers every subdomain of example.com)
}

func ExamplePolicy_OnRefusal() {
	policy, _ := core.New(core.Config{Origins: []string{"https://app.example.com"}, Methods: []string{"PUT"}})
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // keep the example's output stable
			}
			return a
		},
	}))
	policy.OnRefusal(core.SlogRefusals(logger))
	policy.Decide(core.Request{
		Method:        "OPTIONS",
		Origin:        []string{"https://app.example.com"},
		RequestMethod: []string{"DELETE"},
		Path:          "/api/items/1",
	})
	// Output:
	// level=WARN msg="CORS request refused" kind=preflight origin=https://app.example.com method=DELETE path=/api/items/1 reason="method \"DELETE\" not allowed (allowed: PUT)"
}

func ExamplePolicy_Reconfigure() {
	policy, _ := core.New(core.Config{Origins: []string{"https://old.example.com"}})
	request := core.Request{Method: "GET", Origin: []string{"https://new.example.com"}}
	fmt.Println(policy.Decide(request).Allowed)
	if err := policy.Reconfigure(core.Config{Origins: []string{"https://new.example.com"}}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(policy.Decide(request).Allowed)
	// Output:
	// false
	// true
}

// The hook gets the request's context, and knows a same-origin request.
func ExamplePolicy_DecideContext() {
	type requestID struct{}
	policy, _ := core.New(core.Config{Origins: []string{"https://app.example.com"}})
	policy.OnRefusal(func(r core.Refusal) {
		fmt.Println(r.Context.Value(requestID{}), r.SameOrigin, r.Reason)
	})
	ctx := context.WithValue(context.Background(), requestID{}, "req-42")
	policy.DecideContext(ctx, &core.Request{Method: "POST", Origin: []string{"https://api.example.com"},
		Host: "api.example.com", Scheme: "https"})
	// Output: req-42 true origin "https://api.example.com" not allowed (allowed: https://app.example.com)
}

// Behind a trusted reverse proxy, the request's own origin comes from the
// forwarded headers, so a same-origin request is recognised in refusals.
func ExampleForwardedHTTP() {
	r, _ := http.NewRequest("POST", "http://10.0.0.7:8080/api", nil)
	r.Header.Set("Origin", "https://api.example.com")
	r.Header.Set("X-Forwarded-Host", "api.example.com")
	r.Header.Set("X-Forwarded-Proto", "https")
	req := core.FromHTTP(r)
	fmt.Println(req.Scheme + "://" + req.Host)
	core.ForwardedHTTP(r, &req)
	fmt.Println(req.Scheme + "://" + req.Host)
	// Output:
	// http://10.0.0.7:8080
	// https://api.example.com
}
