package interop

import (
	"net"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"
	fibercors "github.com/gofiber/fiber/v3/middleware/cors"
	"github.com/labstack/echo/v5"
	echomw "github.com/labstack/echo/v5/middleware"

	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echov5"
	corsfiber "github.com/crossgate/crossgate/fiberv3"
)

// currentMajorMigrations are the echo v5 and fiber v3 examples of the echo
// and fiber pages: each library's own middleware, whose semantics differ
// from the earlier majors', beside the translation through crossgate's
// echov5 and fiberv3 adapters.
var currentMajorMigrations = []Migration{
	{
		Name: "echo v5", Page: "docs/migrate/echo.md",
		Origins: []string{appOrigin, subOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			mw, err := echomw.CORSConfig{
				Skipper:      func(c *echo.Context) bool { return c.Path() == "/healthz" },
				AllowOrigins: []string{"https://app.example.com"},
				AllowMethods: []string{http.MethodGet, http.MethodPut, http.MethodDelete},
				MaxAge:       3600,
			}.ToMiddleware()
			if err != nil {
				return "", nil, err
			}
			return serveEchoV5(mw)
		},
		Crossgate: func() (string, func(), error) {
			policy, err := core.New(core.Config{
				Origins:        []string{"https://app.example.com"},
				Methods:        []string{"PUT", "DELETE"},
				RequestHeaders: []string{"Content-Type"},
				MaxAge:         time.Hour,
			})
			if err != nil {
				return "", nil, err
			}
			return serveEchoV5(corsecho.MiddlewareWithConfig(corsecho.Config{
				Policy:  policy,
				Skipper: func(c *echo.Context) bool { return c.Path() == "/healthz" },
			}))
		},
		// v5 still echoes the requested headers when AllowHeaders is empty.
		Differences: []Documented{
			{A: "allowed", B: "blocked (header)", Calls: 6, Says: "echo v5 echoes them as v4 did"},
		},
	},
	{
		Name: "echo v5 UnsafeAllowOriginFunc", Page: "docs/migrate/echo.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			mw, err := echomw.CORSConfig{
				AllowOrigins: []string{"https://app.example.com"}, // ignored: UnsafeAllowOriginFunc is set
				UnsafeAllowOriginFunc: func(c *echo.Context, origin string) (string, bool, error) {
					return origin, isTenant(origin), nil
				},
				AllowMethods:     []string{http.MethodGet, http.MethodPut},
				AllowHeaders:     []string{"Content-Type"},
				AllowCredentials: true,
			}.ToMiddleware()
			if err != nil {
				return "", nil, err
			}
			return serveEchoV5(mw)
		},
		Crossgate: func() (string, func(), error) {
			cors, err := corsecho.New(core.Config{
				OriginFunc:     isTenant,
				Methods:        []string{"PUT"},
				RequestHeaders: []string{"Content-Type"},
				Credentials:    true,
			})
			if err != nil {
				return "", nil, err
			}
			return serveEchoV5(cors)
		},
	},
	{
		Name: "fiber v3", Page: "docs/migrate/fiber.md",
		Origins: []string{appOrigin, subOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveFiberV3(func() fiber.Handler {
				return fibercors.New(fibercors.Config{
					Next:             func(c fiber.Ctx) bool { return c.Path() == "/healthz" },
					AllowOrigins:     []string{"https://app.example.com", "https://*.example.com"},
					AllowHeaders:     []string{"Origin", "Content-Type", "Accept"},
					AllowCredentials: true,
					MaxAge:           3600,
				})
			})
		},
		Crossgate: func() (string, func(), error) {
			policy, err := core.New(core.Config{
				Origins:        []string{"https://app.example.com", "https://*.example.com"},
				Methods:        []string{"PUT", "DELETE", "PATCH"},
				RequestHeaders: []string{"Content-Type", "Accept"},
				Credentials:    true,
				MaxAge:         time.Hour,
			})
			if err != nil {
				return "", nil, err
			}
			return serveFiberV3(func() fiber.Handler {
				return corsfiber.MiddlewareWithConfig(corsfiber.Config{
					Policy: policy,
					Next:   func(c fiber.Ctx) bool { return c.Path() == "/healthz" },
				})
			})
		},
	},
	{
		Name: "fiber v3 AllowOriginsFunc", Page: "docs/migrate/fiber.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveFiberV3(func() fiber.Handler {
				return fibercors.New(fibercors.Config{
					AllowOrigins:     []string{"https://app.example.com"},
					AllowOriginsFunc: isTenant, // asked after AllowOrigins
					AllowHeaders:     []string{"Content-Type"},
					AllowCredentials: true,
				})
			})
		},
		Crossgate: func() (string, func(), error) {
			return serveFiberV3(func() fiber.Handler {
				return corsfiber.Must(core.Config{
					Origins:        []string{"https://app.example.com"},
					OriginFunc:     isTenant,
					Methods:        []string{"PUT", "DELETE", "PATCH"},
					RequestHeaders: []string{"Content-Type"},
					Credentials:    true,
				})
			})
		},
	},
}

// serveEchoV5 serves mw on an echo v5 server, before a route answering
// Path.
func serveEchoV5(mw echo.MiddlewareFunc) (string, func(), error) {
	e := echo.New()
	e.Use(mw)
	e.Any(Path, func(c *echo.Context) error { return c.String(http.StatusOK, "ok") })
	return serveHTTP(e)
}

// serveFiberV3 serves the middleware mw builds on a fiber v3 app, before a
// route answering Path. mw is called under recoverSetup: fiber's cors
// panics on a configuration it refuses.
func serveFiberV3(mw func() fiber.Handler) (base string, stop func(), err error) {
	defer recoverSetup(&err)
	a := fiber.New()
	a.Use(mw())
	a.All(Path, func(c fiber.Ctx) error { return c.SendString("ok") })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go a.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	return "http://" + ln.Addr().String(), func() { a.Shutdown() }, nil
}
