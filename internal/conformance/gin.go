package conformance

import (
	"net"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
)

// Gin serves the application with gin, crossgate attached with the engine's
// r.Use, the only place where it also runs for 404s.
func Gin() Framework { return Framework{Name: "gin", Serve: serveGin} }

// ginQuiet silences gin's debug-mode route listing once per process.
var ginQuiet sync.Once

func serveGin(ln net.Listener, p *core.Policy, opts Options) (func(), error) {
	return serveHTTP(ln, ginEngine(p, opts), opts)
}

// ginEngine is the application in gin, without a server.
func ginEngine(p *core.Policy, opts Options) http.Handler {
	r := newGinEngine(opts)
	r.Use(corsgin.Middleware(p))
	for _, m := range appMethods {
		r.Handle(m, pathItems, appGin)
		r.Handle(m, pathItems+"/:id", appGin)
	}
	r.GET(pathExplicit, appGin)
	r.OPTIONS(pathExplicit, func(c *gin.Context) {
		for _, kv := range appHeaders {
			c.Header(kv[0], kv[1])
		}
		c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(explicitOptionsBody))
	})
	return r
}

// newGinEngine returns an engine in release mode with the middlewares that
// opts puts outside CORS.
func newGinEngine(opts Options) *gin.Engine {
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

func appGin(c *gin.Context) {
	for _, kv := range appHeaders {
		c.Header(kv[0], kv[1])
	}
	r := c.Request
	c.Data(http.StatusOK, "application/json", appJSON(r.Method, r.URL.Path, r.Header.Get("Cookie")))
}
