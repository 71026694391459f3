package corsfasthttp_test

import (
	"slices"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/crossgate/crossgate/core"
	corsfasthttp "github.com/crossgate/crossgate/fasthttp"
)

// TestRespondReadsEarlierAnswer checks what Respond reads of the response
// before writing: another layer's Access-Control-Allow-Origin, whose
// fields a refusal must remove, and a Vary in any case (a server that
// keeps header names as written), which it keeps; without one, Vary is
// written once.
func TestRespondReadsEarlierAnswer(t *testing.T) {
	p, err := core.New(core.Config{Origins: []string{"https://app.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		earlier  [][2]string
		wantVary []string
	}{
		{"nothing earlier", nil, []string{"Origin"}},
		{"canonical names", [][2]string{{"Access-Control-Allow-Origin", "https://evil.example"}, {"Vary", "Accept"}}, []string{"Accept", "Origin"}},
		{"lower-case vary", [][2]string{{"Access-Control-Allow-Origin", "https://evil.example"}, {"vary", "Accept"}}, []string{"Accept", "Origin"}},
	} {
		var rc fasthttp.RequestCtx
		rc.Request.Header.SetMethod("GET")
		rc.Request.Header.Set("Origin", "https://evil.example")
		rc.Response.Header.DisableNormalizing()
		for _, f := range c.earlier {
			rc.Response.Header.Set(f[0], f[1])
		}
		var lines corsfasthttp.Lines
		req := corsfasthttp.ReadRequest(&rc.Request.Header, "GET", "/", false, &lines)
		d := p.Decide(req)
		if d.Allowed {
			t.Fatalf("%s: the policy allowed %q", c.name, req.Origin)
		}
		corsfasthttp.Respond(&rc, p, &req, &d)
		var vary []string
		rc.Response.Header.VisitAll(func(k, v []byte) {
			switch string(k) {
			case "Access-Control-Allow-Origin", "access-control-allow-origin":
				t.Errorf("%s: the earlier layer's %s: %s is left", c.name, k, v)
			case "Vary", "vary":
				vary = append(vary, string(v))
			}
		})
		if !slices.Equal(vary, c.wantVary) {
			t.Errorf("%s: Vary %q, want %q", c.name, vary, c.wantVary)
		}
	}
}
