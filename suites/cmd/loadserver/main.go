// Command loadserver serves a small application in one framework on a
// loopback address, with crossgate attached at the router level or with no
// middleware at all, for scripts/wrk.sh to load. It lives under internal so
// that it never reaches users; it prints the address it listens on, then
// serves until interrupted.
//
// The application answers GET /api/items/{id} with 200 and a short body,
// and OPTIONS on the same path with 204 and no header: without middleware
// that is the cheapest answer a framework gives a preflight, so "none"
// measures the framework and the server alone. With crossgate, preflights
// end in the middleware before routing.
package main

import (
	"flag"
	"fmt"
	corsfasthttp "github.com/crossgate/crossgate/fasthttp"
	"github.com/valyala/fasthttp"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"syscall"
	"time"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/conformance/tenants"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsechov5 "github.com/crossgate/crossgate/echov5"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiberv3 "github.com/crossgate/crossgate/fiberv3"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
)

// config is the policy under load: n tenant patterns ("https://*.tNNNNNN.
// tenants.example"), a method, a request header, an exposed header,
// credentials and Max-Age. The origin scripts/wrk.sh sends is the middle
// tenant's (see -print-origin).
func config(n int) core.Config {
	return core.Config{
		Origins:        tenants.Origins(0, n),
		Methods:        []string{"PUT"},
		RequestHeaders: []string{"X-Token"},
		ExposedHeaders: []string{"X-Exposed"},
		Credentials:    true,
		MaxAge:         10 * time.Minute,
	}
}

const body = `{"id":"42"}`

func main() {
	name := flag.String("framework", "chi", "chi, gin, echo, echov5, fiber or fiberv3")
	mw := flag.String("middleware", "crossgate", "crossgate, none, or writeonly (crossgate's answers written without deciding)")
	n := flag.Int("patterns", 1, "number of tenant patterns in the policy")
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	printOrigin := flag.Bool("print-origin", false, "print an origin the policy allows, and exit")
	flag.Parse()
	if *n < 1 {
		log.Fatalf("-patterns %d: want at least 1", *n)
	}
	if *printOrigin {
		fmt.Println(tenants.PatternHost(*n / 2))
		return
	}
	var p *core.Policy
	var wo *writeOnly
	serve, ok := frameworks[*name]
	if !ok {
		log.Fatalf("unknown framework %q", *name)
	}
	switch *mw {
	case "crossgate", "writeonly":
		var err error
		if p, err = core.New(config(*n)); err != nil {
			log.Fatal(err)
		}
		if *mw == "writeonly" {
			wo = decideOnce(p, tenants.PatternHost(*n/2))
			p = nil
		}
	case "none":
	default:
		log.Fatalf("-middleware %q: want crossgate, none or writeonly", *mw)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		log.Fatalf("refusing to serve on %v: loopback only", ip)
	}
	fmt.Println(ln.Addr())
	go func() { log.Fatal(serve(ln, p, wo)) }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}

// frameworks serve the application on ln, with crossgate enforcing p at
// the router level when p is not nil, or writing wo's answers without
// deciding when wo is not nil.
var frameworks = map[string]func(ln net.Listener, p *core.Policy, wo *writeOnly) error{
	"chi": func(ln net.Listener, p *core.Policy, wo *writeOnly) error {
		r := chi.NewRouter()
		if p != nil {
			r.Use(corschi.Middleware(p))
		}
		if wo != nil {
			r.Use(wo.http)
		}
		r.Get("/api/items/{id}", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		})
		r.Options("/api/items/{id}", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
		return http.Serve(ln, r)
	},
	"gin": func(ln net.Listener, p *core.Policy, wo *writeOnly) error {
		gin.SetMode(gin.ReleaseMode)
		e := gin.New()
		if p != nil {
			e.Use(corsgin.Middleware(p))
		}
		if wo != nil {
			e.Use(func(c *gin.Context) {
				if d := wo.write(c.Writer.Header(), c.Request.Method); d.End {
					c.AbortWithStatus(d.Status)
				}
			})
		}
		e.GET("/api/items/:id", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", []byte(body)) })
		e.OPTIONS("/api/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })
		return http.Serve(ln, e)
	},
	"echo": func(ln net.Listener, p *core.Policy, wo *writeOnly) error {
		e := echo.New()
		if p != nil {
			e.Use(corsecho.Middleware(p))
		}
		if wo != nil {
			e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
				return func(c echo.Context) error {
					if d := wo.write(c.Response().Header(), c.Request().Method); d.End {
						return c.NoContent(d.Status)
					}
					return next(c)
				}
			})
		}
		e.GET("/api/items/:id", func(c echo.Context) error { return c.Blob(http.StatusOK, "application/json", []byte(body)) })
		e.OPTIONS("/api/items/:id", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
		return http.Serve(ln, e)
	},
	"echov5": func(ln net.Listener, p *core.Policy, wo *writeOnly) error {
		e := echov5.New()
		if p != nil {
			e.Use(corsechov5.Middleware(p))
		}
		if wo != nil {
			e.Use(func(next echov5.HandlerFunc) echov5.HandlerFunc {
				return func(c *echov5.Context) error {
					if d := wo.write(c.Response().Header(), c.Request().Method); d.End {
						return c.NoContent(d.Status)
					}
					return next(c)
				}
			})
		}
		e.GET("/api/items/:id", func(c *echov5.Context) error { return c.Blob(http.StatusOK, "application/json", []byte(body)) })
		e.OPTIONS("/api/items/:id", func(c *echov5.Context) error { return c.NoContent(http.StatusNoContent) })
		return http.Serve(ln, e)
	},
	"fiber": func(ln net.Listener, p *core.Policy, wo *writeOnly) error {
		app := fiber.New(fiber.Config{DisableStartupMessage: true})
		if p != nil {
			app.Use(corsfiber.Middleware(p))
		}
		if wo != nil {
			app.Use(func(c *fiber.Ctx) error {
				if d := wo.writeFast(&c.Response().Header, c.Method()); d.End {
					c.Status(d.Status)
					return nil
				}
				return c.Next()
			})
		}
		app.Get("/api/items/:id", func(c *fiber.Ctx) error {
			c.Set("Content-Type", "application/json")
			return c.SendString(body)
		})
		app.Options("/api/items/:id", func(c *fiber.Ctx) error { return c.SendStatus(http.StatusNoContent) })
		return app.Listener(ln)
	},
	"fiberv3": func(ln net.Listener, p *core.Policy, wo *writeOnly) error {
		app := fiberv3.New()
		if p != nil {
			app.Use(corsfiberv3.Middleware(p))
		}
		if wo != nil {
			app.Use(func(c fiberv3.Ctx) error {
				if d := wo.writeFast(&c.Response().Header, c.Method()); d.End {
					c.Status(d.Status)
					return nil
				}
				return c.Next()
			})
		}
		app.Get("/api/items/:id", func(c fiberv3.Ctx) error {
			c.Set("Content-Type", "application/json")
			return c.SendString(body)
		})
		app.Options("/api/items/:id", func(c fiberv3.Ctx) error { return c.SendStatus(http.StatusNoContent) })
		return app.Listener(ln, fiberv3.ListenConfig{DisableStartupMessage: true})
	},
}

// writeOnly holds crossgate's answers to one origin's allowed GET and
// preflight, decided once at start: a server that writes them on every
// request, without deciding, is what the answers' size costs end to end,
// the ceiling crossgate is measured against.
type writeOnly struct{ actual, preflight core.Decision }

// decideOnce decides the load's two requests from origin under p.
func decideOnce(p *core.Policy, origin string) *writeOnly {
	get := httptest.NewRequest(http.MethodGet, "/api/items/42", nil)
	get.Header.Set("Origin", origin)
	pre := httptest.NewRequest(http.MethodOptions, "/api/items/42", nil)
	pre.Header.Set("Origin", origin)
	pre.Header.Set("Access-Control-Request-Method", "PUT")
	pre.Header.Set("Access-Control-Request-Headers", "x-token")
	return &writeOnly{actual: p.Decide(core.FromHTTP(get)), preflight: p.Decide(core.FromHTTP(pre))}
}

// decision is the answer for a request of method.
func (wo *writeOnly) decision(method string) *core.Decision {
	if method == http.MethodOptions {
		return &wo.preflight
	}
	return &wo.actual
}

// write writes the answer for method into h and returns it.
func (wo *writeOnly) write(h http.Header, method string) *core.Decision {
	d := wo.decision(method)
	core.WriteHTTP(h, d)
	return d
}

// writeFast is write for fasthttp's response header.
func (wo *writeOnly) writeFast(h *fasthttp.ResponseHeader, method string) *core.Decision {
	d := wo.decision(method)
	corsfasthttp.WriteDecision(h, d)
	return d
}

// http is the write-only middleware in net/http form.
func (wo *writeOnly) http(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d := wo.write(w.Header(), r.Method); d.End {
			w.WriteHeader(d.Status)
			return
		}
		next.ServeHTTP(w, r)
	})
}
