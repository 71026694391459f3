// The layering functions find, for the adapters' group helpers, a crossgate
// middleware that already runs where a new group would be protected, so
// that the helper can refuse to stack two policies (the outer one would
// answer the group's preflights). Each adapter recognizes its own
// middleware by code pointer: every closure made from one function literal
// shares it.
//
// echo and fiber expose little of what a group inherits, so their routers
// are read through reflect, without modifying anything. Both majors of each
// framework name those fields alike (echo v4 and v5; fiber v2 and v3), so
// one reader serves both; a release that renames them makes the readers
// find nothing, which the adapters' layering tests report.

package adapter

import (
	"fmt"
	"reflect"
	"strings"
)

// Code returns the code pointer of the function f, by which Holds
// recognizes closures of the same literal.
func Code(f any) uintptr { return reflect.ValueOf(f).Pointer() }

// Holds reports whether list holds a function with code, for the routers
// that expose their middleware (gin's Handlers, chi's Middlewares).
func Holds[F any](list []F, code uintptr) bool {
	for _, f := range list {
		if Code(f) == code {
			return true
		}
	}
	return false
}

// ChiRuns reports whether a middleware with code runs around the routes
// registered on r, a chi router (*chi.Mux): in r's own list, or in the
// router an inline one (r.Group, r.With) was made from, whose middlewares
// run around the inline one's routes though its list does not hold them
// (chi copies only an inline parent's list).
func ChiRuns(r any, code uintptr) bool {
	for mux := elem(reflect.ValueOf(r)); mux.IsValid(); mux = elem(field(mux, "parent")) {
		if holds(field(mux, "middlewares"), code) {
			return true
		}
		if inline := field(mux, "inline"); inline.Kind() != reflect.Bool || !inline.Bool() {
			return false
		}
	}
	return false
}

// holds is Holds for a list read through reflect.
func holds(list reflect.Value, code uintptr) bool {
	if !list.IsValid() || list.Kind() != reflect.Slice {
		return false
	}
	for i := range list.Len() {
		if list.Index(i).Pointer() == code {
			return true
		}
	}
	return false
}

// field returns s's field name, or the zero Value when s is not a struct
// or has no such field.
func field(s reflect.Value, name string) reflect.Value {
	if s.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return s.FieldByName(name)
}

// elem dereferences a non-nil pointer, or returns the zero Value.
func elem(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// echoRuns reports whether parent, an *echo.Echo or *echo.Group, runs a
// middleware with code around the routes of a group made under it, and
// returns parent's own prefix ("" for an Echo). An Echo runs its Pre and
// Use middlewares around every route; a group's list holds its parents'
// middlewares too (Group.Group copies them), and its Echo's run around it.
func echoRuns(parent any, code uintptr) (prefix string, runs bool) {
	v := elem(reflect.ValueOf(parent))
	e := v
	if g := field(v, "echo"); g.IsValid() {
		if p := field(v, "prefix"); p.Kind() == reflect.String {
			prefix = p.String()
		}
		runs = holds(field(v, "middleware"), code)
		e = elem(g)
	}
	runs = runs || holds(field(e, "premiddleware"), code) || holds(field(e, "middleware"), code)
	return prefix, runs
}

// fiberUsePaths returns the prefixes at which the app of r, a *fiber.App or
// *fiber.Group, runs a handler with code as Use, as scopes: "/" for
// app.Use, "/api" for a group. A Use route sits in every method's stack,
// so the GET stack has them all.
func fiberUsePaths(r any, code uintptr) []string {
	app := elem(reflect.ValueOf(r))
	if a := field(app, "app"); a.IsValid() {
		app = elem(a) // a Group's app
	}
	stack := field(app, "stack")
	if !stack.IsValid() || stack.Kind() != reflect.Slice {
		return nil
	}
	var paths []string
	for m := range stack.Len() {
		for i := range stack.Index(m).Len() {
			route := elem(stack.Index(m).Index(i))
			if field(route, "Method").String() == "GET" && holds(field(route, "Handlers"), code) {
				paths = append(paths, useScope(field(route, "Path").String()))
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

// pathWithin tells whether path is prefix or lies below it, in fiber's
// default case-insensitive routing.
func pathWithin(path, prefix string) bool {
	if prefix == "/" {
		return true
	}
	return strings.EqualFold(path, prefix) || len(path) > len(prefix) && strings.EqualFold(path[:len(prefix)], prefix) && path[len(prefix)] == '/'
}

// RefuseEcho panics, as corsecho.Group, when parent (an *echo.Echo or
// *echo.Group of either major) already runs a middleware with code around
// a group at prefix: the outer policy would answer the group's preflights
// before the group's policy could refuse them.
func RefuseEcho(parent any, prefix string, code uintptr) {
	outer, runs := echoRuns(parent, code)
	if !runs {
		return
	}
	full := outer + prefix
	panic(fmt.Sprintf("corsecho.Group(%q): a crossgate policy already runs around this group, and would answer its preflights before the group's policy could refuse them; "+
		"attach one policy with e.Use(corsecho.Middleware(site)), call site.Scope(%q, groupPolicy), and create the group with e.Group(%q)",
		full, full, prefix))
}

// RefuseFiber panics, as corsfiber.Group, when a middleware with code
// registered in the app of r (a *fiber.App or *fiber.Group of either
// major) runs on paths that a group at prefix under r would cover, or only
// on paths it covers: fiber would run both, and the first registered
// would end the preflights.
func RefuseFiber(r any, prefix string, code uintptr) {
	full := prefix
	if g := field(elem(reflect.ValueOf(r)), "Prefix"); g.Kind() == reflect.String {
		full = strings.TrimRight(g.String(), "/") + "/" + strings.TrimLeft(prefix, "/")
	}
	full = useScope(full)
	for _, path := range fiberUsePaths(r, code) {
		if !pathWithin(full, path) && !pathWithin(path, full) {
			continue
		}
		panic(fmt.Sprintf("corsfiber.Group(%q): a crossgate policy already registered at %q runs on the group's paths, and fiber would let the first registered answer their preflights; "+
			"attach one policy with app.Use(corsfiber.Middleware(site)), call site.Scope(%q, groupPolicy), and create the group with app.Group(%q)",
			prefix, path, full, prefix))
	}
}
