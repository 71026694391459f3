package servers_test

import (
	"github.com/crossgate/crossgate/suites/servers"
	"net/http"
	"strings"
	"testing"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/conformance/attacks"
	"github.com/crossgate/crossgate/core"
	corsecho "github.com/crossgate/crossgate/echo"
	corsecho5 "github.com/crossgate/crossgate/echov5"
	corsfiber "github.com/crossgate/crossgate/fiber"
	corsfiber3 "github.com/crossgate/crossgate/fiberv3"
	corsgin "github.com/crossgate/crossgate/gin"
)

// TestAttacksOverHTTP plays the attack catalogue (internal/attacks) through
// every adapter over real HTTP on 127.0.0.1, with requests written byte for
// byte: whatever the framework does to header lines before the adapter
// reads them (merging, trimming, keeping only the first), nothing in the
// catalogue may get through. A server that rejects a hostile request
// itself (400, 431) passes, as long as it grants nothing.
func TestAttacksOverHTTP(t *testing.T) {
	for _, f := range servers.FrameworksAndModes() {
		t.Run(f.String(), func(t *testing.T) {
			p, addr, shutdown := serveLoopback(t, f, core.Config{Origins: []string{attacks.App}})
			defer shutdown()
			for _, a := range attacks.All() {
				if a.Refuse == attacks.Config {
					continue // TestAttackConfigsRefusedByAdapters
				}
				t.Run(a.Class, func(t *testing.T) {
					if a.Scope != nil {
						// A scope stays with its policy: the row gets a
						// server of its own.
						p, addr, shutdown := serveLoopback(t, f, a.Config)
						defer shutdown()
						if err := a.AddScope(p); err != nil {
							t.Fatalf("the row's scope is invalid: %v", err)
						}
						playAttack(t, addr, a)
						playHooked(t, p, addr, a)
						return
					}
					if err := p.Reconfigure(a.Config); err != nil {
						t.Fatalf("the row's policy is invalid: %v", err)
					}
					p.OnRefusal(nil)
					playAttack(t, addr, a)
					playHooked(t, p, addr, a)
				})
			}
		})
	}
}

// sendAttack sends a row's request, byte for byte, and returns the
// response and its body.
func sendAttack(t *testing.T, addr string, a attacks.Attack) (*http.Response, []byte) {
	t.Helper()
	resp, body, err := rawRequest(addr, rowMethod(a), a.RequestTarget(), a.Header)
	if err != nil {
		t.Fatalf("%s: %v", a.Advisory, err)
	}
	return resp, body
}

func rowMethod(a attacks.Attack) string {
	if a.Method == "" {
		return http.MethodGet
	}
	return a.Method
}

// playAttack plays a row with no refusal hook and checks that nothing the
// row refuses is granted.
func playAttack(t *testing.T, addr string, a attacks.Attack) {
	t.Helper()
	method := rowMethod(a)
	resp, _ := sendAttack(t, addr, a)
	h := resp.Header
	preflight := method == http.MethodOptions
	ok := resp.StatusCode >= 200 && resp.StatusCode <= 299
	switch a.Refuse {
	case attacks.Origin:
		for _, name := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials"} {
			if v, found := h[name]; found {
				t.Errorf("%s: %s: %q granted (%s)", resp.Status, name, v, a.Advisory)
			}
		}
		if preflight && ok {
			t.Errorf("refused-origin preflight answered %s", resp.Status)
		}
	case attacks.Preflight:
		if _, found := h["Access-Control-Max-Age"]; found {
			t.Errorf("refused preflight carries Max-Age")
		}
		for _, name := range []string{"Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
			if v := strings.Join(h[name], ", "); a.Asked != "" && attacks.Lists(name, v, a.Asked) {
				t.Errorf("%s: %q lists %q", name, v, a.Asked)
			}
		}
	}
	if preflight && h.Get("X-App") != "" {
		t.Errorf("a refused preflight reached the application (%s)", resp.Status)
	}
}

// TestAttackConfigsRefusedByAdapters: every policy the catalogue says must
// never be deployed is refused by each adapter's New too.
func TestAttackConfigsRefusedByAdapters(t *testing.T) {
	news := map[string]func(core.Config) error{
		"chi":     func(c core.Config) error { _, err := corschi.New(c); return err },
		"gin":     func(c core.Config) error { _, err := corsgin.New(c); return err },
		"echo":    func(c core.Config) error { _, err := corsecho.New(c); return err },
		"echov5":  func(c core.Config) error { _, err := corsecho5.New(c); return err },
		"fiber":   func(c core.Config) error { _, err := corsfiber.New(c); return err },
		"fiberv3": func(c core.Config) error { _, err := corsfiber3.New(c); return err },
	}
	for _, a := range attacks.All() {
		if a.Refuse != attacks.Config {
			continue
		}
		for name, newFn := range news {
			if newFn(a.Config) == nil {
				t.Errorf("%s: %s: New accepted %q (%s)", a.Class, name, a.Config.Origins, a.Advisory)
			}
		}
	}
}
