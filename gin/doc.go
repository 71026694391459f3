// Package corsgin applies a crossgate CORS policy to a gin engine.
//
// The policy decides; this package only reads the request into a
// core.Request, writes the decision's headers, and either aborts a preflight
// with its status or calls c.Next. The same policy therefore answers the
// same way here as under chi, echo or fiber.
//
// # Where to attach it
//
// Attach the middleware to the engine with r.Use, before registering any
// route. Engine middleware is the only middleware gin runs for a request
// that matches no route, which is what a preflight is when the route has no
// OPTIONS handler (gin also runs it in the 405 chain when
// HandleMethodNotAllowed is on). Middleware attached to a group (g.Use) or a
// single route never sees such a preflight: gin answers a plain 404 and the
// browser blocks the real request.
//
// Order matters: gin copies the engine's middleware into each route when the
// route is registered, so middleware added with r.Use after the routes still
// catches preflights (404 chain) but misses those routes' actual requests,
// which then lack Access-Control-Allow-Origin.
//
// gin's RedirectTrailingSlash (on by default) answers a request for "/x/"
// with a redirect before any middleware runs, so that redirect carries no
// CORS headers; browsers refuse to follow it for a preflight. Call routes by
// their exact path, or turn the option off.
package corsgin
