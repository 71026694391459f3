package bench

import (
	"net/http"
	"testing"
	"time"

	corsgin "github.com/crossgate/crossgate/gin"
	gincontrib "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// ginLibs builds, for a scenario, each library's middleware; nil means no
// middleware at all.
var ginLibs = []library[gin.HandlerFunc]{
	{"crossgate", func(_ *scenario, p policy) (gin.HandlerFunc, error) {
		return corsgin.New(p.crossgateConfig())
	}},
	{"gincontrib", func(_ *scenario, p policy) (gin.HandlerFunc, error) {
		return gincontrib.New(gincontrib.Config{
			AllowOrigins:     p.origins,
			AllowMethods:     p.methods,
			AllowHeaders:     p.requestHeaders,
			ExposeHeaders:    p.exposed,
			AllowCredentials: p.credentials,
			MaxAge:           time.Duration(p.maxAge) * time.Second,
			AllowWildcard:    p.wildcard,
		}), nil
	}},
	{"floor", func(s *scenario, _ policy) (gin.HandlerFunc, error) {
		f := newHTTPFloor(s)
		return func(c *gin.Context) {
			if end, status := f.answer(c.Request, c.Writer.Header()); end {
				c.AbortWithStatus(status)
			}
		}, nil
	}},
	{"writeonly", func(s *scenario, _ policy) (gin.HandlerFunc, error) {
		names, vals := lines(s.want)
		end, status := s.preflight, s.status
		return func(c *gin.Context) {
			h := c.Writer.Header()
			for i, n := range names {
				h[n] = vals[i]
			}
			if end {
				c.AbortWithStatus(status)
			}
		}, nil
	}},
	{"none", func(*scenario, policy) (gin.HandlerFunc, error) { return nil, nil }},
}

// ginEngine attaches mw at router level, where preflights to a route
// without an OPTIONS handler reach it, and serves app on GET /.
func ginEngine(mw gin.HandlerFunc) http.Handler {
	e := gin.New()
	if mw != nil {
		e.Use(mw)
	}
	e.GET("/", func(c *gin.Context) { app.ServeHTTP(c.Writer, c.Request) })
	return e
}

func BenchmarkGin(b *testing.B) { benchHTTP(b, "Gin", ginLibs, ginEngine) }

func TestGinOutcomes(t *testing.T) { testHTTPOutcomes(t, "Gin", ginLibs, ginEngine) }
