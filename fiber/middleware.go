package corsfiber

import (
	"context"

	"github.com/crossgate/crossgate/adapter"
	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/fasthttp"
	"github.com/gofiber/fiber/v2"
)

// New compiles cfg into a policy and returns the fiber middleware that
// enforces it. The error is core.New's, unchanged, so errors.As still finds
// the typed problems it joins.
func New(cfg core.Config) (fiber.Handler, error) {
	p, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(p), nil
}

// Must is New for a Config written in the program: it panics with core.New's
// error when cfg is invalid, so that app.Use(corsfiber.Must(cfg)) fits on
// one line, as template.Must does for templates.
func Must(cfg core.Config) fiber.Handler { return adapter.Must(New(cfg)) }

// Middleware returns fiber middleware that enforces p. Use it when the
// policy is shared with other adapters or reconfigured at run time: every
// request reads p's current configuration.
//
// Attach it with app.Use, before any route, so that preflights to routes
// without an OPTIONS handler reach it; see the package documentation.
func Middleware(p *core.Policy) fiber.Handler { return middleware(Config{Policy: p}) }

// Config is the middleware's configuration, in the shape of fiber's own
// middlewares' configs (a Next function to skip it).
type Config struct {
	// Policy decides; required.
	Policy *core.Policy
	// Next, if set, is asked about each request that is not a CORS
	// preflight; a request it returns true for goes on with c.Next
	// untouched: no CORS header, no Vary, no refusal reported. Use it for
	// paths whose responses no page may read (metrics, health checks,
	// webhooks). Skipping hides a response from scripts; it does not stop
	// the request from running. A skip that depends on a request header
	// should be named in the response's own Vary, for caches.
	Next func(c *fiber.Ctx) bool
	// SkipPreflights asks Next about preflights too. Off by default, unlike
	// fiber's own middlewares: a skipped preflight goes on to fiber's
	// router, which answers 405 or 404 without CORS headers when the path
	// has no OPTIONS route, and the browser then refuses the real request.
	// Turn it on only where the application answers those preflights
	// itself or must refuse them.
	SkipPreflights bool
	// TrustProxyHeaders says a reverse proxy you trust sets
	// X-Forwarded-Host and X-Forwarded-Proto: the request's own origin is
	// then read from them, so that a same-origin request refused for its
	// Origin is reported as such (core.Refusal.SameOrigin) behind the
	// proxy. It never changes a decision. Leave it off when clients reach
	// the server directly: anyone can send those headers.
	TrustProxyHeaders bool
}

// MiddlewareWithConfig returns fiber middleware configured by cfg. It
// panics when cfg.Policy is nil, at start-up rather than on the first
// request.
func MiddlewareWithConfig(cfg Config) fiber.Handler {
	if cfg.Policy == nil {
		panic("corsfiber.MiddlewareWithConfig: Config.Policy is nil; set it to a policy from core.New")
	}
	return middleware(cfg)
}

// middleware builds the middleware of every constructor, so that the
// group helper can recognize it (see middlewareCode).
//
//go:noinline
func middleware(cfg Config) fiber.Handler {
	p, skip, skipPreflights, trustProxy := cfg.Policy, cfg.Next, cfg.SkipPreflights, cfg.TrustProxyHeaders
	return func(c *fiber.Ctx) error {
		// The lines live on this goroutine's stack for the length of the
		// call; Decide keeps none of them.
		var lines corsfasthttp.Lines
		req := corsfasthttp.ReadRequest(&c.Request().Header, c.Method(), corsfasthttp.Path(c.Request()), c.App().Server().DisableHeaderNamesNormalizing, &lines)
		if skip != nil && adapter.MaySkip(&req, skipPreflights) && skip(c) {
			return c.Next()
		}
		corsfasthttp.SetOwnOrigin(&req, c.Context(), trustProxy)
		ctx := context.Background()
		if p.ReportsRefusals() {
			ctx = c.UserContext()
		}
		d := p.DecideContext(ctx, &req)
		earlier := corsfasthttp.Respond(c.Context(), p, &req, &d)
		if d.End {
			// Status, not SendStatus: SendStatus writes the status text as a
			// body, and a preflight answer has none.
			c.Status(d.Status)
			return nil
		}
		return corsfasthttp.HandOn(c.Context(), &d, earlier, c.Next)
	}
}
