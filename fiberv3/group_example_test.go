package corsfiber_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiberv3"
	"github.com/gofiber/fiber/v3"
)

func ExampleGroup() {
	p, err := core.New(core.Config{
		Origins: []string{"https://app.example.com"},
		Methods: []string{http.MethodPut},
	})
	if err != nil {
		log.Fatal(err)
	}
	app := fiber.New(fiber.Config{})
	v2 := corsfiber.Group(app, "/v2", p) // CORS on /v2 only: not on /v2x
	v2.Put("/items/:id", func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })
	app.Put("/v2x/items/:id", func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })

	for _, path := range []string{"/v2/items/7", "/v2x/items/7"} {
		// A browser's preflight before a PUT from https://app.example.com.
		req := httptest.NewRequest(http.MethodOptions, path, nil)
		req.Header.Set("Origin", "https://app.example.com")
		req.Header.Set("Access-Control-Request-Method", "PUT")
		res, err := app.Test(req)
		if err != nil {
			log.Fatal(err)
		}
		res.Body.Close()
		fmt.Printf("%s: %d %q\n", path, res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
	// Output:
	// /v2/items/7: 204 "https://app.example.com"
	// /v2x/items/7: 405 ""
}
