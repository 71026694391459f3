package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Options control how Run talks to the server.
type Options struct {
	// Send sends the actual request even when it is neither GET nor HEAD:
	// a PUT or DELETE does what it says to the server.
	Send bool
	// Client sends the requests; nil means a client with a 15 s timeout.
	// Its redirect policy is replaced: a browser never follows a
	// preflight's redirect, and Run reports an actual one rather than
	// follow it.
	Client *http.Client
}

// Run plays c against its server as a browser would and reports the
// verdict. An error means the call could not be checked: invalid input, or
// the server could not be reached.
func Run(ctx context.Context, c Call, opt Options) (*Report, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	client := http.Client{Timeout: 15 * time.Second}
	if opt.Client != nil {
		client = *opt.Client
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	p := Classify(&c)
	r := &Report{Preflight: p.Preflight, Allowed: true, Headers: map[string]http.Header{}}
	r.add(Info, p.Method+" "+c.URL+" from "+c.Origin+credentialsWords(c.Credentials)+": "+p.Why)
	sendActual := p.Method == "GET" || p.Method == "HEAD" || opt.Send
	if !p.Preflight && !sendActual {
		return nil, fmt.Errorf("a %s without a preflight reaches the server as it is, so crossgate sends it only with --send", p.Method)
	}

	if p.Preflight {
		req, err := PreflightRequest(ctx, &c, p)
		status, h, err := r.exchange(&client, "preflight", req, err)
		if err != nil {
			return nil, err
		}
		r.add(Info, "sent the preflight: OPTIONS with "+describe(req.Header, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers")+"; answered "+statusWords(status))
		if !JudgePreflight(r, &c, p, status, h) {
			r.add(Info, "the browser never sends the "+p.Method+" itself")
			r.addFix(&c, p)
			return r, nil
		}
	}

	if !sendActual {
		r.add(Info, "did not send the "+p.Method+" itself (pass --send to send it): the browser would now send it, and its answer must carry Access-Control-Allow-Origin too")
		return r, nil
	}
	req, err := ActualRequest(ctx, &c, p)
	status, h, err := r.exchange(&client, "actual", req, err)
	if err != nil {
		return nil, err
	}
	r.add(Info, fmt.Sprintf("sent the %s itself with Origin: %s; answered %s", p.Method, c.Origin, statusWords(status)))
	JudgeActual(r, &c, status, h)
	if !r.Allowed {
		r.addFix(&c, p)
	}
	return r, nil
}

// JudgeActual runs the CORS check on the actual response (any status may
// be shared), lists what a script could read, and warns about a reflected
// origin without Vary: Origin.
func JudgeActual(r *Report, c *Call, status int, h http.Header) {
	cause, text := corsCheck(h, c.Origin, c.Credentials)
	if cause != CauseNone {
		r.block(cause, "response: "+text+" (the server did run the request)")
		return
	}
	r.add(Pass, "response: "+text)
	if status >= 300 && status < 400 {
		r.add(Info, "response: a redirect to "+h.Get("Location")+": the browser follows it and checks that answer the same way; run crossgate check on it")
	}
	if acao := h.Get("Access-Control-Allow-Origin"); acao != "*" && !varies(h) {
		r.add(Warn, "response: Access-Control-Allow-Origin names one origin but Vary does not include Origin: a cache (the browser's or a CDN's) can replay this answer to another origin, which is then blocked")
	}
	r.Readable = Readable(h, c.Credentials)
	r.add(Info, "a script could read these response headers: "+strings.Join(r.Readable, ", "))
}

// varies reports whether the response's Vary covers Origin.
func varies(h http.Header) bool {
	items, _ := parseList(h.Values("Vary"))
	for _, v := range items {
		if v == "*" || strings.EqualFold(v, "Origin") {
			return true
		}
	}
	return false
}

// exchange sends req, unless building it failed with err, and returns the
// answer's status and headers, which it keeps in r.Headers under name.
func (r *Report) exchange(client *http.Client, name string, req *http.Request, err error) (int, http.Header, error) {
	if err != nil {
		return 0, nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("could not reach %s: %w", req.URL.Redacted(), err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	r.Headers[name] = resp.Header
	return resp.StatusCode, resp.Header, nil
}

func describe(h http.Header, names ...string) string {
	var parts []string
	for _, n := range names {
		if v := h.Get(n); v != "" {
			parts = append(parts, n+": "+v)
		}
	}
	return strings.Join(parts, ", ")
}

func statusWords(status int) string {
	return strings.TrimSpace(fmt.Sprint(status) + " " + http.StatusText(status))
}

func credentialsWords(with bool) string {
	if with {
		return " with credentials"
	}
	return ""
}
