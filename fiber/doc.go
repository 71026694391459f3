// Package corsfiber applies a crossgate CORS policy to a fiber v2 app,
// natively on fasthttp: no net/http bridge, and no heap allocation per
// request of its own.
//
// The policy decides; this package only reads the request into a
// core.Request, writes the decision's headers, and either ends a preflight
// with its status or calls c.Next. The same policy therefore answers the
// same way here as under chi, gin or echo.
//
// # Where to attach it
//
// Attach the middleware with app.Use (or app.Group(prefix, mw) for a prefix),
// before registering any route. fiber runs app.Use middleware for every
// request, matched or not, so preflights to routes without an OPTIONS handler
// reach it. Middleware given to a single route never sees them: fiber
// answers 405 without CORS headers and the browser blocks the real request.
//
// Order matters: fiber runs handlers in registration order, so middleware
// registered after a route misses that route's actual requests (which then
// lack Access-Control-Allow-Origin) while still catching preflights.
//
// # fasthttp specifics
//
// Header values are read in place from fasthttp's request buffer and
// handed to the policy without copying; the policy keeps none of them after
// the request. fiber's default ReadBufferSize (4096 bytes) answers 431
// before any middleware runs for requests whose headers exceed it.
//
// Header names are matched in any case, as HTTP defines them, also with
// fiber.Config.DisableHeaderNormalizing (behind proxies that forward
// lower-case names): "origin" is the Origin header, and an "origin" line
// next to an "Origin" line is a second one, refused. Spaces and tabs around
// a value are not part of it, as in net/http, so every adapter hands the
// policy the same bytes. The middleware learns the mode from the app's
// server (app.Server().DisableHeaderNamesNormalizing, which fiber sets from
// its Config): serving app.Handler() from a fasthttp.Server of your own that
// keeps names as received, set DisableHeaderNormalizing in fiber.Config too.
// In that mode the middleware reads the request's lines with one pass over
// all of them, which re-serializes the request's cookies: on a request with
// a 250-byte Cookie it costs about 50 ns more than the default mode when
// the application parses its cookies anyway, and 150-250 ns when this pass
// is the first to parse them.
package corsfiber
