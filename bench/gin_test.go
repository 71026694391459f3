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
var ginLibs = []struct {
	name  string
	build func(s *scenario, p policy) (gin.HandlerFunc, error)
}{
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
func ginEngine(mw gin.HandlerFunc) *gin.Engine {
	e := gin.New()
	if mw != nil {
		e.Use(mw)
	}
	e.GET("/", func(c *gin.Context) { app.ServeHTTP(c.Writer, c.Request) })
	return e
}

func BenchmarkGin(b *testing.B) {
	for i := range scenarios {
		s := &scenarios[i]
		b.Run(s.name, func(b *testing.B) {
			for _, lib := range ginLibs {
				b.Run(lib.name, func(b *testing.B) {
					b.ReportAllocs()
					if why := skipReason("Gin", s.name, lib.name); why != "" {
						b.Skip(why)
					}
					mw, err := lib.build(s, policies[s.policy])
					if err != nil {
						b.Fatal(err)
					}
					e, r, w := ginEngine(mw), s.httpRequest(), newWriter()
					b.ResetTimer()
					for b.Loop() {
						w.reset()
						e.ServeHTTP(w, r)
					}
				})
			}
		})
	}
}

func TestGinOutcomes(t *testing.T) {
	for i := range scenarios {
		s := &scenarios[i]
		for _, lib := range ginLibs {
			t.Run(s.name+"/"+lib.name, func(t *testing.T) {
				if why := skipReason("Gin", s.name, lib.name); why != "" {
					t.Skip(why)
				}
				mw, err := lib.build(s, policies[s.policy])
				if err != nil {
					t.Fatal(err)
				}
				w := newWriter()
				before := appHits
				ginEngine(mw).ServeHTTP(w, s.httpRequest())
				checkOutcome(t, s, lib.name, response{w.status, w.h, appHits > before})
			})
		}
	}
}

var _ http.Handler = (*gin.Engine)(nil)
