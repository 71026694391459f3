package corsecho

import (
	"github.com/crossgate/crossgate/adapter"
	"github.com/crossgate/crossgate/core"
	"github.com/labstack/echo/v5"
)

// New compiles cfg into a policy and returns the echo middleware that
// enforces it. The error is core.New's, unchanged, so errors.As still finds
// the typed problems it joins.
func New(cfg core.Config) (echo.MiddlewareFunc, error) {
	p, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(p), nil
}

// Must is New for a Config written in the program: it panics with core.New's
// error when cfg is invalid, so that e.Use(corsecho.Must(cfg)) fits on one
// line, as template.Must does for templates.
func Must(cfg core.Config) echo.MiddlewareFunc { return adapter.Must(New(cfg)) }

// Middleware returns echo middleware that enforces p. Use it when the policy
// is shared with other adapters or reconfigured at run time: every request
// reads p's current configuration.
//
// Attach it with e.Use so that preflights to routes without an OPTIONS
// handler reach it; see the package documentation.
func Middleware(p *core.Policy) echo.MiddlewareFunc { return middleware(Config{Policy: p}) }

// Config is the middleware's configuration, in the shape of echo's own
// middlewares' configs (middleware.CORSConfig and the others).
type Config struct {
	// Policy decides; required.
	Policy *core.Policy
	// Skipper, if set, is asked about each request that is not a CORS
	// preflight; a request it returns true for goes to the next handler
	// untouched: no CORS header, no Vary, no refusal reported. Use it for
	// paths whose responses no page may read (metrics, health checks,
	// webhooks). Skipping hides a response from scripts; it does not stop
	// the request from running. A skip that depends on a request header
	// should be named in the response's own Vary, for caches. echo's
	// middleware.Skipper values fit.
	Skipper func(c *echo.Context) bool
	// SkipPreflights asks Skipper about preflights too. Off by default,
	// unlike echo's own middlewares: a skipped preflight goes on to echo's
	// router, which answers it with its automatic OPTIONS handler (204 and
	// Allow) or a 404, without CORS headers, and the browser then refuses
	// the real request. Turn it on only where the application answers those
	// preflights itself or must refuse them.
	SkipPreflights bool
	// TrustProxyHeaders says a reverse proxy you trust sets
	// X-Forwarded-Host and X-Forwarded-Proto: the request's own origin is
	// then read from them, so that a same-origin request refused for its
	// Origin is reported as such (core.Refusal.SameOrigin) behind the
	// proxy. It never changes a decision. Leave it off when clients reach
	// the server directly: anyone can send those headers.
	TrustProxyHeaders bool
}

// MiddlewareWithConfig returns echo middleware configured by cfg, as echo's
// XWithConfig functions do. It panics when cfg.Policy is nil, at start-up
// rather than on the first request.
func MiddlewareWithConfig(cfg Config) echo.MiddlewareFunc {
	if cfg.Policy == nil {
		panic("corsecho.MiddlewareWithConfig: Config.Policy is nil; set it to a policy from core.New")
	}
	return middleware(cfg)
}

// middleware builds the middleware of every constructor, so that the
// group helper can recognize it (see middlewareCode).
//
//go:noinline
func middleware(cfg Config) echo.MiddlewareFunc {
	p, skip, skipPreflights, trustProxy := cfg.Policy, cfg.Skipper, cfg.SkipPreflights, cfg.TrustProxyHeaders
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			// Read and decided in place: see core.Policy.DecideInto.
			var req core.Request
			p.ReadHTTP(c.Request(), &req)
			if skip != nil && adapter.MaySkip(&req, skipPreflights) && skip(c) {
				return next(c)
			}
			if trustProxy {
				core.ForwardedHTTP(c.Request(), &req)
			}
			var d core.Decision
			p.DecideInto(c.Request().Context(), &req, &d)
			p.RespondHTTP(c.Response().Header(), c.Request(), &d)
			if d.End {
				return c.NoContent(d.Status)
			}
			return next(c)
		}
	}
}
