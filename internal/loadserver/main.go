// Command loadserver serves the conformance application of one framework,
// crossgate attached at the router level, on a loopback address, for
// scripts/wrk.sh to load. It lives under internal so that it never reaches
// users; it prints the address it listens on, then serves until interrupted.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/internal/conformance"
)

// policy is what the load runs under: the allowed GET and preflight of
// scripts/wrk/*.lua pass it.
var policy = core.Config{
	Origins:        []string{"https://app.example.com"},
	Methods:        []string{"PUT"},
	RequestHeaders: []string{"X-Token"},
	ExposedHeaders: []string{"X-Exposed"},
	Credentials:    true,
	MaxAge:         10 * time.Minute,
}

func main() {
	name := flag.String("framework", "chi", "chi, gin, echo, echov5, fiber or fiberv3")
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	flag.Parse()
	var fw *conformance.Framework
	for _, f := range conformance.Frameworks() {
		if f.Name == *name {
			fw = &f
		}
	}
	if fw == nil {
		log.Fatalf("unknown framework %q", *name)
	}
	p, err := core.New(policy)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		log.Fatalf("refusing to serve on %v: loopback only", ip)
	}
	shutdown, err := fw.Serve(ln, p, conformance.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	shutdown()
}
