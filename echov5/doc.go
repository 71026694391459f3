// Package corsecho applies a crossgate CORS policy to an echo v5 server.
//
// It is the echo v4 adapter (github.com/crossgate/crossgate/echo) for echo's
// next major: the same functions, taking and returning echo v5's types.
// Its import path mirrors echo's own (labstack/echo/v4 and labstack/echo/v5),
// so moving a server to v5 changes the two import lines alike and nothing
// else. It is a package of crossgate's main module, not a module of its
// own: one crossgate version, one go.mod, and the same core for every
// adapter.
//
// The policy decides; this package only reads the request into a
// core.Request, writes the decision's headers, and either answers a
// preflight with its status or calls the next handler. The same policy
// therefore answers the same way here as under chi, gin or fiber.
//
// # Where to attach it
//
// Attach the middleware with e.Use (or e.Pre). echo runs e.Use middleware
// around whatever handler the router found, including its not-found and
// method-not-allowed handlers and the automatic OPTIONS handler it gives
// every path, so preflights to any route reach the policy. Route-level
// middleware misses preflights: echo's own OPTIONS handler answers them
// with 204 and an Allow header but no CORS header, and the browser blocks
// the real request. For a group, use Group.
//
// Do not combine it with echo's middleware.CORS: two policies writing the
// same headers give the browser two answers, which it refuses.
//
// echo v5 builds the e.Use middleware chain once, when middleware is added,
// not on every request as v4 did: this adapter's own work on a request is
// the same as under v4, without v4's per-request closure.
package corsecho
