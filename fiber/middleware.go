package corsfiber

import (
	"github.com/crossgate/crossgate/core"
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

// Middleware returns fiber middleware that enforces p. Use it when the
// policy is shared with other adapters or reconfigured at run time: every
// request reads p's current configuration.
//
// Attach it with app.Use, before any route, so that preflights to routes
// without an OPTIONS handler reach it; see the package documentation.
//
//go:noinline
func Middleware(p *core.Policy) fiber.Handler {
	return func(c *fiber.Ctx) error {
		// The lines live on this goroutine's stack for the length of the
		// call; Decide keeps none of them.
		var origin singleLine
		var pf preflightLines
		d := p.Decide(readRequest(c, &origin, &pf))
		writeDecision(&c.Response().Header, &d)
		if d.End {
			// Status, not SendStatus: SendStatus writes the status text as a
			// body, and a preflight answer has none.
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}
