package core_test

import (
	"fmt"
	"log"

	"github.com/crossgate/crossgate/core"
)

func ExamplePublicAPI() {
	p, err := core.New(core.PublicAPI())
	if err != nil {
		log.Fatal(err)
	}
	// A page on any origin reads the API...
	d := p.Decide(core.Request{Method: "GET", Origin: []string{"https://blog.example"}})
	fmt.Println(d.Allowed)
	// ...but may not send it a token: Authorization is not in the preset.
	d = p.Decide(core.Request{
		Method:         "OPTIONS",
		Origin:         []string{"https://blog.example"},
		RequestMethod:  []string{"GET"},
		RequestHeaders: []string{"authorization"},
	})
	fmt.Println(d.Allowed, d.Reason().Code == core.ReasonHeaderNotAllowed)
	// Output:
	// true
	// false true
}
