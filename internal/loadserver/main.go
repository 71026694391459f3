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
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsechov5 "github.com/crossgate/crossgate/echo/v5"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiberv3 "github.com/crossgate/crossgate/fiber/v3"
	corsgin "github.com/crossgate/crossgate/gin"
	"github.com/crossgate/crossgate/internal/tenants"
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
	mw := flag.String("middleware", "crossgate", "crossgate, or none")
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
	switch *mw {
	case "crossgate":
		var err error
		if p, err = core.New(config(*n)); err != nil {
			log.Fatal(err)
		}
	case "none":
	default:
		log.Fatalf("-middleware %q: want crossgate or none", *mw)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		log.Fatalf("refusing to serve on %v: loopback only", ip)
	}
	serve, ok := frameworks[*name]
	if !ok {
		log.Fatalf("unknown framework %q", *name)
	}
	fmt.Println(ln.Addr())
	go func() { log.Fatal(serve(ln, p)) }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}

// frameworks serve the application on ln, with crossgate enforcing p at
// the router level when p is not nil.
var frameworks = map[string]func(ln net.Listener, p *core.Policy) error{
	"chi": func(ln net.Listener, p *core.Policy) error {
		r := chi.NewRouter()
		if p != nil {
			r.Use(corschi.Middleware(p))
		}
		r.Get("/api/items/{id}", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		})
		r.Options("/api/items/{id}", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
		return http.Serve(ln, r)
	},
	"gin": func(ln net.Listener, p *core.Policy) error {
		gin.SetMode(gin.ReleaseMode)
		e := gin.New()
		if p != nil {
			e.Use(corsgin.Middleware(p))
		}
		e.GET("/api/items/:id", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", []byte(body)) })
		e.OPTIONS("/api/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })
		return http.Serve(ln, e)
	},
	"echo": func(ln net.Listener, p *core.Policy) error {
		e := echo.New()
		if p != nil {
			e.Use(corsecho.Middleware(p))
		}
		e.GET("/api/items/:id", func(c echo.Context) error { return c.Blob(http.StatusOK, "application/json", []byte(body)) })
		e.OPTIONS("/api/items/:id", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
		return http.Serve(ln, e)
	},
	"echov5": func(ln net.Listener, p *core.Policy) error {
		e := echov5.New()
		if p != nil {
			e.Use(corsechov5.Middleware(p))
		}
		e.GET("/api/items/:id", func(c *echov5.Context) error { return c.Blob(http.StatusOK, "application/json", []byte(body)) })
		e.OPTIONS("/api/items/:id", func(c *echov5.Context) error { return c.NoContent(http.StatusNoContent) })
		return http.Serve(ln, e)
	},
	"fiber": func(ln net.Listener, p *core.Policy) error {
		app := fiber.New(fiber.Config{DisableStartupMessage: true})
		if p != nil {
			app.Use(corsfiber.Middleware(p))
		}
		app.Get("/api/items/:id", func(c *fiber.Ctx) error {
			c.Set("Content-Type", "application/json")
			return c.SendString(body)
		})
		app.Options("/api/items/:id", func(c *fiber.Ctx) error { return c.SendStatus(http.StatusNoContent) })
		return app.Listener(ln)
	},
	"fiberv3": func(ln net.Listener, p *core.Policy) error {
		app := fiberv3.New()
		if p != nil {
			app.Use(corsfiberv3.Middleware(p))
		}
		app.Get("/api/items/:id", func(c fiberv3.Ctx) error {
			c.Set("Content-Type", "application/json")
			return c.SendString(body)
		})
		app.Options("/api/items/:id", func(c fiberv3.Ctx) error { return c.SendStatus(http.StatusNoContent) })
		return app.Listener(ln, fiberv3.ListenConfig{DisableStartupMessage: true})
	},
}
