// Command demo serves crossgate's CORS demo on loopback and prints the URL
// to open: a page that runs every scenario in your browser against chi, gin,
// echo and fiber, and shows what the browser and the server decided.
//
//	go run ./cmd/demo [-port 8080]
//
// Refusals are logged as crossgate reports them, which is the message a
// browser never gives to a script.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/crossgate/crossgate/suites/demo"
)

func main() {
	port := flag.Int("port", 0, "port of the demo page on 127.0.0.1 and localhost (0 picks a free one)")
	flag.Parse()
	log.SetFlags(log.Ltime)

	d, err := demo.Start(demo.Options{PagePort: *port, Logf: log.Printf})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("crossgate demo: open %s\n", d.URL)
	for _, a := range d.Adapters {
		fmt.Printf("  %-5s main %s  any %s  nocache %s\n", a.Name,
			a.Bases[demo.PolicyMain], a.Bases[demo.PolicyAny], a.Bases[demo.PolicyNoCache])
	}
	fmt.Println("Ctrl-C stops it.")

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	d.Close()
}
