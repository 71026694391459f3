package main

import (
	"context"
	"fmt"
	"io"

	"github.com/crossgate/crossgate/check"
)

// runCheck is "crossgate check URL --origin ORIGIN ...".
func runCheck(ctx context.Context, args []string, stdout io.Writer, colour bool) (int, error) {
	fs := newFlagSet("check")
	var cf callFlags
	cf.register(fs)
	send := fs.Bool("send", false, "send the request itself even when it is not GET or HEAD")
	pos, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 1 {
		return 0, fmt.Errorf("check takes one URL, got %d arguments: crossgate check URL --origin ORIGIN", len(pos))
	}
	call, err := cf.call(pos[0])
	if err != nil {
		return 0, err
	}
	r, err := check.Run(ctx, call, check.Options{Send: *send})
	if err != nil {
		return 0, err
	}
	return verdict(r), printReport(stdout, r, cf.json, colour)
}

func verdict(r *check.Report) int {
	if r.Allowed {
		return exitAllowed
	}
	return exitBlocked
}
