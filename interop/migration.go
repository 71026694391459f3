package interop

import (
	"io"
	"log"
	"net"
	"net/http"
	"time"

	gincors "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	chicors "github.com/go-chi/cors"
	"github.com/gofiber/fiber/v2"
	fibercors "github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/labstack/echo/v4"
	echomw "github.com/labstack/echo/v4/middleware"
	"github.com/rs/cors"

	"github.com/crossgate/crossgate/check"
	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsgin "github.com/crossgate/crossgate/gin"
	corshttp "github.com/crossgate/crossgate/http"
)

// Migration is one page of docs/migrate played for real: the library set
// up as the page's example is, and crossgate set up as the page's
// translation of it, on servers answering Path for every method.
type Migration struct {
	Name string
	Page string // relative to the repository root
	// Rival and Crossgate serve the two sides on 127.0.0.1 and return the
	// base URL and a function that stops the server.
	Rival, Crossgate func() (base string, stop func(), err error)
	// Origins are the pages the calls come from: those the example allows,
	// and one it does not.
	Origins []string
	// Differences are the ones the page states; compare must find these
	// and no other.
	Differences []Documented
}

// Documented is a difference a migration page states: the verdicts compare
// gives the library (A) and crossgate (B) on a class of calls, how many
// calls the class has, and a phrase of the page that states it.
type Documented struct {
	A, B  string
	Calls int
	Says  string
}

// The origins the pages' examples name.
const (
	appOrigin     = "https://app.example.com"
	subOrigin     = "https://eu.api.example.com" // under https://*.example.com
	foreignOrigin = "https://evil.example.net"
	// tenantOrigin is the origin the pages' callbacks approve: a tenant
	// looked up in a store, where the static list has only the app.
	tenantOrigin = "https://acme.tenants.example.org"
)

// isTenant stands for the origin callback each library's example passes:
// it approves the tenant's origin only.
func isTenant(origin string) bool { return origin == tenantOrigin }

// MigrationCalls are the fetch() calls every page is compared on: each
// method a page's example lists or leaves out, without a header and with
// each header the examples list or leave out (Matrix adds credentials or
// not).
func MigrationCalls(origins []string) check.Matrix {
	return check.Matrix{
		Origins: origins,
		Methods: []string{"GET", "PUT", "DELETE", "PATCH"},
		HeaderSets: [][]check.Header{nil,
			{{Name: "Content-Type", Value: "application/json"}},
			{{Name: "Authorization", Value: "Bearer t"}},
			{{Name: "X-Other", Value: "1"}},
		},
	}
}

// Migrations are the pages' examples and their translations, the echo v5
// and fiber v3 ones last (migration_majors.go).
var Migrations = append([]Migration{
	{
		Name: "rs/cors", Page: "docs/migrate/rs-cors.md",
		Origins: []string{appOrigin, subOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			c := cors.New(cors.Options{
				AllowedOrigins:       []string{"https://app.example.com", "https://*.example.com"},
				AllowedMethods:       []string{"GET", "POST", "PUT", "DELETE"},
				AllowedHeaders:       []string{"Content-Type", "Authorization"},
				ExposedHeaders:       []string{"X-Request-Id"},
				AllowCredentials:     true,
				MaxAge:               600,
				OptionsSuccessStatus: 200,
				Debug:                true,
				Logger:               log.New(io.Discard, "", 0),
			})
			return serveHTTP(c.Handler(handler(Setup{})))
		},
		Crossgate: func() (string, func(), error) {
			policy, err := core.New(core.Config{
				Origins:         []string{"https://app.example.com", "https://*.example.com"},
				Methods:         []string{"PUT", "DELETE"},
				RequestHeaders:  []string{"Content-Type", "Authorization"},
				ExposedHeaders:  []string{"X-Request-Id"},
				Credentials:     true,
				MaxAge:          600 * time.Second,
				PreflightStatus: 200,
			})
			if err != nil {
				return "", nil, err
			}
			return serveHTTP(corshttp.Middleware(policy)(handler(Setup{})))
		},
	},
	{
		Name: "rs/cors AllowOriginFunc", Page: "docs/migrate/rs-cors.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			c := cors.New(cors.Options{
				AllowedOrigins:   []string{"https://app.example.com"}, // ignored: AllowOriginFunc is set
				AllowOriginFunc:  isTenant,
				AllowedMethods:   []string{"GET", "PUT"},
				AllowedHeaders:   []string{"Content-Type"},
				AllowCredentials: true,
			})
			return serveHTTP(c.Handler(handler(Setup{})))
		},
		Crossgate: func() (string, func(), error) {
			return serveMiddleware(corshttp.New, core.Config{
				OriginFunc:     isTenant, // Origins left empty, as rs/cors ignored them
				Methods:        []string{"PUT"},
				RequestHeaders: []string{"Content-Type"},
				Credentials:    true,
			}, Setup{})
		},
	},
	{
		// The port that looks faithful and is not: crossgate asks Origins
		// first, so the origin rs/cors ignored becomes allowed.
		Name: "rs/cors AllowOriginFunc, both fields ported", Page: "docs/migrate/rs-cors.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			c := cors.New(cors.Options{
				AllowedOrigins:   []string{"https://app.example.com"},
				AllowOriginFunc:  isTenant,
				AllowedMethods:   []string{"GET", "PUT"},
				AllowedHeaders:   []string{"Content-Type"},
				AllowCredentials: true,
			})
			return serveHTTP(c.Handler(handler(Setup{})))
		},
		Crossgate: func() (string, func(), error) {
			return serveMiddleware(corshttp.New, core.Config{
				Origins:        []string{"https://app.example.com"},
				OriginFunc:     isTenant,
				Methods:        []string{"PUT"},
				RequestHeaders: []string{"Content-Type"},
				Credentials:    true,
			}, Setup{})
		},
		Differences: []Documented{
			{A: "blocked (origin)", B: "allowed", Calls: 8, Says: "porting both fields widens access"},
			{A: "blocked (origin)", B: "blocked (header)", Calls: 8, Says: "refused for their method or header rather than their origin"},
			{A: "blocked (origin)", B: "blocked (method)", Calls: 16, Says: "refused for their method or header rather than their origin"},
		},
	},
	{
		Name: "go-chi/cors", Page: "docs/migrate/go-chi-cors.md",
		Origins: []string{appOrigin, "http://localhost:5173", foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveHTTP(chicors.Handler(chicors.Options{
				AllowedOrigins:   []string{"https://*", "http://*"},
				AllowedMethods:   []string{"GET", "POST", "PUT", "DELETE", "OPTIONS"},
				AllowedHeaders:   []string{"Accept", "Authorization", "Content-Type", "X-CSRF-Token"},
				ExposedHeaders:   []string{"Link"},
				AllowCredentials: false,
				MaxAge:           300,
			})(handler(Setup{})))
		},
		Crossgate: func() (string, func(), error) {
			return serveMiddleware(corschi.New, core.Config{
				Origins:         []string{"*"},
				Methods:         []string{"PUT", "DELETE"},
				RequestHeaders:  []string{"Accept", "Authorization", "Content-Type", "X-CSRF-Token"},
				ExposedHeaders:  []string{"Link"},
				MaxAge:          300 * time.Second,
				PreflightStatus: 200,
			}, Setup{})
		},
		Differences: []Documented{
			{A: "blocked (origin; root cause header x-other)", B: "blocked (credentials)", Calls: 9, Says: "Credentialed calls** are blocked by both"},
			{A: "blocked (origin; root cause method PATCH)", B: "blocked (credentials)", Calls: 9, Says: "Credentialed calls** are blocked by both"},
			{A: "blocked (origin; root cause method PATCH, x-other)", B: "blocked (credentials)", Calls: 3, Says: "Credentialed calls** are blocked by both"},
		},
	},
	{
		Name: "go-chi/cors AllowOriginFunc", Page: "docs/migrate/go-chi-cors.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveHTTP(chicors.Handler(chicors.Options{
				AllowedOrigins:   []string{"https://app.example.com"}, // ignored: AllowOriginFunc is set
				AllowOriginFunc:  func(r *http.Request, origin string) bool { return isTenant(origin) },
				AllowedMethods:   []string{"GET", "PUT"},
				AllowedHeaders:   []string{"Content-Type"},
				AllowCredentials: true,
			})(handler(Setup{})))
		},
		Crossgate: func() (string, func(), error) {
			return serveMiddleware(corschi.New, core.Config{
				OriginFunc:     isTenant,
				Methods:        []string{"PUT"},
				RequestHeaders: []string{"Content-Type"},
				Credentials:    true,
			}, Setup{})
		},
	},
	{
		Name: "gin-contrib/cors", Page: "docs/migrate/gin-contrib-cors.md",
		Origins: []string{appOrigin, subOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			config := gincors.DefaultConfig()
			config.AllowOrigins = []string{"https://app.example.com"}
			config.AllowCredentials = true
			config.AddAllowHeaders("Authorization")
			return serveGin(gincors.New(config))
		},
		Crossgate: func() (string, func(), error) {
			cors, err := corsgin.New(core.Config{
				Origins:        []string{"https://app.example.com"},
				Methods:        []string{"PUT", "PATCH", "DELETE"},
				RequestHeaders: []string{"Content-Type", "Authorization"},
				Credentials:    true,
				MaxAge:         12 * time.Hour,
			})
			if err != nil {
				return "", nil, err
			}
			return serveGin(cors)
		},
	},
	{
		Name: "gin-contrib/cors AllowOriginFunc", Page: "docs/migrate/gin-contrib-cors.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			config := gincors.DefaultConfig()
			config.AllowOrigins = []string{"https://app.example.com"}
			config.AllowOriginFunc = isTenant // asked after the list
			config.AllowCredentials = true
			return serveGin(gincors.New(config))
		},
		Crossgate: func() (string, func(), error) {
			cors, err := corsgin.New(core.Config{
				Origins:        []string{"https://app.example.com"},
				OriginFunc:     isTenant,
				Methods:        []string{"PUT", "PATCH", "DELETE"},
				RequestHeaders: []string{"Content-Type"},
				Credentials:    true,
				MaxAge:         12 * time.Hour,
			})
			if err != nil {
				return "", nil, err
			}
			return serveGin(cors)
		},
	},
	{
		Name: "echo", Page: "docs/migrate/echo.md",
		Origins: []string{appOrigin, subOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveEcho(echomw.CORSWithConfig(echomw.CORSConfig{
				Skipper:      func(c echo.Context) bool { return c.Path() == "/healthz" },
				AllowOrigins: []string{"https://app.example.com"},
				AllowMethods: []string{http.MethodGet, http.MethodPut, http.MethodDelete},
				MaxAge:       3600,
			}))
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
			return serveEcho(corsecho.MiddlewareWithConfig(corsecho.Config{
				Policy:  policy,
				Skipper: func(c echo.Context) bool { return c.Path() == "/healthz" },
			}))
		},
		Differences: []Documented{
			{A: "allowed", B: "blocked (header)", Calls: 6, Says: "echo echoes back whatever `Access-Control-Request-Headers` asks"},
		},
	},
	{
		Name: "echo AllowOriginFunc", Page: "docs/migrate/echo.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveEcho(echomw.CORSWithConfig(echomw.CORSConfig{
				AllowOrigins:     []string{"https://app.example.com"}, // ignored: AllowOriginFunc is set
				AllowOriginFunc:  func(origin string) (bool, error) { return isTenant(origin), nil },
				AllowMethods:     []string{http.MethodGet, http.MethodPut},
				AllowHeaders:     []string{"Content-Type"},
				AllowCredentials: true,
			}))
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
			return serveEcho(cors)
		},
	},
	{
		Name: "fiber", Page: "docs/migrate/fiber.md",
		Origins: []string{appOrigin, subOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveFiber(fibercors.New(fibercors.Config{
				Next:             func(c *fiber.Ctx) bool { return c.Path() == "/healthz" },
				AllowOrigins:     "https://app.example.com, https://*.example.com",
				AllowHeaders:     "Origin, Content-Type, Accept",
				AllowCredentials: true,
				MaxAge:           3600,
			}))
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
			return serveFiber(corsfiber.MiddlewareWithConfig(corsfiber.Config{
				Policy: policy,
				Next:   func(c *fiber.Ctx) bool { return c.Path() == "/healthz" },
			}))
		},
		// fiber v2.52.15 splits "a, https://*.example.com" keeping the
		// space, and its pattern then never matches.
		Differences: []Documented{
			{A: "blocked (origin)", B: "allowed", Calls: 16, Says: "fiber v2 never matched the example's `https://*.example.com`"},
			{A: "blocked (origin)", B: "blocked (header)", Calls: 16, Says: "fiber v2 never matched the example's `https://*.example.com`"},
		},
	},
	{
		Name: "fiber AllowOriginsFunc", Page: "docs/migrate/fiber.md",
		Origins: []string{appOrigin, tenantOrigin, foreignOrigin},
		Rival: func() (string, func(), error) {
			return serveFiber(fibercors.New(fibercors.Config{
				AllowOrigins:     "https://app.example.com",
				AllowOriginsFunc: isTenant, // asked after AllowOrigins
				AllowHeaders:     "Content-Type",
				AllowCredentials: true,
			}))
		},
		Crossgate: func() (string, func(), error) {
			cors, err := corsfiber.New(core.Config{
				Origins:        []string{"https://app.example.com"},
				OriginFunc:     isTenant,
				Methods:        []string{"PUT", "DELETE", "PATCH"},
				RequestHeaders: []string{"Content-Type"},
				Credentials:    true,
			})
			if err != nil {
				return "", nil, err
			}
			return serveFiber(cors)
		},
	},
}, currentMajorMigrations...)

// serveGin serves mw on a gin engine, before a route answering Path.
func serveGin(mw gin.HandlerFunc) (string, func(), error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(mw)
	r.Any(Path, func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	return serveHTTP(r)
}

// serveEcho serves mw on an echo server, before a route answering Path.
func serveEcho(mw echo.MiddlewareFunc) (string, func(), error) {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(mw)
	e.Any(Path, func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	return serveHTTP(e)
}

// serveFiber serves mw on a fiber app, before a route answering Path.
func serveFiber(mw fiber.Handler) (base string, stop func(), err error) {
	defer recoverSetup(&err)
	a := fiber.New(fiber.Config{DisableStartupMessage: true})
	a.Use(mw)
	a.All(Path, func(c *fiber.Ctx) error { return c.SendString("ok") })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go a.Listener(ln)
	return "http://" + ln.Addr().String(), func() { a.Shutdown() }, nil
}
