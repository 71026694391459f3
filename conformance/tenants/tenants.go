// Package tenants builds the policies of a multi-tenant service, one origin
// or one "*." pattern per tenant, for the tests and benchmarks that check
// crossgate at scale (core, conformance's soak test, bench).
package tenants

import "fmt"

// Exact returns the i-th tenant's exact origin.
func Exact(i int) string { return fmt.Sprintf("https://tenant-%06d.customers.example", i) }

// Pattern returns the i-th tenant's pattern, which allows its subdomains.
func Pattern(i int) string { return fmt.Sprintf("https://*.t%06d.tenants.example", i) }

// PatternHost returns an origin the i-th tenant's pattern allows.
func PatternHost(i int) string { return fmt.Sprintf("https://app.t%06d.tenants.example", i) }

// Origins returns exact tenant origins followed by pattern tenants.
func Origins(exact, patterns int) []string {
	out := make([]string, 0, exact+patterns)
	for i := range exact {
		out = append(out, Exact(i))
	}
	for i := range patterns {
		out = append(out, Pattern(i))
	}
	return out
}

// TextBytes is the size of the entries' text: what a compiled policy's
// memory is measured against.
func TextBytes(origins []string) int {
	n := 0
	for _, o := range origins {
		n += len(o)
	}
	return n
}
