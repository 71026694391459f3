package corsfiber

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithConfig: every closure made from one function literal
// shares its code pointer, and middleware, which makes them all, is never
// inlined so that its literal stays one function.
var middlewareCode = reflect.ValueOf(middleware(Config{})).Pointer()

// refuseLayering panics when a crossgate middleware registered in r's app
// runs on paths that a group at prefix under r would cover, or only on
// paths it covers: the two policies would both run, and the first one
// registered would end the preflights.
func refuseLayering(r fiber.Router, prefix string) {
	full := prefix
	if g, ok := r.(*fiber.Group); ok {
		full = strings.TrimRight(g.Prefix, "/") + "/" + strings.TrimLeft(prefix, "/")
	}
	full = useScope(full)
	for _, path := range crossgateUsePaths(r) {
		if !pathWithin(full, path) && !pathWithin(path, full) {
			continue
		}
		panic(fmt.Sprintf("corsfiber.Group(%q): a crossgate policy already registered at %q runs on the group's paths, and fiber would let the first registered answer their preflights; "+
			"attach one policy with app.Use(corsfiber.Middleware(site)), call site.Scope(%q, groupPolicy), and create the group with app.Group(%q)",
			prefix, path, full, prefix))
	}
}

// crossgateUsePaths returns the prefixes at which r's app runs a crossgate
// middleware as Use, as scopes: "/" for app.Use, "/api" for a group.
func crossgateUsePaths(r fiber.Router) []string {
	var paths []string
	add := func(path string, handlers reflect.Value) {
		for i := range handlers.Len() {
			if handlers.Index(i).Pointer() == middlewareCode {
				paths = append(paths, useScope(path))
				return
			}
		}
	}
	switch app := r.(type) {
	case *fiber.App:
		for _, routes := range app.Stack() {
			for _, route := range routes {
				if route.Method == fiber.MethodGet {
					add(route.Path, reflect.ValueOf(route.Handlers))
				}
			}
		}
	case *fiber.Group:
		// A Group does not expose its app; its stack is read through
		// reflect, without modifying anything.
		stack := reflect.ValueOf(app).Elem().FieldByName("app").Elem().FieldByName("stack")
		for m := range stack.Len() {
			for i := range stack.Index(m).Len() {
				route := stack.Index(m).Index(i).Elem()
				if route.FieldByName("Method").String() == fiber.MethodGet {
					add(route.FieldByName("Path").String(), route.FieldByName("Handlers"))
				}
			}
		}
	}
	return paths
}

// useScope turns a Use route's path into the prefix it covers: "/api/*"
// and "/api/" cover "/api", "" covers "/".
func useScope(path string) string {
	path = strings.TrimSuffix(path, "*")
	path = strings.TrimRight(path, "/")
	if path == "" {
		return "/"
	}
	return path
}

// pathWithin tells whether path is prefix or lies below it.
func pathWithin(path, prefix string) bool {
	if prefix == "/" {
		return true
	}
	return strings.EqualFold(path, prefix) || len(path) > len(prefix) && strings.EqualFold(path[:len(prefix)], prefix) && path[len(prefix)] == '/'
}
