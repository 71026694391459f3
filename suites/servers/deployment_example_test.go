package servers_test

import (
	"fmt"
	"github.com/crossgate/crossgate/chi/chitest"
	"github.com/crossgate/crossgate/suites/servers"
	"net"
	"net/http"

	"github.com/crossgate/crossgate/core"
)

// Serve chi's application as a deployment would, and read what the outer
// layer added: the caching header for a shared cache and the protocol.
func ExampleDeploy() {
	p, err := core.New(core.Config{Origins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	protos := make(chan string, 1)
	stop, err := servers.Deploy(chitest.Standard(), ln, p, servers.Deployment{
		CacheControl: "public, max-age=60",
		Proto:        func(proto string) { protos <- proto },
	})
	if err != nil {
		panic(err)
	}
	defer stop()

	req, _ := http.NewRequest(http.MethodGet, "http://"+ln.Addr().String()+"/api/items/1", nil)
	req.Header.Set("Origin", "https://app.example.com")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	res.Body.Close()
	fmt.Println(res.Header.Get("Cache-Control"))
	fmt.Println(res.Header.Get("Access-Control-Allow-Origin"))
	fmt.Println(<-protos)
	// Output:
	// public, max-age=60
	// https://app.example.com
	// HTTP/1.1
}
