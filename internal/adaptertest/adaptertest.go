// Package adaptertest holds the in-process middleware cases that every
// adapter's tests play against its own framework: the same policy, the same
// requests and the same expectations, so that the four packages test one
// contract instead of four copies of it. The conformance suite plays the
// full scenario list over real HTTP; these cases are the quick, local check
// of how each adapter is wired into its framework.
package adaptertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/crossgate/crossgate/core"
)

const (
	// Allowed is the origin the policy allows; Refused one it does not.
	Allowed = "https://app.example"
	Refused = "https://evil.example"

	// PreflightVary is the Vary line of every preflight (docs/SEMANTICS.md).
	PreflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
)

// Config is the policy under test; pass turns on PassPreflight.
func Config(pass bool) core.Config {
	return core.Config{
		Origins:        []string{Allowed},
		Methods:        []string{http.MethodPut},
		RequestHeaders: []string{"X-Token"},
		PassPreflight:  pass,
	}
}

// Case is one request to an application built as Serve describes, and what
// must come back.
type Case struct {
	Name string
	// Pass turns on PassPreflight; OuterVary puts a middleware that sets
	// "Vary: Accept-Encoding" in front of CORS.
	Pass, OuterVary bool
	Method, Path    string
	Header          map[string]string
	Status          int
	// App is whether the application's handler ran (it sets X-App: ran).
	App  bool
	ACAO string
	Vary []string
}

// Serve answers req with an application that has the middleware, built
// from Config(c.Pass), attached where the framework's documentation says:
// GET and PUT /r, with no OPTIONS handler, and OPTIONS /own answered by the
// application. Every application handler sets "X-App: ran" and writes a
// body; c.OuterVary adds the outer middleware.
type Serve func(t *testing.T, c Case, req *http.Request) *http.Response

func preflight(origin string) map[string]string {
	return map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT"}
}

// Cases are the requests every adapter must answer alike.
var Cases = []Case{{
	Name: "allowed actual request passes", Method: "GET", Path: "/r",
	Header: map[string]string{"Origin": Allowed},
	Status: 200, App: true, ACAO: Allowed, Vary: []string{"Origin"},
}, {
	Name: "allowed preflight ended", Method: "OPTIONS", Path: "/r",
	Header: preflight(Allowed),
	Status: 204, ACAO: Allowed, Vary: []string{PreflightVary},
}, {
	Name: "allowed preflight to an unknown path ended", Method: "OPTIONS", Path: "/nowhere",
	Header: preflight(Allowed),
	Status: 204, ACAO: Allowed, Vary: []string{PreflightVary},
}, {
	Name: "refused origin preflight 403", Method: "OPTIONS", Path: "/r",
	Header: preflight(Refused),
	Status: 403, Vary: []string{PreflightVary},
}, {
	Name: "refused preflight never reaches an OPTIONS handler", Method: "OPTIONS", Path: "/own",
	Header: preflight(Refused),
	Status: 403, Vary: []string{PreflightVary},
}, {
	Name: "Vary appended after outer middleware", OuterVary: true, Method: "GET", Path: "/r",
	Header: map[string]string{"Origin": Allowed},
	Status: 200, App: true, ACAO: Allowed, Vary: []string{"Accept-Encoding", "Origin"},
}, {
	Name: "PassPreflight calls the next handler", Pass: true, Method: "OPTIONS", Path: "/own",
	Header: preflight(Allowed),
	Status: 200, App: true, ACAO: Allowed, Vary: []string{PreflightVary},
}}

// Run plays every case through serve and checks the status, whether the
// application ran, that an ended request has no body, and the
// Access-Control-Allow-Origin and Vary lines.
func Run(t *testing.T, serve Serve) {
	for _, c := range Cases {
		t.Run(c.Name, func(t *testing.T) {
			req := httptest.NewRequest(c.Method, c.Path, nil)
			for k, v := range c.Header {
				req.Header.Set(k, v)
			}
			res := serve(t, c, req)
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != c.Status {
				t.Errorf("status = %d, want %d", res.StatusCode, c.Status)
			}
			if ran := res.Header.Get("X-App") == "ran"; ran != c.App {
				t.Errorf("application ran = %v, want %v", ran, c.App)
			}
			if !c.App && len(body) != 0 {
				t.Errorf("body = %q, want empty", body)
			}
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != c.ACAO {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, c.ACAO)
			}
			if got := res.Header.Values("Vary"); !slices.Equal(got, c.Vary) {
				t.Errorf("Vary = %q, want %q", got, c.Vary)
			}
		})
	}
}
