package core_test

import (
	"fmt"

	"github.com/crossgate/crossgate/core"
)

// A site-wide policy hands /admin to a stricter one: the longest prefix
// decides the preflight and the actual request, whichever adapter runs it.
func ExamplePolicy_Scope() {
	site, _ := core.New(core.Config{Origins: []string{"https://*.example.com"}, Methods: []string{"*"}, Credentials: true})
	admin, _ := core.New(core.Config{Origins: []string{"https://admin.example.com"}, Methods: []string{"PUT"}, Credentials: true})
	if err := site.Scope("/admin", admin); err != nil {
		fmt.Println(err)
		return
	}
	for _, path := range []string{"/home", "/admin/users"} {
		d := site.Decide(core.Request{
			Method:        "OPTIONS",
			Origin:        []string{"https://evil.example.com"},
			RequestMethod: []string{"DELETE"},
			Path:          path,
		})
		fmt.Println(path, d.Allowed, d.Status)
	}
	// Output:
	// /home true 204
	// /admin/users false 403
}
