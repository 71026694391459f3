package corsgin_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/gin-gonic/gin"
)

// The origins and policy of the shared cases, by the names this package's
// other tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)

func TestMain(m *testing.M) {
	// Debug mode prints route tables to stdout, which Example's output
	// would then contain.
	gin.SetMode(gin.ReleaseMode)
	os.Exit(m.Run())
}

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// router is an application with the middleware attached to the engine,
// built as c says. /r has no OPTIONS handler, so only engine middleware
// sees preflights to it; /own answers OPTIONS itself. c.OuterVary adds an
// outer middleware that sets Vary before CORS runs; c.Skip gives the
// middleware a Skip predicate for requests with adaptertest.SkipHeader.
func router(t *testing.T, c adaptertest.Case) http.Handler {
	t.Helper()
	p, err := core.New(config(c.Pass))
	if err != nil {
		t.Fatal(err)
	}
	mw := corsgin.Middleware(p)
	if c.Skip {
		mw = corsgin.MiddlewareWithOptions(p, corsgin.Options{
			Skip:           func(c *gin.Context) bool { return c.GetHeader(adaptertest.SkipHeader) != "" },
			SkipPreflights: c.SkipPreflights,
		})
	}
	r := gin.New()
	if c.OuterVary {
		r.Use(func(c *gin.Context) { c.Header("Vary", "Accept-Encoding") })
	}
	r.Use(mw)
	app := func(c *gin.Context) {
		c.Header("X-App", "ran")
		c.String(http.StatusOK, "app")
	}
	r.GET("/r", app)
	r.PUT("/r", app)
	r.OPTIONS("/own", app)
	return r
}

// serve answers req with router(c).
func serve(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	router(t, c).ServeHTTP(rec, req)
	return rec.Result()
}

func TestMiddleware(t *testing.T) { adaptertest.Run(t, serve) }

func TestSkip(t *testing.T) { adaptertest.RunSkip(t, serve) }

func TestMust(t *testing.T) {
	adaptertest.CheckMust(t, func(cfg core.Config) { corsgin.Must(cfg) })
}
