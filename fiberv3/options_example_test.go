package corsfiber_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiberv3"
	"github.com/gofiber/fiber/v3"
)

func ExampleMust() {
	app := fiber.New(fiber.Config{})
	app.Use(corsfiber.Must(core.PublicAPI())) // panics at start-up on an invalid Config
	app.Get("/items", func(c fiber.Ctx) error { return c.SendString("[]") })

	req := httptest.NewRequest(http.MethodGet, "/items", nil)
	req.Header.Set("Origin", "https://anyone.example")
	res, err := app.Test(req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	// Output: 200 *
}

func ExampleMiddlewareWithConfig() {
	p, err := core.New(core.Config{Origins: []string{"https://app.example.com"}})
	if err != nil {
		log.Fatal(err)
	}
	app := fiber.New(fiber.Config{})
	app.Use(corsfiber.MiddlewareWithConfig(corsfiber.Config{
		Policy: p,
		// No page may read the metrics, whatever the policy allows.
		Next: func(c fiber.Ctx) bool { return strings.HasPrefix(c.Path(), "/metrics") },
	}))
	ok := func(c fiber.Ctx) error { return c.SendStatus(http.StatusOK) }
	app.Get("/metrics", ok)
	app.Get("/items", ok)

	for _, path := range []string{"/metrics", "/items"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Origin", "https://app.example.com")
		res, err := app.Test(req)
		if err != nil {
			log.Fatal(err)
		}
		res.Body.Close()
		fmt.Printf("%s: %d %q\n", path, res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
	// Output:
	// /metrics: 200 ""
	// /items: 200 "https://app.example.com"
}
