package main

import (
	"context"
	"fmt"
	"io"

	"github.com/crossgate/crossgate/internal/check"
)

// runCheck is "crossgate check URL --origin ORIGIN ...".
func runCheck(ctx context.Context, args []string, stdout io.Writer, colour bool) (int, error) {
	fs := newFlagSet("check")
	origin := fs.String("origin", "", "the page's origin, as the browser sends it (https://app.example.com)")
	method := fs.String("method", "GET", "the fetch() method")
	var headers listFlag
	fs.Var(&headers, "header", "a request header the script sets, 'Name: value' (repeatable)")
	credentials := fs.Bool("credentials", false, "the call sends credentials (fetch's credentials: \"include\")")
	send := fs.Bool("send", false, "send the request itself even when it is not GET or HEAD")
	asJSON := fs.Bool("json", false, "print one JSON object")
	pos, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 1 {
		return 0, fmt.Errorf("check takes one URL, got %d arguments: crossgate check URL --origin ORIGIN", len(pos))
	}
	hs, err := parseHeaders(headers)
	if err != nil {
		return 0, err
	}
	call := check.Call{URL: pos[0], Origin: *origin, Method: *method, Headers: hs, Credentials: *credentials}
	r, err := check.Run(ctx, call, check.Options{Send: *send})
	if err != nil {
		return 0, err
	}
	return verdict(r), printReport(stdout, r, *asJSON, colour)
}

func verdict(r *check.Report) int {
	if r.Allowed {
		return exitAllowed
	}
	return exitBlocked
}
