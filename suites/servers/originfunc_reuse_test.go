package servers_test

import (
	"bufio"
	"fmt"
	"github.com/crossgate/crossgate/suites/servers"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/crossgate/crossgate/core"
)

// The tenant the caching functions below know, and the attackers' origins,
// of the same length: where a server reuses a connection's request buffer
// (fasthttp), the attacker's bytes land exactly where the tenant's were.
const (
	cachedTenant   = "https://tenant-a.example.org"
	attackerFormat = "https://evil-%03d.example.org"
	attackerTries  = 600
)

// readThroughCache is an OriginFunc that caches every answer of the
// tenant lookup in a map, as an application does in front of a database.
func readThroughCache() func(string) bool {
	var mu sync.Mutex
	cache := map[string]bool{}
	return func(origin string) bool {
		mu.Lock()
		defer mu.Unlock()
		approved, ok := cache[origin]
		if !ok {
			approved = origin == cachedTenant
			cache[origin] = approved
		}
		return approved
	}
}

// lastApproved is an OriginFunc that answers a repeat of the origin it
// approved last from memory, without asking the lookup again.
func lastApproved() func(string) bool {
	var mu sync.Mutex
	var last string
	return func(origin string) bool {
		mu.Lock()
		defer mu.Unlock()
		if last != "" && origin == last {
			return true
		}
		if origin == cachedTenant {
			last = origin
			return true
		}
		return false
	}
}

// TestCachingOriginFuncOverReusedConnection approves the tenant and then
// sends the attackers' origins on the same keep-alive connection, again
// and again: the function must hold the tenant's origin, never bytes of
// the connection's buffer that the next request overwrites (issue 19,
// item 2). Only fasthttp reuses that buffer, but every server plays it.
func TestCachingOriginFuncOverReusedConnection(t *testing.T) {
	for _, f := range servers.FrameworksAndModes() {
		for name, newFunc := range map[string]func() func(string) bool{"read-through cache": readThroughCache, "last approved": lastApproved} {
			t.Run(f.String()+"/"+name, func(t *testing.T) {
				_, addr, stop := serveLoopback(t, f, core.Config{OriginFunc: newFunc(), Credentials: true})
				defer stop()
				conn := dialKeepAlive(t, addr)
				defer conn.Close()
				for i := range attackerTries {
					if _, acao := conn.get(t, cachedTenant, ""); acao != cachedTenant {
						t.Fatalf("the tenant's request got Access-Control-Allow-Origin %q", acao)
					}
					attacker := fmt.Sprintf(attackerFormat, i)
					if _, acao := conn.get(t, attacker, ""); acao != "" {
						t.Fatalf("try %d: %s got Access-Control-Allow-Origin %q on the tenant's connection", i, attacker, acao)
					}
				}
			})
		}
	}
}

// TestCachingOriginFuncGuardsWebSockets plays the same attack on the
// fasthttp adapters' WebSocketOrigin, which asks the policy, and so the
// function, about each handshake's origin: the attacker's handshake must
// stay refused.
func TestCachingOriginFuncGuardsWebSockets(t *testing.T) {
	const upgrade = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
	for _, f := range servers.WebSocketGuards() {
		for name, newFunc := range map[string]func() func(string) bool{"read-through cache": readThroughCache, "last approved": lastApproved} {
			t.Run(f.String()+"/"+name, func(t *testing.T) {
				_, addr, stop := serveLoopback(t, f, core.Config{OriginFunc: newFunc(), Credentials: true})
				defer stop()
				conn := dialKeepAlive(t, addr)
				defer conn.Close()
				for i := range attackerTries {
					if status, _ := conn.get(t, cachedTenant, upgrade); status != http.StatusOK {
						t.Fatalf("the tenant's handshake got %d", status)
					}
					attacker := fmt.Sprintf(attackerFormat, i)
					if status, _ := conn.get(t, attacker, upgrade); status != http.StatusForbidden {
						t.Fatalf("try %d: %s's handshake got %d on the tenant's connection, want 403", i, attacker, status)
					}
				}
			})
		}
	}
}

// keepAlive is one HTTP/1.1 connection that carries request after request.
type keepAlive struct {
	net.Conn
	addr string
	r    *bufio.Reader
}

func dialKeepAlive(t *testing.T, addr string) *keepAlive {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return &keepAlive{Conn: conn, addr: addr, r: bufio.NewReader(conn)}
}

// get sends a GET to the application's items from origin, with the
// header lines in more (each ending in CRLF), byte for byte the same
// request but for the origin, and returns the answer's status and
// Access-Control-Allow-Origin.
func (c *keepAlive) get(t *testing.T, origin, more string) (int, string) {
	t.Helper()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "GET /api/items HTTP/1.1\r\nHost: "+c.addr+"\r\nOrigin: "+origin+"\r\n"+more+"\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(c.r, &http.Request{Method: http.MethodGet})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Close {
		t.Fatal("the server closed the connection; the test needs it reused")
	}
	return resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin")
}
