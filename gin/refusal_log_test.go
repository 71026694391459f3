package corsgin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsgin "github.com/crossgate/crossgate/gin"
)

func TestRefusalLogs(t *testing.T) {
	adaptertest.RunRefusalLogs(t, func(t *testing.T, p *core.Policy, trust bool) string {
		r := gin.New()
		r.Use(func(c *gin.Context) {
			ctx := context.WithValue(c.Request.Context(), adaptertest.RequestIDKey, c.GetHeader("X-Request-Id"))
			c.Request = c.Request.WithContext(ctx)
			c.Next()
		})
		r.Use(corsgin.MiddlewareWithOptions(p, corsgin.Options{TrustProxyHeaders: trust}))
		ok := func(c *gin.Context) { c.Status(http.StatusOK) }
		r.GET("/r", ok)
		r.POST("/r", ok)
		srv := httptest.NewServer(r)
		t.Cleanup(srv.Close)
		return srv.URL
	})
}
