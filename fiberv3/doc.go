// Package corsfiber applies a crossgate CORS policy to a fiber v3 app,
// natively on fasthttp: no net/http bridge, and no heap allocation per
// request of its own.
//
// It is the fiber v2 adapter (github.com/crossgate/crossgate/fiber) for
// fiber's next major: the same functions, taking and returning fiber v3's
// types. Its import path mirrors fiber's own (gofiber/fiber/v2 and
// gofiber/fiber/v3), so moving an app to v3 changes the two import lines
// alike. It is a package of crossgate's main module, not a module of its
// own: one crossgate version, one go.mod, and the same core for every
// adapter. Both fiber adapters read and write fasthttp headers with the
// same code (a build has one fasthttp version, which both majors run on).
//
// The policy decides; this package only reads the request into a
// core.Request, writes the decision's headers, and either ends a preflight
// with its status or calls c.Next. The same policy therefore answers the
// same way here as under chi, gin or echo.
//
// # Where to attach it
//
// Attach the middleware with app.Use (or Group for a prefix), before
// registering any route. fiber runs app.Use middleware for every request,
// matched or not, so preflights to routes without an OPTIONS handler reach
// it. Middleware given to a single route never sees them: fiber answers
// 405 without CORS headers and the browser blocks the real request.
//
// Order matters: fiber runs handlers in registration order, so middleware
// registered after a route misses that route's actual requests (which then
// lack Access-Control-Allow-Origin) while still catching preflights.
//
// Do not combine it with fiber's middleware/cors: two policies writing the
// same headers give the browser two answers, which it refuses.
//
// # fasthttp specifics
//
// Header values are read in place from fasthttp's request buffer and
// handed to the policy without copying; the policy keeps none of them after
// the request. fiber's default ReadBufferSize (4096 bytes) answers 431
// before any middleware runs for requests whose headers exceed it.
// With fiber.Config.DisableHeaderNormalizing, header names must arrive in
// canonical case ("Origin", "Access-Control-Request-Method") to be found.
package corsfiber
