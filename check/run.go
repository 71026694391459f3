package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Options control how Run talks to the server.
type Options struct {
	// Send sends the actual request even when it is neither GET nor HEAD:
	// a PUT or DELETE does what it says to the server.
	Send bool
	// Client sends the requests; nil means a client with a 15 s timeout.
	// Its redirect policy is replaced: Run follows redirects itself, hop by
	// hop, as fetch() does.
	Client *http.Client
}

// Run plays c against its server as a browser would and reports the
// verdict. An error means the call could not be checked: invalid input, or
// the server could not be reached.
//
// It follows redirects as fetch() does in "cors" mode (Fetch,
// #http-fetch and #http-redirect-fetch): every answer of the chain must
// pass the CORS check, at most 20 redirects, a redirected request is
// preflighted again when it needs one, and once the chain has gone from
// one origin to another while the page was not the first one's, the
// request's origin is sent and checked as "null". A preflight is never
// redirected. A same-origin call is not a CORS request at all until a
// redirect takes it to another origin.
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
	target, err := url.Parse(c.URL)
	if err != nil {
		return nil, err
	}
	h := &hop{urls: []*url.URL{target}, method: p.Method, headers: c.Headers, cors: originOf(target) != c.Origin}
	r := &Report{Preflight: p.Preflight && h.cors, Allowed: true, Headers: map[string]http.Header{}}
	sendActual := p.Method == "GET" || p.Method == "HEAD" || opt.Send
	if !h.cors {
		r.SameOrigin = true
		r.add(Info, p.Method+" "+c.URL+" from "+c.Origin+": same-origin (the page's origin is the URL's), so not a CORS request: no preflight, and the page reads the answer whatever its headers")
		if !sendActual {
			r.add(Info, "did not send the "+p.Method+" (pass --send to send it and follow its redirects: a redirect to another origin makes it a CORS request)")
			return r, nil
		}
	} else {
		r.add(Info, p.Method+" "+c.URL+" from "+c.Origin+credentialsWords(c.Credentials)+": "+p.Why)
		if !p.Preflight && !sendActual {
			return nil, fmt.Errorf("a %s without a preflight reaches the server as it is, so crossgate sends it only with --send", p.Method)
		}
	}

	for n := 0; ; n++ {
		cur := h.current()
		if !h.cors && originOf(cur) != c.Origin {
			h.cors = true // Fetch, #main-fetch: the response tainting becomes "cors"
		}
		origin := h.serializedOrigin(c.Origin)
		hc := Call{URL: cur.String(), Origin: origin, Method: h.method, Headers: h.headers, Credentials: c.Credentials}
		hp := Classify(&hc)
		suffix := ""
		if n > 0 {
			suffix = fmt.Sprintf(" after redirect %d", n)
		}

		if h.cors && hp.Preflight {
			if n > 0 {
				r.add(Info, "the redirected request "+hp.Why+", sent to "+cur.Redacted())
			}
			req, err := PreflightRequest(ctx, &hc, hp)
			status, rh, err := r.exchange(&client, "preflight"+suffix, req, err)
			if err != nil {
				return nil, err
			}
			r.add(Info, "sent the preflight"+suffix+": OPTIONS with "+describe(req.Header, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers")+"; answered "+statusWords(status))
			if !JudgePreflight(r, &hc, hp, status, rh) {
				r.add(Info, "the browser never sends the "+hp.Method+" itself")
				if n == 0 {
					if err := r.findRootCause(ctx, &client, &hc, hp, status, rh); err != nil {
						return nil, err
					}
				}
				r.fixAt(&hc, hp, n)
				return r, nil
			}
		}

		if !sendActual {
			r.add(Info, "did not send the "+hp.Method+" itself (pass --send to send it): the browser would now send it, and its answer must carry Access-Control-Allow-Origin too")
			return r, nil
		}
		req, err := ActualRequest(ctx, &hc, hp, h.cors)
		name := "actual" + suffix
		status, rh, err := r.exchange(&client, name, req, err)
		if err != nil {
			return nil, err
		}
		sent := "sent the " + hp.Method + " itself"
		if n > 0 {
			sent = "sent the " + hp.Method + " to " + cur.Redacted()
		}
		if o := req.Header.Get("Origin"); o != "" {
			sent += " with Origin: " + o
		}
		r.add(Info, sent+"; answered "+statusWords(status))
		if h.cors {
			cause, text := corsCheck(rh, origin, c.Credentials)
			if cause != CauseNone {
				r.block(cause, "response"+suffix+": "+text+" (the server did run the request)")
				r.fixAt(&hc, hp, n)
				return r, nil
			}
			r.add(Pass, "response"+suffix+": "+text)
		}
		loc := rh.Get("Location")
		if !isRedirectStatus(status) || loc == "" {
			r.finish(h.cors, c.Credentials, rh)
			return r, nil
		}
		next, fail := h.follow(status, loc, c.Origin)
		if fail != "" {
			r.block(CauseRedirect, "response"+suffix+": "+fail)
			return r, nil
		}
		r.add(Info, fmt.Sprintf("a redirect to %s: the browser follows it (%s %s) and checks that answer the same way", next.current().Redacted(), next.method, statusWords(status)))
		if next.redirectTainted(c.Origin) && origin != "null" {
			r.add(Info, fmt.Sprintf("from here on the browser sends Origin: null and expects it back: the redirect leaves %s for another origin, and the page is not on %s (Fetch, #concept-request-tainted-origin)", originOf(cur), originOf(cur)))
		}
		h = next
	}
}

// finish describes an answer the page may read: what a script could read,
// and a reflected origin without Vary: Origin.
func (r *Report) finish(cors, credentials bool, h http.Header) {
	if !cors {
		r.add(Pass, "same-origin answer: the page reads it whatever its CORS headers")
		return
	}
	if acao := h.Get("Access-Control-Allow-Origin"); acao != "*" && !varies(h) {
		r.add(Warn, "response: Access-Control-Allow-Origin names one origin but Vary does not include Origin: a cache (the browser's or a CDN's) can replay this answer to another origin, which is then blocked")
	}
	r.Readable = Readable(h, credentials)
	r.add(Info, "a script could read these response headers: "+strings.Join(r.Readable, ", "))
}

// fixAt fills in what would allow a call blocked at hop n. After a
// redirect whose origin is now "null", no origin can be listed safely.
func (r *Report) fixAt(c *Call, p Plan, n int) {
	if c.Origin != "null" {
		if n > 0 {
			r.add(Info, "the block is at "+c.URL+", reached by a redirect: that server must allow the page, or the page should call it directly")
		}
		r.addFix(c, p)
		return
	}
	r.add(Info, "after a redirect from one origin to another, the request's origin is null: only Access-Control-Allow-Origin: * (without credentials) lets it through, and naming \"null\" would let every sandboxed page in; have the page call "+c.URL+" directly")
	if !c.Credentials {
		r.ServerMustSend = []string{"to the request after the redirect (" + c.URL + "), Access-Control-Allow-Origin: *"}
	}
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
	r.finish(true, c.Credentials, h)
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
// answer's status and headers, which it keeps in r.Headers under name and
// in r.Exchanges.
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
	r.Exchanges = append(r.Exchanges, Exchange{Name: name, Method: req.Method, URL: req.URL.Redacted(), Origin: req.Header.Get("Origin"), Status: resp.StatusCode})
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
