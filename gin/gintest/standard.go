package gintest

import (
	"github.com/crossgate/crossgate/conformance"
	"net"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
)

// Standard serves the application with gin, crossgate attached with the engine's
// r.Use, the only place where it also runs for 404s.
func Standard() conformance.Framework { return conformance.Framework{Name: "gin", Serve: serve} }

// ginQuiet silences gin's debug-mode route listing once per process.
var ginQuiet sync.Once

func serve(ln net.Listener, p *core.Policy, opts conformance.Options) (func(), error) {
	return conformance.ServeHTTP(ln, Handler(p, opts), opts)
}

// Handler is the application in gin, without a server.
func Handler(p *core.Policy, opts conformance.Options) http.Handler {
	r := New(opts)
	r.Use(corsgin.Middleware(p))
	for _, m := range conformance.AppMethods {
		r.Handle(m, conformance.PathItems, App)
		r.Handle(m, conformance.PathItems+"/:id", App)
	}
	r.GET(conformance.PathExplicit, App)
	r.OPTIONS(conformance.PathExplicit, func(c *gin.Context) {
		for _, kv := range conformance.AppHeaders {
			c.Header(kv[0], kv[1])
		}
		c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(conformance.ExplicitOptionsBody))
	})
	return r
}

// New returns an engine in release mode with the middlewares that
// opts puts outside CORS.
func New(opts conformance.Options) *gin.Engine {
	ginQuiet.Do(func() { gin.SetMode(gin.ReleaseMode) })
	r := gin.New()
	if opts.OuterVary != "" {
		v := opts.OuterVary
		r.Use(func(c *gin.Context) {
			c.Writer.Header().Set("Vary", v)
			c.Next()
		})
	}
	return r
}

func App(c *gin.Context) {
	for _, kv := range conformance.AppHeaders {
		c.Header(kv[0], kv[1])
	}
	r := c.Request
	c.Data(http.StatusOK, "application/json", conformance.AppJSON(r.Method, r.URL.Path, r.Header.Get("Cookie")))
}
