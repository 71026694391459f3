package corsecho

import (
	"fmt"
	"reflect"

	"github.com/labstack/echo/v4"
)

// middlewareCode identifies a function made by Middleware or
// MiddlewareWithConfig: every closure made from one function literal
// shares its code pointer, and middleware, which makes them all, is never
// inlined so that its literal stays one function.
var middlewareCode = reflect.ValueOf(middleware(Config{})).Pointer()

// refuseLayering panics when parent already runs a crossgate middleware: a
// group protected under it would have its preflights answered by that
// outer policy.
//
// Echo exposes neither an Echo's nor a Group's middleware, so they are
// read through reflect, without modifying anything; an echo release that
// renames the fields makes this check find nothing, which the adapter's
// tests would report.
func refuseLayering(parent Grouper, prefix string) {
	v := reflect.ValueOf(parent)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return
	}
	var lists []reflect.Value
	full := prefix
	switch parent.(type) {
	case *echo.Echo:
		lists = append(lists, v.Elem().FieldByName("premiddleware"), v.Elem().FieldByName("middleware"))
	case *echo.Group:
		// A group's list holds its parents' middleware too (Group.Group
		// copies it); the Echo's own runs around every route.
		lists = append(lists, v.Elem().FieldByName("middleware"))
		if p := v.Elem().FieldByName("prefix"); p.IsValid() && p.Kind() == reflect.String {
			full = p.String() + prefix
		}
		if e := v.Elem().FieldByName("echo"); e.IsValid() && !e.IsNil() {
			lists = append(lists, e.Elem().FieldByName("premiddleware"), e.Elem().FieldByName("middleware"))
		}
	}
	for _, list := range lists {
		if !list.IsValid() || list.Kind() != reflect.Slice {
			continue
		}
		for i := range list.Len() {
			if list.Index(i).Pointer() == middlewareCode {
				panic(fmt.Sprintf("corsecho.Group(%q): a crossgate policy already runs around this group, and would answer its preflights before the group's policy could refuse them; "+
					"attach one policy with e.Use(corsecho.Middleware(site)), call site.Scope(%q, groupPolicy), and create the group with e.Group(%q)",
					full, full, prefix))
			}
		}
	}
}
