package adapter

import (
	"testing"

	"github.com/crossgate/crossgate/core"
)

func TestWebSocketOriginAllowed(t *testing.T) {
	listed, err := core.New(core.Config{Origins: []string{"https://app.example", "https://*.example.org"}, Credentials: true})
	if err != nil {
		t.Fatal(err)
	}
	any, err := core.New(core.Config{Origins: []string{"*"}})
	if err != nil {
		t.Fatal(err)
	}
	scoped, err := core.New(core.Config{Origins: []string{"https://app.example"}})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := core.New(core.Config{Origins: []string{"https://admin.example"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := scoped.Scope("/admin", admin); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		p         *core.Policy
		path      string
		origin    []string
		anyOrigin bool
		want      bool
	}{
		{"listed origin", listed, "/ws", []string{"https://app.example"}, false, true},
		{"pattern", listed, "/ws", []string{"https://chat.example.org"}, false, true},
		{"foreign origin", listed, "/ws", []string{"https://evil.example"}, false, false},
		{"no Origin: not a browser", listed, "/ws", nil, false, true},
		{"null", listed, "/ws", []string{"null"}, false, false},
		{"two Origin lines", listed, "/ws", []string{"https://app.example", "https://app.example"}, false, false},
		{"* without opting in", any, "/ws", []string{"https://anyone.example"}, false, false},
		{"* opted in", any, "/ws", []string{"https://anyone.example"}, true, true},
		{"null under * opted in", any, "/ws", []string{"null"}, true, false},
		{"scope decides its paths", scoped, "/admin/ws", []string{"https://app.example"}, false, false},
		{"scope's own origin", scoped, "/admin/ws", []string{"https://admin.example"}, false, true},
		{"outside the scope", scoped, "/ws", []string{"https://app.example"}, false, true},
	}
	for _, tt := range tests {
		if got := WebSocketOriginAllowed(tt.p, tt.path, tt.origin, tt.anyOrigin); got != tt.want {
			t.Errorf("%s: WebSocketOriginAllowed = %v, want %v", tt.name, got, tt.want)
		}
	}
}
