package conformance

import (
	"fmt"
	"strings"
)

// Exact renders what must be identical between two adapters' answers to
// one scenario: the status, whether the application ran, and every CORS
// header's lines whole and one by one, Before exchanges included. Two
// answers are the same when their Exact strings are.
func (r Result) Exact() string {
	return r.render(func(lines []string) string { return fmt.Sprintf("%q", lines) })
}

// Readable is Exact for a failure message: each line quoted, long
// values cut.
func (r Result) Readable() string { return r.render(quoteLines) }

// Summary renders r as a browser reads it: each CORS header's lines joined
// with ", ", long values cut. Bodies are left out: each framework words
// its 404 differently.
func (r Result) Summary() string {
	return r.render(func(lines []string) string { return fmt.Sprintf("%q", short(strings.Join(lines, ", "))) })
}

// render renders r's status, whether the application ran, and each CORS
// header it carries as header renders it.
func (r Result) render(header func(lines []string) string) string {
	var b strings.Builder
	for _, before := range r.Before {
		fmt.Fprintf(&b, "[before %s] ", before.render(header))
	}
	fmt.Fprintf(&b, "status=%d app=%v", r.Status, r.AppRan)
	for _, name := range CORSHeaders {
		if lines, ok := r.Header[name]; ok {
			fmt.Fprintf(&b, " %s=%s", name, header(lines))
		}
	}
	return b.String()
}
