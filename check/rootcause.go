package check

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The console names what the browser saw, not what to change. A server
// that answers a refused preflight without any CORS header (rs/cors does,
// for a refused method or header as for a refused origin; so does a router
// that answers OPTIONS 404 or 405 before the CORS middleware runs) makes
// every such refusal read "no Access-Control-Allow-Origin". findRootCause
// asks again, with requests that change one thing each, to name what the
// server refuses. It sends only preflights (OPTIONS) and one simple GET,
// never the call's own method.

// hasCORSHeader reports whether an answer carries any Access-Control-Allow
// header: whether a CORS middleware wrote to it at all.
func hasCORSHeader(h http.Header) bool {
	for name := range h {
		if strings.HasPrefix(name, "Access-Control-Allow-") {
			return true
		}
	}
	return false
}

// prober sends the re-probes of one refused preflight.
type prober struct {
	ctx    context.Context
	client *http.Client
	r      *Report
	c      *Call
}

// preflight sends the preflight a browser would send for method and the
// unsafe header names, and reports whether the answer names the origin
// (or "*") as a 2xx, leaving the allow lists aside.
func (pr *prober) preflight(method string, unsafe []string) (bool, error) {
	name := "probe: preflight " + method
	if len(unsafe) > 0 {
		name += " with " + strings.Join(unsafe, ",")
	} else {
		name += " without headers"
	}
	if _, seen := pr.r.Headers[name]; seen {
		return pr.passed(name), nil
	}
	req, err := PreflightRequest(pr.ctx, pr.c, Plan{Method: method, Unsafe: unsafe})
	status, h, err := pr.r.exchange(pr.client, name, req, err)
	if err != nil {
		return false, err
	}
	cause, _ := corsCheck(h, pr.c.Origin, false)
	ok := cause == CauseNone && status >= 200 && status <= 299
	if ok && method != "GET" && method != "HEAD" && method != "POST" {
		methods, _ := parseList(h.Values("Access-Control-Allow-Methods"))
		ok = slices.Contains(methods, method) || slices.Contains(methods, "*")
	}
	if ok && len(unsafe) > 0 {
		names, _ := parseList(h.Values("Access-Control-Allow-Headers"))
		for _, u := range unsafe {
			ok = ok && (slices.Contains(names, "*") && u != "authorization" ||
				slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, u) }))
		}
	}
	return ok, nil
}

// passed re-reads a probe already sent.
func (pr *prober) passed(name string) bool {
	for _, e := range pr.r.Exchanges {
		if e.Name == name {
			cause, _ := corsCheck(pr.r.Headers[name], pr.c.Origin, false)
			return cause == CauseNone && e.Status >= 200 && e.Status <= 299
		}
	}
	return false
}

// simpleGET sends a GET from the page's origin with no header of the
// script's, and reports whether its answer names the origin (or "*").
func (pr *prober) simpleGET() (bool, http.Header, error) {
	req, err := http.NewRequestWithContext(pr.ctx, http.MethodGet, pr.c.URL, nil)
	if err == nil {
		req.Header.Set("Origin", pr.c.Origin)
		req.Header.Set("Sec-Fetch-Mode", "cors")
	}
	_, h, err := pr.r.exchange(pr.client, "probe: simple GET", req, err)
	if err != nil {
		return false, nil, err
	}
	cause, _ := corsCheck(h, pr.c.Origin, false)
	return cause == CauseNone, h, nil
}

// findRootCause sets r.RootCause, r.Refused and r.Diagnosis for a
// refused preflight answered with status and header h. It asks again only
// when the answer carries no CORS header at all, since otherwise the
// console's cause is already the server's.
func (r *Report) findRootCause(ctx context.Context, client *http.Client, c *Call, p Plan, status int, h http.Header) error {
	if r.Cause == CauseRedirect {
		r.Diagnosis = "the server redirects the preflight (a redirect from http to https, or to add or drop a trailing slash, does): have the page call the URL it redirects to, where the preflight is answered"
		return nil
	}
	if hasCORSHeader(h) {
		if r.Cause == CauseStatus {
			r.Diagnosis = fmt.Sprintf("the CORS middleware answered the preflight but let it through to the application, which answered %s: "+
				"let the middleware end preflights itself (rs/cors OptionsPassthrough false, crossgate PassPreflight false), or give the route an OPTIONS handler", statusWords(status))
		}
		return nil
	}
	pr := &prober{ctx: ctx, client: client, r: r, c: c}
	r.add(Info, "the preflight's answer has no CORS header at all, which a server sends for a refused origin, method or header alike: asking again, one change at a time (OPTIONS and a simple GET only)")

	methodOK, err := pr.preflight(p.Method, nil)
	if err != nil {
		return err
	}
	base := ""
	if methodOK {
		base = p.Method
	} else {
		for _, m := range []string{"GET", "HEAD", "POST"} {
			if m == p.Method {
				continue
			}
			ok, err := pr.preflight(m, nil)
			if err != nil {
				return err
			}
			if ok {
				base = m
				break
			}
		}
	}
	if base != "" {
		var refused []string
		if !methodOK {
			refused = append(refused, p.Method)
		}
		var headers []string
		for _, u := range p.Unsafe {
			ok, err := pr.preflight(base, []string{u})
			if err != nil {
				return err
			}
			if !ok {
				headers = append(headers, u)
			}
		}
		refused = append(refused, headers...)
		r.Refused = refused
		switch {
		case !methodOK:
			r.RootCause = CauseMethod
			r.Diagnosis = fmt.Sprintf("the server refuses the method %s: the same preflight with %s passes, with %s it gets no CORS header. Add %s to the allowed methods", p.Method, base, p.Method, p.Method)
			if len(headers) > 0 {
				r.Diagnosis += fmt.Sprintf(", and %s to the allowed headers (each alone is refused too)", strings.Join(headers, ", "))
			}
		case len(headers) > 0:
			r.RootCause = CauseHeader
			r.Diagnosis = fmt.Sprintf("the server refuses the request header %s: the same preflight without it passes. Add %s to the allowed headers", strings.Join(headers, ", "), strings.Join(headers, ", "))
		default:
			r.Diagnosis = "the method and each header pass alone, but not together: the server refuses this combination"
		}
		return nil
	}

	getOK, gh, err := pr.simpleGET()
	if err != nil {
		return err
	}
	switch {
	case getOK && (status < 200 || status > 299):
		r.RootCause = CauseStatus
		r.Refused = []string{fmt.Sprint(status)}
		r.Diagnosis = fmt.Sprintf("the preflight was answered %s without any CORS header, while a simple GET from the same origin gets one: "+
			"the CORS middleware does not run for OPTIONS on this path (it is attached to a group or to one route, and the router answers OPTIONS itself). "+
			"Attach it at the router level, where every request passes, OPTIONS included. %s", statusWords(status), attachmentHint(status, h, gh))
	case getOK:
		r.Diagnosis = fmt.Sprintf("the preflight was answered %s without any CORS header, while a simple GET from the same origin gets one: "+
			"the CORS middleware does not answer OPTIONS on this path, something before it does. Attach it at the router level, where every request passes, OPTIONS included. %s", statusWords(status), attachmentHint(status, h, gh))
	case status == http.StatusMethodNotAllowed || status == http.StatusNotFound:
		r.Diagnosis = fmt.Sprintf("the preflight was answered %s and neither it nor a simple GET from this origin gets a CORS header: the origin is refused, or no CORS middleware runs on this path at all (if one is attached to this route, it does not run for OPTIONS: attach it at the router level)", statusWords(status))
	default:
		r.Diagnosis = "no preflight and no simple GET from this origin gets a CORS header: the server refuses the origin " + c.Origin + " (or has no CORS middleware on this path)"
	}
	return nil
}

// attachmentHint names the fix for the framework that a response header
// reveals, else the fix in general.
func attachmentHint(status int, pre, get http.Header) string {
	server := strings.ToLower(pre.Get("Server") + " " + get.Get("Server"))
	powered := strings.ToLower(pre.Get("X-Powered-By") + " " + get.Get("X-Powered-By"))
	switch {
	case strings.Contains(powered, "express"):
		return "Express (X-Powered-By): app.use(cors(...)) before the routers, not on one route."
	case strings.Contains(server, "uvicorn") || strings.Contains(server, "hypercorn"):
		return "Starlette/FastAPI (Server header): app.add_middleware(CORSMiddleware, ...) on the app, not on a router."
	case strings.Contains(server, "werkzeug"):
		return "Flask (Server: Werkzeug): CORS(app) on the app, not on one blueprint or view."
	case strings.Contains(server, "kestrel"):
		return "ASP.NET Core (Server: Kestrel): app.UseCors(...) after UseRouting and before the endpoints, not only on some endpoints."
	case strings.Contains(server, "fasthttp") || strings.Contains(server, "fiber"):
		return "Fiber (Server header): app.Use(cors.New(...)) on the app before the routes, not on a group."
	case status == http.StatusMethodNotAllowed && pre.Get("Allow") != "" && pre.Get("X-Content-Type-Options") == "nosniff":
		return fmt.Sprintf("Go's net/http ServeMux (405 with Allow: %s): a pattern with a method (\"GET /api\") never matches OPTIONS, so a CORS handler wrapped around such a route never sees the preflight: wrap the whole mux, http.ListenAndServe(addr, c.Handler(mux)).", pre.Get("Allow"))
	case status == http.StatusNotFound && pre.Get("Content-Type") == "text/plain":
		return "gin (404 text/plain): a group's middleware runs only for the group's routes, and no route matches OPTIONS: call r.Use(cors.New(...)) on the engine, before r.Group(...)."
	}
	return "With gin, r.Use on the engine (not a group); with chi, r.Use at the top of the router; with echo, e.Use (or e.Pre) on the instance; with net/http, wrap the whole mux, not one route."
}
