package demo

import (
	"fmt"
	"net"
	"net/http"
	"strconv"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/suites/servers"
)

// Options says where the demo listens and where it reports refusals.
type Options struct {
	// PagePort is the port of the page (origin A); 0 picks a free one. The
	// other ports are always picked by the system.
	PagePort int
	// Logf, if set, receives one line per request crossgate refuses, the
	// line a server log would show.
	Logf func(format string, args ...any)
}

// Adapter is one framework as the page sees it: its name and the base URL
// it serves each policy on.
type Adapter struct {
	Name  string                `json:"name"`
	Bases map[PolicyName]string `json:"bases"`
}

// Demo is a running demo: the page on its origins and every framework under
// every policy, all on 127.0.0.1.
type Demo struct {
	// URL is the page to open.
	URL string
	// Origins maps each From to the origin it stands for ("null" for
	// Sandbox).
	Origins  map[From]string
	Adapters []Adapter
	Policies map[PolicyName]core.Config

	// models are the policies compiled once more, for Explain only, so that
	// explaining never reports a refusal in a framework's column.
	models    map[PolicyName]*core.Policy
	counters  counters
	logf      func(format string, args ...any)
	shutdowns []func()
}

// cacheControl is what every framework's answer says of caching: a
// browser may keep it a minute; a shared cache must not (it may carry a
// user's data).
const cacheControl = "private, max-age=60"

// loopback is the only address the demo listens on: it serves a page that
// makes cross-origin requests on the user's behalf, and nothing outside the
// machine has any business with it.
const loopback = "127.0.0.1"

// Start serves the page and the frameworks. Close stops them all.
func Start(opts Options) (_ *Demo, err error) {
	d := &Demo{logf: opts.Logf}
	defer func() {
		if err != nil {
			d.Close()
		}
	}()

	// The page's three ports come first: the policies name them.
	var pageLns [3]net.Listener
	for i := range pageLns {
		p := 0
		if i == 0 {
			p = opts.PagePort
		}
		if pageLns[i], err = listen(p); err != nil {
			for _, ln := range pageLns[:i] {
				ln.Close()
			}
			return nil, fmt.Errorf("demo: listening for the page: %w", err)
		}
	}
	portA, portB, portC := port(pageLns[0]), port(pageLns[1]), port(pageLns[2])
	d.Origins = map[From]string{
		Home:      "http://127.0.0.1:" + portA,
		Second:    "http://127.0.0.1:" + portB,
		Localhost: "http://localhost:" + portA,
		Stranger:  "http://127.0.0.1:" + portC,
		Sandbox:   "null",
	}
	d.URL = d.Origins[Home] + "/"

	// Until the page is served, its listeners are closed on failure.
	served := false
	defer func() {
		if !served {
			for _, ln := range pageLns {
				ln.Close()
			}
		}
	}()

	d.Policies = make(map[PolicyName]core.Config, len(policyNames))
	d.models = make(map[PolicyName]*core.Policy, len(policyNames))
	for _, name := range policyNames {
		d.Policies[name] = configFor(name, d.Origins[Home], d.Origins[Second])
		if d.models[name], err = core.New(d.Policies[name]); err != nil {
			return nil, fmt.Errorf("demo: policy %s: %w", name, err)
		}
	}

	for _, fw := range servers.Frameworks() {
		a := Adapter{Name: fw.Name, Bases: make(map[PolicyName]string, len(policyNames))}
		for _, name := range policyNames {
			// Each framework gets its own Policy: see reportRefusals.
			p, err := core.New(d.Policies[name])
			if err != nil {
				return nil, fmt.Errorf("demo: policy %s: %w", name, err)
			}
			d.reportRefusals(fw.Name, name, p)
			ln, err := listen(0)
			if err != nil {
				return nil, fmt.Errorf("demo: listening for %s (%s): %w", fw.Name, name, err)
			}
			// Answers say how long a browser may keep them, as an API
			// that wants caching does: WebKit's HTTP cache stores no
			// answer without a lifetime or a validator
			// (NetworkCache::makeStoreDecision, "unlikely to reuse"), so
			// without it the Vary scenario's second fetch could not come
			// from the cache there.
			stop, err := servers.Deploy(fw, ln, p, servers.Deployment{
				Options:      conformance.Options{Observe: d.observer(fw.Name)},
				CacheControl: cacheControl,
			})
			if err != nil {
				ln.Close()
				return nil, fmt.Errorf("demo: serving %s (%s): %w", fw.Name, name, err)
			}
			d.shutdowns = append(d.shutdowns, stop)
			a.Bases[name] = "http://127.0.0.1:" + port(ln)
		}
		d.Adapters = append(d.Adapters, a)
	}

	// The page comes last: its configuration lists every framework's URLs.
	page := newPageHandler(d)
	for _, ln := range pageLns {
		d.shutdowns = append(d.shutdowns, serve(ln, page))
	}
	served = true
	return d, nil
}

// observer returns the Observe hook of one framework's servers: it counts
// every request before crossgate sees it, preflights included.
func (d *Demo) observer(framework string) func(string, string, http.Header) {
	return func(method, path string, h http.Header) {
		d.counters.observe(framework, method, path, h)
	}
}

// Stats returns what framework's server saw of the scenario with this id
// in the page load run.
func (d *Demo) Stats(framework, run, scenario string) Stats {
	return d.counters.get(framework, run+"-"+scenario)
}

// Close stops every server and waits for them.
func (d *Demo) Close() {
	for i := len(d.shutdowns) - 1; i >= 0; i-- {
		d.shutdowns[i]()
	}
	d.shutdowns = nil
}

// listen listens on the loopback address; port 0 picks a free port.
func listen(port int) (net.Listener, error) {
	return net.Listen("tcp", net.JoinHostPort(loopback, strconv.Itoa(port)))
}

func port(ln net.Listener) string {
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// serve serves h on ln until the returned function is called. The page is
// static and short-lived requests only, so closing at once loses nothing.
func serve(ln net.Listener, h http.Handler) func() {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: readHeaderTimeout}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln) // always ErrServerClosed after Close
	}()
	return func() {
		srv.Close()
		<-done
	}
}
