// Package adaptertest holds the in-process middleware cases that every
// adapter's tests play against its own framework: the same policy, the same
// requests and the same expectations, so that the adapter packages test one
// contract instead of one copy each. The conformance suite plays the
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

	// SkipHeader marks the requests that a case's skip predicate skips:
	// an adapter's Serve, given a case with Skip, builds the middleware with
	// a predicate that returns true when the request carries this header.
	SkipHeader = "X-Skip"
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
	// Skip builds the middleware with the adapter's skip option: a
	// predicate true for requests with SkipHeader; SkipPreflights asks it
	// about preflights too.
	Skip, SkipPreflights bool
	Method, Path         string
	Header               map[string]string
	// Attach names, for a group case, how the middleware is attached: ""
	// with the adapter's group helper, otherwise one of the Attach
	// constants.
	Attach string
	// Status is the status to get; 0 accepts the framework's own answer,
	// which differs between frameworks.
	Status int
	// Router is whether the framework's router answers (its 404 or 405,
	// with a body of its own) rather than the application or the policy.
	Router bool
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

// SkipCases are the requests every adapter's skip option must answer
// alike: a skipped request gets no CORS headers at all, and a preflight is
// skipped only when the user opted in (see internal/skipping for why).
var SkipCases = []Case{{
	Name: "skipped actual request gets no CORS headers", Skip: true, Method: "GET", Path: "/r",
	Header: map[string]string{"Origin": Allowed, SkipHeader: "yes"},
	Status: 200, App: true,
}, {
	Name: "actual request the predicate keeps", Skip: true, Method: "GET", Path: "/r",
	Header: map[string]string{"Origin": Allowed},
	Status: 200, App: true, ACAO: Allowed, Vary: []string{"Origin"},
}, {
	Name: "skipped OPTIONS without Access-Control-Request-Method reaches the application", Skip: true, Method: "OPTIONS", Path: "/own",
	Header: map[string]string{"Origin": Allowed, SkipHeader: "yes"},
	Status: 200, App: true,
}, {
	Name: "preflight is answered although the predicate says skip", Skip: true, Method: "OPTIONS", Path: "/r",
	Header: map[string]string{"Origin": Allowed, "Access-Control-Request-Method": "PUT", SkipHeader: "yes"},
	Status: 204, ACAO: Allowed, Vary: []string{PreflightVary},
}, {
	Name: "refused preflight is refused although the predicate says skip", Skip: true, Method: "OPTIONS", Path: "/own",
	Header: map[string]string{"Origin": Refused, "Access-Control-Request-Method": "PUT", SkipHeader: "yes"},
	Status: 403, Vary: []string{PreflightVary},
}, {
	Name: "opted-in preflight skip leaves the preflight to the router", Skip: true, SkipPreflights: true, Method: "OPTIONS", Path: "/r",
	Header: map[string]string{"Origin": Allowed, "Access-Control-Request-Method": "PUT", SkipHeader: "yes"},
	Router: true,
}, {
	Name: "opted-in preflight skip reaches the application's OPTIONS handler", Skip: true, SkipPreflights: true, Method: "OPTIONS", Path: "/own",
	Header: map[string]string{"Origin": Refused, "Access-Control-Request-Method": "PUT", SkipHeader: "yes"},
	Status: 200, App: true,
}, {
	Name: "opted-in preflight skip still answers preflights the predicate keeps", Skip: true, SkipPreflights: true, Method: "OPTIONS", Path: "/r",
	Header: preflight(Allowed),
	Status: 204, ACAO: Allowed, Vary: []string{PreflightVary},
}}

// Run plays every case of Cases through serve; see play.
func Run(t *testing.T, serve Serve) { play(t, Cases, serve) }

// RunSkip plays every case of SkipCases through serve; see play.
func RunSkip(t *testing.T, serve Serve) { play(t, SkipCases, serve) }

// RunGroup plays group cases (EchoGroupCases, FiberGroupCases) through
// serve; see play.
func RunGroup(t *testing.T, cases []Case, serve Serve) { play(t, cases, serve) }

// play plays cases through serve and checks the status, whether the
// application ran, that a request the middleware ended has no body, and the
// Access-Control-Allow-Origin and Vary lines.
func play(t *testing.T, cases []Case, serve Serve) {
	for _, c := range cases {
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
			if c.Status != 0 && res.StatusCode != c.Status {
				t.Errorf("status = %d, want %d", res.StatusCode, c.Status)
			}
			if ran := res.Header.Get("X-App") == "ran"; ran != c.App {
				t.Errorf("application ran = %v, want %v", ran, c.App)
			}
			if !c.App && !c.Router && len(body) != 0 {
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

// CheckMust checks an adapter's Must: it returns for a valid Config, and
// for an invalid one panics with the error core.New returns, unchanged, so
// that the panic's text is core's and errors.As still works on it.
func CheckMust(t *testing.T, must func(core.Config)) {
	t.Helper()
	must(Config(false))
	bad := core.Config{Origins: []string{"*"}, Credentials: true}
	_, want := core.New(bad)
	if want == nil {
		t.Fatal("core.New accepted the invalid Config CheckMust relies on")
	}
	got := func() (v any) {
		defer func() { v = recover() }()
		must(bad)
		return nil
	}()
	err, ok := got.(error)
	if !ok || err.Error() != want.Error() {
		t.Errorf("Must panicked with %#v, want core.New's error %q", got, want)
	}
}
