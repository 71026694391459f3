package corsecho

import (
	"github.com/crossgate/crossgate/core"
	"github.com/labstack/echo/v4"
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

// Middleware returns echo middleware that enforces p. Use it when the policy
// is shared with other adapters or reconfigured at run time: every request
// reads p's current configuration.
//
// Attach it with e.Use so that preflights to routes without an OPTIONS
// handler reach it; see the package documentation.
//
//go:noinline
func Middleware(p *core.Policy) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			d := p.Decide(core.FromHTTP(c.Request()))
			core.WriteHTTP(c.Response().Header(), &d)
			if d.End {
				return c.NoContent(d.Status)
			}
			return next(c)
		}
	}
}
