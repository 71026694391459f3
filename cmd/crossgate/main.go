// Command crossgate tells why a browser blocks a cross-origin call, from the
// command line, against any server:
//
//	crossgate check URL --origin ORIGIN [--method M] [--header 'Name: value']... [--credentials] [--send] [--json]
//	crossgate compare URL_A URL_B --origin ORIGIN... [--method M]... [--header 'Name: value']... [--verbose] [--json]
//	crossgate explain --config policy.json --origin ORIGIN [--method M] [--header 'Name: value']... [--credentials] [--json]
//	crossgate version
//
// check plays the call as a browser does (the preflight when one is needed,
// then the request itself when it is GET or HEAD or --send is given, and
// each redirect as fetch() follows it) and says what happened at each step, the verdict, and for a block the cause,
// what the server must send instead and the crossgate Config that would
// allow it. compare plays a matrix of calls against two servers and prints
// where a browser's verdict differs, one line per kind of difference.
// explain asks a crossgate policy, offline. version prints the module's
// version. Every command takes -h or --help.
//
// Exit status: 0 the browser allows the call (the servers agree), 1 it
// blocks it (they differ), 2 it could not be checked.
//
// Install it with
//
//	go install github.com/crossgate/crossgate/cmd/crossgate@latest
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

// Exit statuses.
const (
	exitAllowed = 0
	exitBlocked = 1
	exitError   = 2
)

// synopses are each command's usage line, in the README's spelling.
var synopses = map[string]string{
	"check":   "crossgate check URL --origin ORIGIN [--method M] [--header 'Name: value']... [--credentials] [--send] [--json]\n  crossgate check [-|'curl ...'|'fetch(...)'] [--origin ORIGIN] [--credentials[=false]] [--send] [--json]   (a DevTools copy, as cURL or as fetch, as the argument or on standard input)",
	"compare": "crossgate compare URL_A URL_B --origin ORIGIN... [--method M]... [--header 'Name: value']... [--send] [--verbose] [--json]",
	"explain": "crossgate explain --config policy.json --origin ORIGIN [--method M] [--header 'Name: value']... [--credentials] [--json]",
	"version": "crossgate version",
}

var usage = "usage:\n  " + synopses["check"] + "\n  " + synopses["compare"] + "\n  " + synopses["explain"] + "\n  " + synopses["version"] + `
Run "crossgate COMMAND --help" for a command's flags.
Exit status: 0 allowed (or identical), 1 blocked (or different), 2 could not check.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, useColour(os.Stdout))
	stop()
	os.Exit(code)
}

// run is the whole command, minus the process: tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, colour bool) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	var code int
	var err error
	switch args[0] {
	case "check":
		code, err = runCheck(ctx, args[1:], stdout, stderr, colour)
	case "compare":
		code, err = runCompare(ctx, args[1:], stdout, colour)
	case "explain":
		code, err = runExplain(args[1:], stdout, colour)
	case "version", "--version":
		code, err = runVersion(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitAllowed
	default:
		err = fmt.Errorf("unknown command %q", args[0])
		fmt.Fprint(stderr, usage)
	}
	var h helpRequest
	if errors.As(err, &h) {
		fmt.Fprint(stdout, h.text)
		return exitAllowed
	}
	if err != nil {
		fmt.Fprintln(stderr, "crossgate: "+withoutPrefix(err.Error()))
		return exitError
	}
	return code
}

// withoutPrefix drops the "crossgate: " that core's errors begin with, so
// that a message wrapped around one carries the prefix once.
func withoutPrefix(msg string) string {
	return strings.ReplaceAll(msg, "crossgate: ", "")
}
