package servers

import (
	"crypto/tls"
	"fmt"
	"github.com/crossgate/crossgate/chi/chitest"
	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/echo/echotest"
	echo5test "github.com/crossgate/crossgate/echov5/echotest"
	"github.com/crossgate/crossgate/fiber/fibertest"
	fiber3test "github.com/crossgate/crossgate/fiberv3/fibertest"
	"github.com/crossgate/crossgate/gin/gintest"
	"net"
	"net/http"

	"github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"

	"github.com/crossgate/crossgate/core"
)

// Deployment is what a production deployment puts around the application:
// TLS, a session login, caching headers for a shared cache, and the
// middlewares of other libraries. The browser suites serve the conformance
// application with it, so that HTTPS, HTTP/2, cookies and caches are
// proven on the same routes and the same CORS attachment as the
// conformance scenarios.
type Deployment struct {
	conformance.Options
	// TLS, if set, serves over TLS with this configuration. Offer "h2" in
	// NextProtos to get HTTP/2 from the net/http frameworks (chi, gin,
	// echo); fiber's fasthttp speaks HTTP/1.1 only, so it is offered
	// "http/1.1" whatever NextProtos says.
	TLS *tls.Config
	// CacheControl, if set, is sent on every answer, preflights included,
	// so that a shared cache in front may store them.
	CacheControl string
	// ClobberVary, if set, is the value an outer middleware writes to conformance.Vary
	// after the application and CORS have run, replacing what they set:
	// the mistake of CORS middlewares that Set conformance.Vary instead of adding to
	// it, for the negative controls of the cache tests.
	ClobberVary string
	// LateVary, if set, is a conformance.Vary line of its own added when the answer is
	// written, after CORS has added its lines: what a compressor inside the
	// CORS middleware, or the handler itself, does.
	LateVary string
	// Proto, if set, is called with the protocol of every request as the
	// server read it ("HTTP/2.0", "HTTP/1.1").
	Proto func(proto string)
}

// SessionPath answers a GET with the session cookies of SessionCookies:
// the login a browser visits before the application's pages call the API.
// It runs outside CORS (a top-level navigation sends no Origin).
const SessionPath = "/session"

// SessionCookies returns the Set-Cookie values SessionPath sends for the
// named framework: a cross-site session cookie (SameSite=None, which
// requires Secure) and a same-site one (SameSite=Lax). Their names carry
// the framework's, because cookies ignore ports and the frameworks
// share one host name in the browser suites.
func SessionCookies(framework string) (none, lax *http.Cookie) {
	none = &http.Cookie{Name: "sid_" + framework, Value: "none-" + framework, Path: "/",
		Secure: true, HttpOnly: true, SameSite: http.SameSiteNoneMode}
	lax = &http.Cookie{Name: "lax_" + framework, Value: "lax-" + framework, Path: "/",
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	return none, lax
}

// Deploy serves f's application on ln as d describes and returns the
// function that shuts it down.
func Deploy(f conformance.Framework, ln net.Listener, p *core.Policy, d Deployment) (func(), error) {
	if f.Variant != "" {
		return nil, fmt.Errorf("conformance: no deployment for %s, only for the standard applications of Frameworks", f)
	}
	var h http.Handler
	switch f.Name {
	case "chi":
		h = chitest.Handler(p, d.Options)
	case "gin":
		h = gintest.Handler(p, d.Options)
	case "echo":
		h = echotest.Handler(p, d.Options)
	case "echov5":
		h = echo5test.Handler(p, d.Options)
	case "fiber", "fiberv3":
		if d.TLS != nil {
			cfg := d.TLS.Clone()
			cfg.NextProtos = []string{"http/1.1"}
			ln = tls.NewListener(ln, cfg)
		}
		before, after := deploymentFasthttp(f.Name, d)
		if f.Name == "fiberv3" {
			return fiber3test.Listen(fiber3test.CORSApp(p, d.Options, func(c fiber3.Ctx) error {
				if before(c.RequestCtx()) {
					return nil
				}
				err := c.Next()
				after(c.RequestCtx())
				return err
			}), ln), nil
		}
		return fibertest.Listen(fibertest.CORSApp(p, d.Options, func(c *fiber.Ctx) error {
			if before(c.Context()) {
				return nil
			}
			err := c.Next()
			after(c.Context())
			return err
		}), ln), nil
	default:
		return nil, fmt.Errorf("conformance: no deployment for framework %q", f.Name)
	}
	if d.TLS != nil {
		cfg := d.TLS.Clone()
		if len(cfg.NextProtos) == 0 {
			cfg.NextProtos = []string{"h2", "http/1.1"}
		}
		ln = tls.NewListener(ln, cfg)
	}
	return conformance.ServeHTTP(ln, deploymentHTTP(f.Name, h, d), d.Options)
}

// deploymentHTTP wraps a net/http application in d's outer layer.
func deploymentHTTP(framework string, next http.Handler, d Deployment) http.Handler {
	none, lax := SessionCookies(framework)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d.Proto != nil {
			d.Proto(r.Proto)
		}
		if d.CacheControl != "" {
			w.Header().Set("Cache-Control", d.CacheControl)
		}
		if d.ClobberVary != "" || d.LateVary != "" {
			w = &varyRewriter{ResponseWriter: w, set: d.ClobberVary, add: d.LateVary}
		}
		if r.URL.Path == SessionPath && r.Method == http.MethodGet {
			http.SetCookie(w, none)
			http.SetCookie(w, lax)
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte("session set"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// varyRewriter replaces conformance.Vary with set, then adds a line add, when the
// header is written.
type varyRewriter struct {
	http.ResponseWriter
	set, add string
	written  bool
}

func (c *varyRewriter) WriteHeader(code int) {
	if !c.written {
		c.written = true
		if c.set != "" {
			c.Header().Set("Vary", c.set)
		}
		if c.add != "" {
			c.Header().Add("Vary", c.add)
		}
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *varyRewriter) Write(b []byte) (int, error) {
	if !c.written {
		c.WriteHeader(http.StatusOK)
	}
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the server's writer.
func (c *varyRewriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// deploymentFasthttp is d's outer layer for the fiber majors, on the
// fasthttp request they share: before runs ahead of the application and
// reports whether it answered the request itself (the session login);
// after runs once the application and CORS have.
func deploymentFasthttp(framework string, d Deployment) (before func(*fasthttp.RequestCtx) bool, after func(*fasthttp.RequestCtx)) {
	none, lax := SessionCookies(framework)
	cookies := []string{none.String(), lax.String()}
	before = func(rc *fasthttp.RequestCtx) bool {
		if d.Proto != nil {
			d.Proto(string(rc.Request.Header.Protocol()))
		}
		if d.CacheControl != "" {
			rc.Response.Header.Set("Cache-Control", d.CacheControl)
		}
		if string(rc.Path()) != SessionPath || string(rc.Method()) != http.MethodGet {
			return false
		}
		for _, v := range cookies {
			rc.Response.Header.Add("Set-Cookie", v)
		}
		rc.SetBodyString("session set")
		return true
	}
	after = func(rc *fasthttp.RequestCtx) {
		if d.ClobberVary != "" {
			rc.Response.Header.Set("Vary", d.ClobberVary)
		}
		if d.LateVary != "" {
			rc.Response.Header.Add("Vary", d.LateVary)
		}
	}
	return before, after
}
