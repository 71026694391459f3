package servers_test

import (
	"github.com/crossgate/crossgate/suites/servers"
	"strings"
	"testing"

	"github.com/crossgate/crossgate/conformance/rawhttp"
	"github.com/crossgate/crossgate/core"
)

// secretPaths are requests for the secret file that every file server
// cleans into servers.FilesSecretPath, sent byte for byte: a browser
// sends the first three as written (only "." and ".." segments does it
// resolve itself).
var secretPaths = []string{
	"/files//private/secret.txt",
	"/files/public/..%2Fprivate/secret.txt",
	"/files/%70rivate/secret.txt",
	"/files/public/../private/secret.txt",
}

// TestScopesDecideOnTheServedFile serves a directory with each
// framework's file server under two layouts: a permissive site policy
// with a strict scope for /files/private, and a strict site policy with
// a permissive scope for /files/public. Whatever path the secret is asked
// through, a page on another site gets no CORS grant for it: the policy
// that decides is the one of the file served.
func TestScopesDecideOnTheServedFile(t *testing.T) {
	root, err := servers.WriteFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	layouts := []struct {
		name         string
		site         core.Config
		prefix       string
		scope        core.Config
		helloGranted bool
	}{
		{"strict private scope", siteConfig(), servers.FilesPrivatePrefix, servers.AdminConfig(), true},
		{"permissive public scope", servers.AdminConfig(), servers.FilesPublicPrefix, siteConfig(), true},
	}
	for _, f := range servers.FileFrameworks(root) {
		for _, l := range layouts {
			t.Run(f.String()+"/"+l.name, func(t *testing.T) {
				p, addr, stop := serveLoopback(t, f, l.site)
				defer stop()
				inner, err := core.New(l.scope)
				if err != nil {
					t.Fatal(err)
				}
				if err := p.Scope(l.prefix, inner); err != nil {
					t.Fatal(err)
				}
				// The permissive policy grants the public file: without
				// that, no answer below could show a grant.
				if acao, body := getFile(t, addr, servers.FilesHelloPath); acao != evil || body != servers.FilesHello {
					t.Fatalf("GET %s: ACAO %q, body %q; want %q and the file", servers.FilesHelloPath, acao, body, evil)
				}
				served := 0
				for _, path := range append([]string{servers.FilesSecretPath}, secretPaths...) {
					acao, body := getFile(t, addr, path)
					if body == servers.FilesSecret {
						served++
					}
					if acao != "" {
						t.Errorf("GET %s from %s: Access-Control-Allow-Origin %q (the body is the secret: %v)", path, evil, acao, body == servers.FilesSecret)
					}
				}
				// The file server serves the secret through the unclean
				// paths too, so the test sees the hole it closes; echo's
				// Static answers 404 to them itself (GHSA-3pmx-cf9f-34xr).
				want := 1 + len(secretPaths)
				if strings.HasPrefix(f.Name, "echo") {
					want = 1
				}
				if served != want {
					t.Errorf("the secret was served through %d of the %d paths; want %d", served, 1+len(secretPaths), want)
				}
			})
		}
	}
}

// getFile sends GET path from evil, byte for byte, and returns the
// answer's Access-Control-Allow-Origin (and -Credentials, which must come
// with it) and body.
func getFile(t *testing.T, addr, path string) (acao, body string) {
	t.Helper()
	resp, b, err := rawRequest(addr, "GET", path, []rawhttp.Line{{Name: "Origin", Value: evil}})
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	acao = strings.Join(resp.Header.Values("Access-Control-Allow-Origin"), ", ")
	if acac := resp.Header.Get("Access-Control-Allow-Credentials"); acac != "" && acao == "" {
		t.Errorf("GET %s: Access-Control-Allow-Credentials %q without an origin", path, acac)
	}
	return acao, string(b)
}

// TestCleaningRoutersDecideByTheAdminScope: chi with middleware.CleanPath
// and gin with RemoveExtraSlash route "//admin/users" to the admin routes;
// the admin scope decides it, preflight and actual request.
func TestCleaningRoutersDecideByTheAdminScope(t *testing.T) {
	admin, twice := servers.LayeredAdmin, "/"+servers.LayeredAdminPath
	cases := []layeredCase{
		{name: "evil origin's preflight", method: "OPTIONS", path: twice, origin: evil, acrm: "DELETE", status: 403},
		{name: "evil origin's DELETE reaches the admin route", method: "DELETE", path: twice, origin: evil, status: 200, app: true},
		{name: "admin origin's allowed preflight", method: "OPTIONS", path: twice, origin: admin, acrm: "PUT", status: 204, acao: admin, acac: "true"},
		{name: "admin origin's PUT", method: "PUT", path: twice, origin: admin, status: 200, acao: admin, acac: "true", app: true},
	}
	for _, f := range servers.CleaningFrameworks() {
		t.Run(f.String(), func(t *testing.T) {
			_, addr, stop := serveLoopback(t, f, siteConfig())
			defer stop()
			for _, c := range cases {
				c.play(t, addr)
			}
		})
	}
}

// TestScopesDecideEncodedPathsAlike: every adapter decides a path the same
// way however it is written, by the scope of its cleaned form, and refuses
// one whose encoded slash puts it under two scopes.
func TestScopesDecideEncodedPathsAlike(t *testing.T) {
	admin := servers.LayeredAdmin
	cases := []layeredCase{
		{name: "encoded letter, evil origin", method: "OPTIONS", path: "/%61dmin/users", origin: evil, acrm: "DELETE", status: 403},
		{name: "encoded letter, admin origin", method: "OPTIONS", path: "/%61dmin/users", origin: admin, acrm: "PUT", status: 204, acao: admin, acac: "true"},
		{name: "encoded letter, method only the site allows", method: "OPTIONS", path: "/%61dmin/users", origin: admin, acrm: "DELETE", status: 204, acao: admin, acac: "true"},
		{name: "empty segment, evil origin", method: "OPTIONS", path: "//admin/users", origin: evil, acrm: "DELETE", status: 403},
		{name: "encoded dots, evil origin", method: "OPTIONS", path: "/home/%2e%2e/admin/users", origin: evil, acrm: "DELETE", status: 403},
		{name: "encoded slash, two scopes", method: "OPTIONS", path: "/home/..%2Fadmin/users", origin: admin, acrm: "PUT", status: 403},
		{name: "encoded slash, one scope", method: "OPTIONS", path: "/home/a%2Fb", origin: evil, acrm: "DELETE", status: 204, acao: evil, acac: "true"},
	}
	for _, f := range servers.LayeredFrameworks(servers.Scoped) {
		t.Run(f.String(), func(t *testing.T) {
			_, addr, stop := serveLoopback(t, f, siteConfig())
			defer stop()
			for _, c := range cases {
				c.play(t, addr)
			}
		})
	}
}
