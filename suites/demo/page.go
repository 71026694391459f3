package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// static holds the page: plain HTML and JavaScript, no build step, so what
// runs in the browser is what a reader finds in the repository.
//
//go:embed static
var static embed.FS

// readHeaderTimeout bounds a slow client; the page server has nothing else
// to protect.
const readHeaderTimeout = 10 * time.Second

// runPattern is what the page may use as a run id: it becomes part of every
// URL a scenario fetches.
var runPattern = regexp.MustCompile(`^[a-z0-9]{1,32}$`)

// pageConfig is everything the page needs to run the scenarios, served as
// /config.json so that the page and the browser suite share one list.
type pageConfig struct {
	Origins   map[From]string           `json:"origins"`
	Adapters  []Adapter                 `json:"adapters"`
	Policies  map[PolicyName]policyView `json:"policies"`
	Scenarios []Scenario                `json:"scenarios"`
	// Explain holds, per scenario, crossgate's Explain of each step.
	Explain map[string][]string `json:"explain"`
	Cookie  string              `json:"cookie"`
}

// policyView is a Config as the page shows it.
type policyView struct {
	Origins []string `json:"origins"`
	// OriginFunc says which origins the policy's OriginFunc approves.
	OriginFunc     string   `json:"originFunc,omitempty"`
	Methods        []string `json:"methods"`
	RequestHeaders []string `json:"requestHeaders"`
	ExposedHeaders []string `json:"exposedHeaders"`
	Credentials    bool     `json:"credentials"`
	MaxAge         string   `json:"maxAge"`
}

// newPageHandler serves the page, its frames and scripts, the configuration
// and the server's tallies, on every page origin.
func newPageHandler(d *Demo) http.Handler {
	hosts := make(map[string]bool)
	for _, o := range d.Origins {
		if u, err := url.Parse(o); err == nil && u.Host != "" {
			hosts[u.Host] = true
		}
	}
	home, _ := url.Parse(d.Origins[Home])

	cfg := pageConfig{
		Origins:   d.Origins,
		Adapters:  d.Adapters,
		Policies:  make(map[PolicyName]policyView),
		Scenarios: Scenarios(),
		Explain:   make(map[string][]string),
		Cookie:    Cookie,
	}
	for _, sc := range cfg.Scenarios {
		for _, st := range sc.Steps {
			cfg.Explain[sc.ID] = append(cfg.Explain[sc.ID], d.explain(sc, st).String())
		}
	}
	for name, c := range d.Policies {
		cfg.Policies[name] = policyView{
			Origins: c.Origins, Methods: c.Methods, RequestHeaders: c.RequestHeaders,
			ExposedHeaders: c.ExposedHeaders, Credentials: c.Credentials, MaxAge: c.MaxAge.String(),
		}
		if c.OriginFunc != nil {
			v := cfg.Policies[name]
			v.OriginFunc = "a tenant lookup that approves " + d.Origins[Second]
			cfg.Policies[name] = v
		}
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		panic(err) // plain strings, slices and maps always marshal
	}

	files, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded directory exists
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(files)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// The page must run on origin A: the policies trust it, and the
		// frames of the other origins are relative to it.
		if r.Host != home.Host {
			http.Redirect(w, r, d.URL, http.StatusFound)
			return
		}
		http.ServeFileFS(w, r, files, "index.html")
	})
	frame, err := fs.ReadFile(files, "frame.html")
	if err != nil {
		panic(err) // embedded
	}
	frame = bytes.ReplaceAll(frame, []byte("{{HOME}}"), []byte(d.Origins[Home]))
	mux.HandleFunc("GET /frame.html", func(w http.ResponseWriter, r *http.Request) {
		// A frame fetches with its origin's standing on behalf of whoever
		// embeds it: only the demo page may.
		w.Header().Set("Content-Security-Policy", "frame-ancestors "+d.Origins[Home])
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(frame)
	})
	mux.HandleFunc("GET /config.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(cfgJSON)
	})
	mux.HandleFunc("GET /state", func(w http.ResponseWriter, r *http.Request) {
		run := r.URL.Query().Get("run")
		if !runPattern.MatchString(run) {
			http.Error(w, "run must match "+runPattern.String(), http.StatusBadRequest)
			return
		}
		state := make(map[string]map[string]Stats, len(d.Adapters))
		for _, a := range d.Adapters {
			m := make(map[string]Stats, len(cfg.Scenarios))
			for _, s := range cfg.Scenarios {
				m[s.ID] = d.Stats(a.Name, run, s.ID)
			}
			state[a.Name] = m
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(state)
	})

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Answer only to the names the demo uses, so that a DNS-rebinding
		// page cannot read the demo through some other host name.
		if !hosts[r.Host] {
			http.Error(w, "unknown host "+r.Host, http.StatusMisdirectedRequest)
			return
		}
		// The page changes with every edit during development, and the
		// frames must never come from a cache: scenarios are about caches.
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	})
}
