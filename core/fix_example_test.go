package core_test

import (
	"fmt"

	"github.com/crossgate/crossgate/core"
)

// An admin form checks a tenant's origin and offers the fix with one click:
// Replacement is what to store instead, already in the form New accepts.
func ExampleConfigError() {
	for _, entry := range []string{
		"https://App.Example.com:443",
		"https://a.example.com, https://b.example.com",
		"http://192.168.1.*",
	} {
		for _, ce := range core.ConfigErrors(core.CheckOrigin(entry)) {
			switch {
			case len(ce.Replacement) > 0:
				fmt.Printf("%s -> %q\n", entry, ce.Replacement)
			case ce.Remove:
				fmt.Printf("%s -> remove it\n", entry)
			default:
				fmt.Printf("%s -> %s\n", entry, ce.Fix)
			}
		}
	}
	// Output:
	// https://App.Example.com:443 -> ["https://app.example.com"]
	// https://a.example.com, https://b.example.com -> ["https://a.example.com" "https://b.example.com"]
	// http://192.168.1.* -> list each address, such as "http://192.168.1.10", or name the machines under one domain and write a pattern such as "http://*.lan.example.com"
}
