package interop

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	gincors "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	fibercors "github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/labstack/echo/v4"
	echomw "github.com/labstack/echo/v4/middleware"
	"github.com/rs/cors"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
)

// Library is a CORS middleware from some library, mounted as its
// documentation says on a server that answers Path for every method.
type Library struct {
	Name string
	// Start serves s on 127.0.0.1 and returns the server's base URL and a
	// function that stops it. An error means the library refuses s at
	// setup (crossgate and fiber refuse "*" with credentials).
	Start func(s Setup) (base string, stop func(), err error)
}

// Libraries are the middlewares the proof plays.
var Libraries = []Library{
	{"crossgate", startCrossgate},
	{"rs/cors", startRSCors},
	{"gin-contrib/cors", startGinContrib},
	{"echo", startEcho},
	{"fiber", startFiber},
}

// errUnsupported: the library has no option for this setup.
var errUnsupported = errors.New("the library has no such option")

// app adds to the middleware's headers what s's mistakes add: a Vary that
// replaces the middleware's, a second Access-Control-Allow-Origin.
func app(s Setup, header http.Header) {
	if s.ClobberVary {
		header.Set("Vary", "Accept-Encoding")
	}
	if s.AppSetsOrigin {
		header.Add("Access-Control-Allow-Origin", "*")
	}
}

func serveHTTP(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// handler is the application behind a net/http middleware: Path for every
// method but OPTIONS, which it refuses as a router without an OPTIONS
// route does.
func handler(s Setup) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		app(s, w.Header())
		w.Write([]byte("ok"))
	})
}

// unsupported refuses setups that need an option the library lacks.
func unsupported(s Setup) error {
	if s.PassPreflight {
		return errUnsupported
	}
	return nil
}

func startCrossgate(s Setup) (string, func(), error) {
	return serveMiddleware(corschi.New, core.Config{Origins: s.Origins, Methods: s.Methods, RequestHeaders: s.Headers, Credentials: s.Credentials, PassPreflight: s.PassPreflight}, s)
}

// serveMiddleware serves handler(s) behind the net/http middleware that
// newMiddleware builds from cfg: corschi.New, or corshttp.New where a
// migration page shows that.
func serveMiddleware(newMiddleware func(core.Config) (func(http.Handler) http.Handler, error), cfg core.Config, s Setup) (string, func(), error) {
	mw, err := newMiddleware(cfg)
	if err != nil {
		return "", nil, err
	}
	return serveHTTP(mw(handler(s)))
}

func startRSCors(s Setup) (string, func(), error) {
	c := cors.New(cors.Options{AllowedOrigins: s.Origins, AllowedMethods: s.Methods, AllowedHeaders: s.Headers, AllowCredentials: s.Credentials, OptionsPassthrough: s.PassPreflight})
	return serveHTTP(c.Handler(handler(s)))
}

func startGinContrib(s Setup) (base string, stop func(), err error) {
	if err := unsupported(s); err != nil {
		return "", nil, err
	}
	defer recoverSetup(&err)
	gin.SetMode(gin.ReleaseMode)
	cfg := gincors.Config{AllowMethods: s.Methods, AllowHeaders: s.Headers, AllowCredentials: s.Credentials}
	if len(s.Origins) == 1 && s.Origins[0] == "*" {
		cfg.AllowAllOrigins = true
	} else {
		cfg.AllowOrigins = s.Origins
	}
	r := gin.New()
	r.Use(gincors.New(cfg))
	r.Any(Path, func(c *gin.Context) {
		app(s, c.Writer.Header())
		c.String(http.StatusOK, "ok")
	})
	return serveHTTP(r)
}

func startEcho(s Setup) (string, func(), error) {
	if err := unsupported(s); err != nil {
		return "", nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(echomw.CORSWithConfig(echomw.CORSConfig{AllowOrigins: s.Origins, AllowMethods: s.Methods, AllowHeaders: s.Headers, AllowCredentials: s.Credentials}))
	e.Any(Path, func(c echo.Context) error {
		app(s, c.Response().Header())
		return c.String(http.StatusOK, "ok")
	})
	return serveHTTP(e)
}

func startFiber(s Setup) (base string, stop func(), err error) {
	if err := unsupported(s); err != nil {
		return "", nil, err
	}
	defer recoverSetup(&err)
	a := fiber.New(fiber.Config{DisableStartupMessage: true})
	a.Use(fibercors.New(fibercors.Config{
		AllowOrigins:     strings.Join(s.Origins, ","),
		AllowMethods:     strings.Join(s.Methods, ","),
		AllowHeaders:     strings.Join(s.Headers, ","),
		AllowCredentials: s.Credentials,
	}))
	a.All(Path, func(c *fiber.Ctx) error {
		if s.ClobberVary {
			c.Set("Vary", "Accept-Encoding")
		}
		if s.AppSetsOrigin {
			c.Response().Header.Add("Access-Control-Allow-Origin", "*")
		}
		return c.SendString("ok")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go a.Listener(ln)
	return "http://" + ln.Addr().String(), func() { a.Shutdown() }, nil
}

// recoverSetup turns a library's panic on a configuration it refuses into
// an error.
func recoverSetup(err *error) {
	if v := recover(); v != nil {
		*err = errors.Join(*err, fmt.Errorf("refused at setup: %v", v))
	}
}
