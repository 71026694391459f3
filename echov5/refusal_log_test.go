package corsecho_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v5"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echov5"
)

func TestRefusalLogs(t *testing.T) {
	adaptertest.RunRefusalLogs(t, func(t *testing.T, p *core.Policy, trust bool) string {
		e := echo.New()
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				r := c.Request()
				c.SetRequest(r.WithContext(context.WithValue(r.Context(), adaptertest.RequestIDKey, r.Header.Get("X-Request-Id"))))
				return next(c)
			}
		})
		e.Use(corsecho.MiddlewareWithConfig(corsecho.Config{Policy: p, TrustProxyHeaders: trust}))
		ok := func(c *echo.Context) error { return c.NoContent(http.StatusOK) }
		e.GET("/r", ok)
		e.POST("/r", ok)
		srv := httptest.NewServer(e)
		t.Cleanup(srv.Close)
		return srv.URL
	})
}
