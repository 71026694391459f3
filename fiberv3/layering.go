package corsfiber

import (
	"github.com/crossgate/crossgate/adapter"
	"github.com/gofiber/fiber/v3"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithConfig: every closure made from one function literal
// shares its code pointer, and middleware, which makes them all, is never
// inlined so that its literal stays one function.
var middlewareCode = adapter.Code(middleware(Config{}))

// refuseLayering panics when a crossgate middleware registered in r's app
// runs on paths that a group at prefix under r would cover, or only on
// paths it covers (see adapter.RefuseFiber).
func refuseLayering(r fiber.Router, prefix string) { adapter.RefuseFiber(r, prefix, middlewareCode) }
