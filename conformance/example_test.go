package conformance_test

import (
	"fmt"
	"log"
	"net/http"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/core"
)

// tinyCORS is a third party's whole adapter, for a framework whose
// middleware is func(http.Handler) http.Handler: read the request into a
// core.Request, let the policy decide, write the decision, and end a
// preflight or call the next handler.
func tinyCORS(p *core.Policy) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			d := p.Decide(core.FromHTTP(r))
			core.WriteHTTP(w.Header(), &d)
			if d.End {
				w.WriteHeader(d.Status)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Prove an adapter written outside this repository with the kit. In a test,
// conformance.Run(t, f) does the same and reports each difference as a
// failure of its scenario's subtest.
func Example() {
	f := conformance.HTTPFramework("tiny", tinyCORS)
	problems, err := conformance.Verify(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("differences from the contract:", len(problems))
	// Output: differences from the contract: 0
}

// An adapter that forgets to end the preflight it answered lets it reach
// the router: the kit names every scenario that catches it.
func Example_brokenAdapter() {
	broken := func(p *core.Policy) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				d := p.Decide(core.FromHTTP(r))
				core.WriteHTTP(w.Header(), &d)
				next.ServeHTTP(w, r) // bug: d.End ignored
			})
		}
	}
	problems, err := conformance.Verify(conformance.HTTPFramework("broken", broken))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("the kit finds the broken adapter:", len(problems) > 0)
	// Output: the kit finds the broken adapter: true
}
