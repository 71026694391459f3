package corsfiber

import (
	"github.com/crossgate/crossgate/core"
	"github.com/gofiber/fiber/v3"
)

// Group returns a new group at prefix under r whose routes are protected
// by p, preflights included.
//
// fiber runs a group's middleware for every request under its prefix,
// matched or not, so preflights to routes without an OPTIONS handler reach
// the policy (route-level middleware does not: fiber answers 405). fiber v3
// matches that prefix segment by segment: a group at "/v2" covers "/v2"
// and the paths below it, not "/v2x" (fiber v2 matched a plain string
// prefix, which its adapter's Group works around).
//
// Requests the policy hands on get whatever fiber answers, its 404 and 405
// included. Create the group before registering routes under its prefix
// anywhere else, since fiber runs handlers in registration order.
//
// Group panics when a crossgate policy registered before it already runs
// for paths of the group, or runs only for paths of it (app.Use of a
// policy, a protected group this one is nested in, or a protected group
// at a prefix above or below this one): fiber runs both middlewares, and
// whichever was registered first would answer the preflights. Give
// per-path policies to one policy attached with app.Use instead, with
// core.Policy.Scope: the longest prefix decides, and a plain app.Group
// needs no helper under it. An app.Use of a policy registered after the
// group, or the group's app mounted under one, cannot be seen here: the
// middlewares then catch the stacking at run time (a request the group's
// policy refuses stays refused; see docs/groups.md), but use Scope.
func Group(r fiber.Router, prefix string, p *core.Policy) fiber.Router {
	refuseLayering(r, prefix)
	return r.Group(prefix, Middleware(p))
}
