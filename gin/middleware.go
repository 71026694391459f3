package corsgin

import (
	"github.com/crossgate/crossgate/core"
	"github.com/gin-gonic/gin"
)

// New compiles cfg into a policy and returns the gin middleware that enforces
// it. The error is core.New's, unchanged, so errors.As still finds the typed
// problems it joins.
func New(cfg core.Config) (gin.HandlerFunc, error) {
	p, err := core.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(p), nil
}

// Middleware returns gin middleware that enforces p. Use it when the policy
// is shared with other adapters or reconfigured at run time: every request
// reads p's current configuration.
//
// Attach it with r.Use on the engine, before any route, so that preflights
// to routes without an OPTIONS handler reach it; see the package
// documentation.
//
//go:noinline
func Middleware(p *core.Policy) gin.HandlerFunc {
	return func(c *gin.Context) {
		d := p.Decide(core.FromHTTP(c.Request))
		core.WriteHTTP(c.Writer.Header(), &d)
		if d.End {
			// AbortWithStatus writes the status with an empty body and
			// stops the chain, so the application never sees the preflight.
			c.AbortWithStatus(d.Status)
			return
		}
		c.Next()
	}
}
