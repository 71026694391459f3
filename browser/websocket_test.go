package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	cws "github.com/coder/websocket"
	"github.com/gorilla/websocket"

	corschi "github.com/crossgate/crossgate/chi"
	"github.com/crossgate/crossgate/core"
)

// serveWebSocket serves, on 127.0.0.1, an echo WebSocket endpoint at /ws
// whose handshakes check's origin check decides: gorilla's Upgrader with
// the check as CheckOrigin, or coder/websocket's Accept behind it. It
// returns the endpoint's ws:// URL.
func serveWebSocket(t *testing.T, check func(*http.Request) bool, coder bool) string {
	t.Helper()
	gorilla := websocket.Upgrader{CheckOrigin: check}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if coder {
			if !check(r) {
				http.Error(w, "origin not allowed", http.StatusForbidden)
				return
			}
			// The policy has decided: coder's own same-host rule is off.
			c, err := cws.Accept(w, r, &cws.AcceptOptions{InsecureSkipVerify: true})
			if err != nil {
				return
			}
			defer c.CloseNow()
			typ, msg, err := c.Read(r.Context())
			if err == nil {
				c.Write(r.Context(), typ, msg)
			}
			return
		}
		c, err := gorilla.Upgrade(w, r, nil) // answers 403 itself when check refuses
		if err != nil {
			return
		}
		defer c.Close()
		typ, msg, err := c.ReadMessage()
		if err == nil {
			c.WriteMessage(typ, msg)
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "ws://" + ln.Addr().String() + "/ws"
}

// TestWebSocketOriginGoClients opens real WebSocket connections, with
// gorilla's and coder's clients, to servers of both libraries that check
// origins with corschi.WebSocketOrigin: the listed origin talks, a foreign
// one, "null", two Origin lines and "*" without opting in are refused with
// 403 before any upgrade, and a client without Origin is let in.
func TestWebSocketOriginGoClients(t *testing.T) {
	listed, err := core.New(core.Config{Origins: []string{"https://app.example"}, Credentials: true})
	if err != nil {
		t.Fatal(err)
	}
	anyOrigin, err := core.New(core.Config{Origins: []string{"*"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		check  func(*http.Request) bool
		origin []string
		ok     bool
	}{
		{"listed origin", corschi.WebSocketOrigin(listed, corschi.WebSocketOptions{}), []string{"https://app.example"}, true},
		{"foreign origin", corschi.WebSocketOrigin(listed, corschi.WebSocketOptions{}), []string{"https://evil.example"}, false},
		{"null", corschi.WebSocketOrigin(listed, corschi.WebSocketOptions{}), []string{"null"}, false},
		{"two Origin lines", corschi.WebSocketOrigin(listed, corschi.WebSocketOptions{}), []string{"https://app.example", "https://evil.example"}, false},
		{"no Origin", corschi.WebSocketOrigin(listed, corschi.WebSocketOptions{}), nil, true},
		{"* without opting in", corschi.WebSocketOrigin(anyOrigin, corschi.WebSocketOptions{}), []string{"https://evil.example"}, false},
		{"* opted in", corschi.WebSocketOrigin(anyOrigin, corschi.WebSocketOptions{AllowAnyOrigin: true}), []string{"https://evil.example"}, true},
	}
	for _, server := range []string{"gorilla", "coder"} {
		for _, tt := range tests {
			t.Run(server+"/"+tt.name, func(t *testing.T) {
				url := serveWebSocket(t, tt.check, server == "coder")
				h := http.Header{"Origin": tt.origin}
				if tt.origin == nil {
					// gorilla's client adds no Origin of its own; coder's
					// neither: the handshake goes without one.
					h = http.Header{}
				}
				got, status := echoOnce(t, url, h, server == "coder")
				if tt.ok && got != "ping" {
					t.Errorf("connection refused (status %d), want an echo", status)
				}
				if !tt.ok && (got != "" || status != http.StatusForbidden) {
					t.Errorf("connection answered %q with status %d, want a 403 refusal", got, status)
				}
			})
		}
	}
}

// echoOnce dials url with header (through gorilla's client, or coder's when
// coder), sends "ping" and returns the echo, or "" and the handshake's
// status when the server refused.
func echoOnce(t *testing.T, url string, header http.Header, coder bool) (string, int) {
	t.Helper()
	// Bounds the handshake and one echo with a server on loopback, which
	// take milliseconds: reaching it means a hang, and the test fails
	// instead of waiting for the suite's timeout.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if coder {
		c, res, err := cws.Dial(ctx, url, &cws.DialOptions{HTTPHeader: header})
		if err != nil {
			if res == nil {
				t.Fatalf("dial: %v", err)
			}
			return "", res.StatusCode
		}
		defer c.CloseNow()
		if err := c.Write(ctx, cws.MessageText, []byte("ping")); err != nil {
			t.Fatal(err)
		}
		_, msg, err := c.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return string(msg), http.StatusSwitchingProtocols
	}
	c, res, err := websocket.DefaultDialer.DialContext(ctx, url, header)
	if err != nil {
		if res == nil {
			t.Fatalf("dial: %v", err)
		}
		return "", res.StatusCode
	}
	defer c.Close()
	if err := c.WriteMessage(websocket.TextMessage, []byte("ping")); err != nil {
		t.Fatal(err)
	}
	_, msg, err := c.ReadMessage()
	if err != nil {
		t.Fatal(err)
	}
	return string(msg), http.StatusSwitchingProtocols
}

// TestWebSocketOriginInBrowsers opens WebSockets from pages in each
// engine: the page on the policy's origin talks to the server, the page on
// another origin is refused. The negative control, a server that checks
// nothing, shows that the browser itself connects the foreign page: no
// CORS guards a WebSocket.
func TestWebSocketOriginInBrowsers(t *testing.T) {
	for _, engine := range plainEngines {
		t.Run(engine.Name, func(t *testing.T) { playWebSockets(t, engine.Start(t, testPKI{})) })
	}
}

func playWebSockets(t *testing.T, tab pageDriver) {
	allowedPage, allowedOrigin := servePlainPage(t)
	refusedPage, _ := servePlainPage(t)
	p, err := core.New(core.Config{Origins: []string{allowedOrigin}, Credentials: true})
	if err != nil {
		t.Fatal(err)
	}
	checkNothing := func(*http.Request) bool { return true }
	for _, server := range []string{"gorilla", "coder", "unchecked"} {
		check, wantRefused := corschi.WebSocketOrigin(p, corschi.WebSocketOptions{}), "error"
		if server == "unchecked" {
			check, wantRefused = checkNothing, "echo:ping"
		}
		url := serveWebSocket(t, check, server == "coder")
		for _, c := range []struct {
			page, want string
		}{{allowedPage, "echo:ping"}, {refusedPage, wantRefused}} {
			if err := tab.Navigate(c.page); err != nil {
				t.Fatal(err)
			}
			var got string
			script := fmt.Sprintf(`new Promise(done => {
				const ws = new WebSocket(%q);
				ws.onopen = () => ws.send("ping");
				ws.onmessage = e => { done("echo:" + e.data); ws.close(); };
				ws.onerror = () => done("error");
			})`, url)
			if err := tab.Evaluate(script, &got); err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("%s server, page %s: %q, want %q", server, strings.TrimSuffix(c.page, "/"), got, c.want)
			}
		}
	}
}
