package corsgin

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/crossgate/crossgate/core"
	"github.com/gin-gonic/gin"
)

// Group returns a new router group at relativePath under r whose routes are
// protected by p, preflights included.
//
// Middleware given to a gin group runs only for requests that match one of
// the group's routes, and a preflight to a route without an OPTIONS handler
// matches none: gin answers it with a plain 404 and the browser blocks the
// real request. Group therefore also gives the group an OPTIONS catch-all
// (relativePath + "/*corsgin", and relativePath itself), so that every
// OPTIONS request under the group matches a route and runs the group's
// middleware. gin keeps OPTIONS routes in their own method tree, so the
// catch-all never conflicts with the group's other routes.
//
// The catch-all owns every OPTIONS path under the group: registering an
// OPTIONS route of your own there (inside the group or on the engine)
// panics with gin's conflict message, which names "*corsgin".
//
// Group panics when r already runs a crossgate policy (the engine's r.Use,
// or a protected group Group is nested in): that outer policy would end
// the group's preflights before the group's policy ran, so the group's
// stricter rules would not hold. Give per-path policies to one
// router-level policy instead, with core.Policy.Scope: the longest prefix
// decides, and a plain r.Group needs no helper under it.
//
// An OPTIONS request that the policy hands on (one without
// Access-Control-Request-Method, or an allowed preflight under
// PassPreflight) reaches the catch-all, which answers 404 "404 page not
// found" as gin does by default for a path without an OPTIONS route. gin
// gives a route no way to run the engine's NoRoute handlers or its 405
// answer, so under HandleMethodNotAllowed those OPTIONS requests get this
// 404 instead of a 405. PassPreflight therefore serves no purpose in a
// group: an allowed preflight would end in this 404.
//
// Register the group's routes on the returned group, after Group: gin
// copies a group's middleware into each route when the route is added.
func Group(r gin.IRouter, relativePath string, p *core.Policy) *gin.RouterGroup {
	refuseLayering(r, relativePath)
	g := r.Group(relativePath, Middleware(p))
	catchOptions(g)
	return g
}

// catchAll is the OPTIONS route Group adds under a group. Its name shows in
// gin's panic when another OPTIONS route conflicts with it.
const catchAll = "/*corsgin"

// catchOptions routes every OPTIONS request under g to g's handlers. A
// group whose path ends in "/" owns no path without that slash, so only
// the catch-all is added; otherwise the group's own path is added too, or
// gin would redirect a preflight to it (307), which browsers refuse.
func catchOptions(g *gin.RouterGroup) {
	defer func() {
		if v := recover(); v != nil {
			panic(fmt.Sprintf("corsgin.Group(%q): cannot route every OPTIONS request under the group to its policy: %v", g.BasePath(), v))
		}
	}()
	g.OPTIONS(catchAll, notFound)
	if !strings.HasSuffix(g.BasePath(), "/") {
		g.OPTIONS("", notFound)
	}
}

// notFoundBody is what gin writes for a request that matches no route.
var notFoundBody = []byte("404 page not found")

// notFound answers what gin would have answered without the catch-all.
func notFound(c *gin.Context) {
	c.Data(http.StatusNotFound, "text/plain", notFoundBody)
}
