package corsecho

import (
	"reflect"

	"github.com/crossgate/crossgate/core"
	"github.com/labstack/echo/v5"
)

// Grouper is what Group makes a group from: *echo.Echo and *echo.Group.
type Grouper interface {
	Group(prefix string, m ...echo.MiddlewareFunc) *echo.Group
}

// Group returns a new group at prefix under parent whose routes are
// protected by p, preflights included.
//
// A group given middleware registers catch-all not-found routes for its
// prefix, so a preflight to a route without an OPTIONS handler, or to a
// path the group does not route, runs the group's middleware. With
// echo.Config.NoGroupAutoRegister404Routes echo leaves that out, and group
// middleware would miss those preflights: Group then registers the two
// catch-all routes itself (prefix and prefix + "/*", answered by the
// router's not-found handler), so register a not-found handler of your own
// for the group after Group, not before. Group also puts the middleware in
// the group before its first route: echo composes a group's middleware into
// each route when the route is added, so g.Use after g.GET leaves that
// route's actual requests without CORS headers. Route-level middleware
// (g.GET(path, h, mw)) misses preflights: echo's automatic OPTIONS handler
// answers them with 204 and an Allow header but no CORS headers.
//
// Inside the group, echo's catch-all answers what the policy hands on: an
// OPTIONS without Access-Control-Request-Method, or a method the route
// lacks, gets 404 where echo would answer 204 (OPTIONS) or 405 outside a
// group with middleware.
//
// Group panics when parent already runs a crossgate policy (e.Use or e.Pre
// before Group, or a protected group that parent is or is nested in):
// that outer policy would end the group's preflights before the group's
// policy ran, so its stricter rules would not hold. Give per-path policies
// to one policy attached with e.Use instead, with core.Policy.Scope: the
// longest prefix decides, and a plain e.Group needs no helper under it.
// Echo keeps no record Group can read of an e.Use that comes after it,
// so a policy attached that way is not refused: use Scope.
func Group(parent Grouper, prefix string, p *core.Policy) *echo.Group {
	refuseLayering(parent, prefix)
	g := parent.Group(prefix, Middleware(p))
	if noCatchAll(g) {
		// What Group.Use would have registered: nil handlers make the
		// router answer with its not-found handler.
		g.RouteNotFound("", nil)
		g.RouteNotFound("/*", nil)
	}
	return g
}

// noCatchAll tells whether echo left out the group's catch-all routes
// (echo.Config.NoGroupAutoRegister404Routes), read through reflect since
// neither Echo nor Group exposes it.
func noCatchAll(g *echo.Group) bool {
	f := reflect.ValueOf(g).Elem().FieldByName("noAutoRegisterRoutes")
	return f.IsValid() && f.Kind() == reflect.Bool && f.Bool()
}
