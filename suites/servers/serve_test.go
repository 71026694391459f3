package servers_test

import (
	"net"
	"testing"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/core"
)

// serveLoopback serves f's application on a fresh 127.0.0.1 port under a
// policy built from cfg, for tests that need a policy of their own rather
// than the suite's. It returns the policy, the server's host:port and the
// function that shuts the server down and waits for it.
func serveLoopback(t *testing.T, f conformance.Framework, cfg core.Config) (*core.Policy, string, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p, err := core.New(cfg)
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	shutdown, err := f.Serve(ln, p, conformance.Options{})
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	return p, ln.Addr().String(), shutdown
}
