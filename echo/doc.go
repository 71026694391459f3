// Package corsecho applies a crossgate CORS policy to an echo v4 server.
//
// The policy decides; this package only reads the request into a
// core.Request, writes the decision's headers, and either answers a
// preflight with its status or calls the next handler. The same policy
// therefore answers the same way here as under chi, gin or fiber.
//
// # Where to attach it
//
// Attach the middleware with e.Use (or e.Pre). echo wraps whatever handler
// the router found with e.Use middleware, including its NotFound and
// MethodNotAllowed handlers and the automatic OPTIONS handler it gives every
// path, so preflights to any route reach the policy. g.Use on a group works
// too (the group registers catch-all routes), but turns a 405 inside the
// group into a 404. Route-level middleware misses preflights: echo's own
// OPTIONS handler answers them with 204 and an Allow header but no CORS
// header, and the browser blocks the real request.
//
// Do not combine it with echo's middleware.CORS: two policies writing the
// same headers give the browser two answers, which it refuses.
//
// echo builds the e.Use middleware chain again on every request, so keep all
// setup in New or Middleware, never inside the returned function.
package corsecho
