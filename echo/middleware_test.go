package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	"github.com/crossgate/crossgate/internal/adaptertest"
	"github.com/labstack/echo/v4"
)

// The origins and policy of the shared cases, by the names this package's
// other tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// router is an application with the middleware attached with e.Use.
// /r has no OPTIONS handler, so echo's automatic OPTIONS handler would
// answer a preflight to it; /own answers OPTIONS itself. outerVary adds an outer middleware that
// sets Vary before CORS runs.
func router(t *testing.T, pass, outerVary bool) http.Handler {
	t.Helper()
	mw, err := corsecho.New(config(pass))
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	if outerVary {
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				c.Response().Header().Set("Vary", "Accept-Encoding")
				return next(c)
			}
		})
	}
	e.Use(mw)
	app := func(c echo.Context) error {
		c.Response().Header().Set("X-App", "ran")
		return c.String(http.StatusOK, "app")
	}
	e.GET("/r", app)
	e.PUT("/r", app)
	e.OPTIONS("/own", app)
	return e
}

func TestMiddleware(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		router(t, c.Pass, c.OuterVary).ServeHTTP(rec, req)
		return rec.Result()
	})
}
