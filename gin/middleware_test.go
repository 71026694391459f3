package corsgin_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/crossgate/crossgate/internal/adaptertest"
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

// router is an application with the middleware attached to the engine.
// /r has no OPTIONS handler, so only engine middleware sees preflights to
// it; /own answers OPTIONS itself. outerVary adds an outer middleware that
// sets Vary before CORS runs.
func router(t *testing.T, pass, outerVary bool) http.Handler {
	t.Helper()
	mw, err := corsgin.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	r := gin.New()
	if outerVary {
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

func TestMiddleware(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		router(t, c.Pass, c.OuterVary).ServeHTTP(rec, req)
		return rec.Result()
	})
}
