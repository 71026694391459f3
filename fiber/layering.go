package corsfiber

import (
	"fmt"
	"strings"

	"github.com/crossgate/crossgate/internal/layering"
	"github.com/gofiber/fiber/v2"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithConfig: every closure made from one function literal
// shares its code pointer, and middleware, which makes them all, is never
// inlined so that its literal stays one function.
var middlewareCode = layering.Code(middleware(Config{}))

// refuseLayering panics when a crossgate middleware registered in r's app
// runs on paths that a group at prefix under r would cover, or only on
// paths it covers: the two policies would both run, and the first one
// registered would end the preflights.
func refuseLayering(r fiber.Router, prefix string) {
	full := prefix
	if g, ok := r.(*fiber.Group); ok {
		full = strings.TrimRight(g.Prefix, "/") + "/" + strings.TrimLeft(prefix, "/")
	}
	full = layering.UseScope(full)
	for _, path := range layering.FiberUsePaths(r, middlewareCode) {
		if !layering.PathWithin(full, path) && !layering.PathWithin(path, full) {
			continue
		}
		panic(fmt.Sprintf("corsfiber.Group(%q): a crossgate policy already registered at %q runs on the group's paths, and fiber would let the first registered answer their preflights; "+
			"attach one policy with app.Use(corsfiber.Middleware(site)), call site.Scope(%q, groupPolicy), and create the group with app.Group(%q)",
			prefix, path, full, prefix))
	}
}
