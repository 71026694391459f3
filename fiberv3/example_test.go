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

func Example() {
	cors, err := corsfiber.New(core.Config{
		Origins:        []string{"https://app.example.com"},
		Methods:        []string{http.MethodPut, http.MethodDelete},
		RequestHeaders: []string{"Content-Type"},
	})
	if err != nil {
		log.Fatal(err)
	}
	app := fiber.New()
	app.Use(cors) // app.Use, before any route: preflights to every path reach it
	app.Put("/items/:id", func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })

	// A browser's preflight before a PUT from https://app.example.com.
	req := httptest.NewRequest(http.MethodOptions, "/items/7", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	res, err := app.Test(req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	// Output: 204 https://app.example.com
}
