package conformance

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/crossgate/crossgate/core"
)

// Framework serves a real application of one framework with crossgate
// attached at the router level.
type Framework struct {
	// Name is the framework: "chi", "gin", "echo", "echov5", "fiber" or
	// "fiberv3". Expectations that differ by framework are keyed by it.
	Name string
	// Variant says how this server differs from the framework's standard
	// one, e.g. "group-helper" and "plain-group" for the two group
	// applications; "" for the standard application.
	Variant string
	// Serve starts serving on ln an application protected by p and returns a
	// function that shuts it down (and waits).
	Serve func(ln net.Listener, p *core.Policy, opts Options) (shutdown func(), err error)
}

// Options changes what surrounds the CORS middleware in a served
// application, so that tests can look at requests the middleware ends and
// check that it appends to headers set before it.
type Options struct {
	// Observe, if set, is called for every request before any middleware
	// runs (so it sees preflights the CORS middleware ends).
	Observe func(method, path string, header http.Header)
	// OuterVary, if set, is a Vary value an outer middleware (outside CORS)
	// sets on every response, e.g. "Accept-Encoding".
	OuterVary string
}

// String names the server in test names and failure messages: the
// framework, and its variant if any ("gin-plain-group").
func (f Framework) String() string {
	if f.Variant == "" {
		return f.Name
	}
	return f.Name + "-" + f.Variant
}

// HTTP1Only tells whether f's server speaks HTTP/1.1 only: fiber v2 and v3
// and plain fasthttp run on fasthttp, which has no HTTP/2.
func (f Framework) HTTP1Only() bool {
	return strings.HasPrefix(f.Name, "fiber") || strings.HasPrefix(f.Name, "fasthttp")
}

// The application is the same in every framework, so that any difference
// between two frameworks' answers can only come from their adapters:
//
//	GET, HEAD, POST, PUT, DELETE, PATCH  /api/items, /api/items/{id}  -> 200 JSON
//	GET, OPTIONS                         /api/explicit                -> 200
//
// No other route has an OPTIONS handler, so a preflight anywhere else is
// answered by the CORS middleware or by nobody. Every application answer
// carries these headers, which tell the runner that the application ran and
// give ExposedHeaders something to expose.
const (
	PathItems    = "/api/items"
	PathExplicit = "/api/explicit"

	HeaderApp     = "X-App"
	ValueApp      = "ran"
	HeaderExposed = "X-Exposed"
	HeaderHidden  = "X-Hidden"

	// ExplicitOptionsBody is what the application's own OPTIONS handler
	// answers, so a test can tell it from an empty preflight answer.
	ExplicitOptionsBody = "app options"
)

// AppMethods are the methods the application routes on its item paths.
var AppMethods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost,
	http.MethodPut, http.MethodDelete, http.MethodPatch,
}

// AppHeaders are the headers every application answer carries.
var AppHeaders = [][2]string{
	{HeaderApp, ValueApp},
	{HeaderExposed, "exposed"},
	{HeaderHidden, "hidden"},
}

// appBody is the JSON the application answers on its item routes. It
// echoes the Cookie header so that a credentialed test can see the cookie
// arrive.
type appBody struct {
	Handler string `json:"handler"`
	Method  string `json:"method"`
	Path    string `json:"path"`
	Cookie  string `json:"cookie"`
}

func AppJSON(method, path, cookie string) []byte {
	b, err := json.Marshal(appBody{Handler: "app", Method: method, Path: path, Cookie: cookie})
	if err != nil {
		panic(err) // a struct of strings always marshals
	}
	return b
}

// MaxHeaderBytes lets hostile-size headers (a 1 MiB
// Access-Control-Request-Headers) reach the CORS middleware, which must
// refuse them itself, instead of the server answering 431 first.
const MaxHeaderBytes = 4 << 20

// ShutdownTimeout bounds how long a shutdown waits for open connections.
const ShutdownTimeout = 5 * time.Second

// Observed wraps h so that opts.Observe sees every request before any
// framework code runs, including the router's redirects and 404s.
func Observed(h http.Handler, opts Options) http.Handler {
	if opts.Observe == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		opts.Observe(r.Method, r.URL.Path, r.Header.Clone())
		h.ServeHTTP(w, r)
	})
}

// ServeHTTP serves h on ln with net/http, for the frameworks that are
// http.Handlers (chi, gin, echo).
func ServeHTTP(ln net.Listener, h http.Handler, opts Options) (func(), error) {
	srv := &http.Server{
		Handler:           Observed(h, opts),
		MaxHeaderBytes:    MaxHeaderBytes,
		ReadHeaderTimeout: 10 * time.Second,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
		// Serve returns ErrServerClosed once Shutdown has begun; any other
		// error was already visible as failed requests.
		<-done
	}, nil
}
