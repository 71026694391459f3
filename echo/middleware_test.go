package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// The origins and policy of the shared cases, by the names this package's
// other tests use.
const (
	allowed       = adaptertest.Allowed
	refused       = adaptertest.Refused
	preflightVary = adaptertest.PreflightVary
)

func config(pass bool) core.Config { return adaptertest.Config(pass) }

// router is an application with the middleware attached with e.Use,
// built as c says. /r has no OPTIONS handler, so echo's automatic OPTIONS
// handler would answer a preflight to it; /own answers OPTIONS itself.
// c.OuterVary adds an outer middleware that sets Vary before CORS runs;
// c.Skip gives the middleware a Skipper for requests with
// adaptertest.SkipHeader.
func router(t *testing.T, c adaptertest.Case) http.Handler {
	t.Helper()
	p, err := core.New(config(c.Pass))
	if err != nil {
		t.Fatal(err)
	}
	mw := corsecho.Middleware(p)
	if c.Skip {
		mw = corsecho.MiddlewareWithConfig(corsecho.Config{
			Policy:         p,
			Skipper:        func(c echo.Context) bool { return c.Request().Header.Get(adaptertest.SkipHeader) != "" },
			SkipPreflights: c.SkipPreflights,
		})
	}
	e := echo.New()
	if c.OuterVary {
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

// serve answers req with router(c).
func serve(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	router(t, c).ServeHTTP(rec, req)
	return rec.Result()
}

func TestMiddleware(t *testing.T) { adaptertest.Run(t, serve) }

func TestSkip(t *testing.T) { adaptertest.RunSkip(t, serve) }

func TestMust(t *testing.T) {
	adaptertest.CheckMust(t, func(cfg core.Config) { corsecho.Must(cfg) })
}

// TestMiddlewareWithConfigRefusesNoPolicy: a Config without a Policy fails
// when the middleware is built, with a message that says what to set.
func TestMiddlewareWithConfigRefusesNoPolicy(t *testing.T) {
	defer func() {
		if msg, _ := recover().(string); !strings.Contains(msg, "Config.Policy is nil") {
			t.Errorf("panic = %q, want one naming Config.Policy", msg)
		}
	}()
	corsecho.MiddlewareWithConfig(corsecho.Config{Skipper: middleware.DefaultSkipper})
}
