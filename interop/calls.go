package interop

import "github.com/crossgate/crossgate/check"

// Call is a fetch() call the proof plays against every server, to Path.
type Call struct {
	Name        string
	Method      string
	Headers     map[string]string
	Credentials bool
}

// Path is the route every server answers, for every method.
const Path = "/api"

// Calls are the fetch() calls played against each setup: a simple GET and
// a preflighted PUT with a custom header, both with credentials, and a
// GET without them.
var Calls = []Call{
	{Name: "GET", Method: "GET"},
	{Name: "GET with credentials", Method: "GET", Credentials: true},
	{Name: "PUT X-Token with credentials", Method: "PUT", Headers: map[string]string{"X-Token": "1"}, Credentials: true},
}

// Check is the command's form of c, from page to the server at base.
func (c Call) Check(base, page string) check.Call {
	cc := check.Call{URL: base + Path, Origin: page, Method: c.Method, Credentials: c.Credentials}
	for name, value := range c.Headers {
		cc.Headers = append(cc.Headers, check.Header{Name: name, Value: value})
	}
	return cc
}
