package corsfiber_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crossgate/crossgate/conformance/adaptertest"
	"github.com/crossgate/crossgate/core"
	corsfiber "github.com/crossgate/crossgate/fiber"
	"github.com/gofiber/fiber/v2"
)

// groupApp is an app with CORS only on the group /v2, attached as
// c.Attach says (see adaptertest.FiberGroupCases). Its routes have no
// OPTIONS handler; /v2x and /open are outside the group.
func groupApp(t *testing.T, c adaptertest.Case) *fiber.App {
	t.Helper()
	p, err := core.New(config(c.Pass))
	if err != nil {
		t.Fatal(err)
	}
	app := func(c *fiber.Ctx) error {
		c.Set("X-App", "ran")
		return c.SendString("app")
	}
	a := fiber.New(fiber.Config{DisableStartupMessage: true})
	switch c.Attach {
	case "":
		g := corsfiber.Group(a, "/v2", p)
		g.Get("/items", app)
		g.Put("/items", app)
	case adaptertest.AttachPlainGroup:
		g := a.Group("/v2", corsfiber.Middleware(p))
		g.Get("/items", app)
		g.Put("/items", app)
	case adaptertest.AttachRouteLevel:
		g := a.Group("/v2")
		g.Get("/items", corsfiber.Middleware(p), app)
		g.Put("/items", corsfiber.Middleware(p), app)
	}
	a.Get("/v2x", app)
	a.Get("/open", app)
	return a
}

// plainGroupCases are fiber v2's own negative controls: a plain group
// prefix reaches past the group.
var plainGroupCases = []adaptertest.Case{
	{Name: "plain group answers a sibling path's preflight", Attach: adaptertest.AttachPlainGroup, Method: "OPTIONS", Path: "/v2x",
		Header: map[string]string{"Origin": allowed, "Access-Control-Request-Method": "PUT"}, Status: 204, ACAO: allowed, Vary: []string{preflightVary}},
	{Name: "plain group adds CORS to a sibling path", Attach: adaptertest.AttachPlainGroup, Method: "GET", Path: "/v2x",
		Header: map[string]string{"Origin": allowed}, Status: 200, App: true, ACAO: allowed, Vary: []string{"Origin"}},
}

func TestGroup(t *testing.T) {
	adaptertest.RunGroup(t, append(adaptertest.FiberGroupCases, plainGroupCases...), func(t *testing.T, c adaptertest.Case, req *http.Request) *http.Response {
		res, err := groupApp(t, c).Test(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	})
}

// TestGroupPaths checks the group's boundary under fiber's routing options
// and with a parameter in the prefix.
func TestGroupPaths(t *testing.T) {
	p, err := core.New(config(false))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cfg    fiber.Config
		prefix string
		path   string
		want   int
	}{
		{"trailing slash", fiber.Config{}, "/v2", "/v2/", 204},
		{"case-insensitive by default", fiber.Config{}, "/v2", "/V2/items", 204},
		{"CaseSensitive", fiber.Config{CaseSensitive: true}, "/v2", "/V2/items", 404},
		{"StrictRouting, prefix", fiber.Config{StrictRouting: true}, "/v2", "/v2", 204},
		{"StrictRouting, below", fiber.Config{StrictRouting: true}, "/v2", "/v2/items", 204},
		{"StrictRouting, sibling", fiber.Config{StrictRouting: true}, "/v2", "/v2x", 404},
		{"parameter", fiber.Config{}, "/t/:tenant", "/t/acme/items", 204},
		{"parameter, prefix", fiber.Config{}, "/t/:tenant", "/t/acme", 204},
		{"parameter, elsewhere", fiber.Config{}, "/t/:tenant", "/u/acme", 404},
		{"root", fiber.Config{}, "/", "/anything", 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.DisableStartupMessage = true
			a := fiber.New(tt.cfg)
			corsfiber.Group(a, tt.prefix, p)
			req := httptest.NewRequest(http.MethodOptions, tt.path, nil)
			req.Header.Set("Origin", allowed)
			req.Header.Set("Access-Control-Request-Method", "PUT")
			res, err := a.Test(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.want {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.want)
			}
		})
	}
}
