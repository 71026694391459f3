package check

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// Plan is what a browser decides before sending anything: the normalized
// method, the CORS-unsafe header names, and so whether a preflight goes
// first (Fetch, #main-fetch step "use-CORS-preflight": a method that is not
// safelisted, or any CORS-unsafe request-header name).
type Plan struct {
	Method    string
	Unsafe    []string
	Preflight bool
	// Why says in plain words what made the browser decide.
	Why string
}

// Classify decides, as fetch() does, whether c needs a preflight.
func Classify(c *Call) Plan {
	p := Plan{Method: NormalizeMethod(c.Method), Unsafe: UnsafeHeaderNames(c.Headers)}
	var reasons []string
	if !IsSafelistedMethod(p.Method) {
		reasons = append(reasons, fmt.Sprintf("%s is not a CORS-safelisted method (only GET, HEAD and POST are)", p.Method))
	}
	for _, h := range c.Headers {
		if !isUnsafe(p.Unsafe, h.Name) {
			continue
		}
		switch strings.ToLower(h.Name) {
		case "content-type":
			reasons = append(reasons, fmt.Sprintf("Content-Type %q is not CORS-safelisted (only application/x-www-form-urlencoded, multipart/form-data and text/plain are)", h.Value))
		case "accept", "accept-language", "content-language", "range":
			reasons = append(reasons, fmt.Sprintf("the value of %s (%q) is not CORS-safelisted", h.Name, h.Value))
		default:
			reasons = append(reasons, fmt.Sprintf("header %s is not CORS-safelisted", h.Name))
		}
	}
	p.Preflight = len(reasons) > 0
	if p.Preflight {
		p.Why = "needs a preflight: " + strings.Join(reasons, "; ")
	} else {
		p.Why = fmt.Sprintf("a simple request: %s with CORS-safelisted headers only, so no preflight", p.Method)
	}
	return p
}

func isUnsafe(unsafe []string, name string) bool {
	for _, u := range unsafe {
		if strings.EqualFold(u, name) {
			return true
		}
	}
	return false
}

// PreflightRequest builds the preflight a browser sends for c (Fetch,
// #cors-preflight-fetch-0): OPTIONS, Accept: */*, the page's Origin, the
// method it asks for, and the CORS-unsafe header names lower-cased, sorted
// and comma-joined without spaces as Chromium sends them. It carries none of
// the script's headers and never credentials.
func PreflightRequest(ctx context.Context, c *Call, p Plan) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodOptions, c.URL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "*/*")
	req.Header.Set("Origin", c.Origin)
	req.Header.Set("Access-Control-Request-Method", p.Method)
	if len(p.Unsafe) > 0 {
		req.Header.Set("Access-Control-Request-Headers", strings.Join(p.Unsafe, ","))
	}
	req.Header.Set("Sec-Fetch-Mode", "cors")
	return req, nil
}

// ActualRequest builds the request the script's fetch() sends: its method,
// its headers, and the page's Origin, which a same-origin GET or HEAD does
// not carry (Fetch, #append-a-request-origin-header). Credentials (cookies)
// are the browser's own and cannot be sent from here.
func ActualRequest(ctx context.Context, c *Call, p Plan, cors bool) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, p.Method, c.URL, nil)
	if err != nil {
		return nil, err
	}
	for _, h := range c.Headers {
		req.Header.Add(h.Name, h.Value)
	}
	if cors || (p.Method != http.MethodGet && p.Method != http.MethodHead) {
		req.Header.Set("Origin", c.Origin)
	}
	req.Header.Set("Sec-Fetch-Mode", "cors")
	return req, nil
}
