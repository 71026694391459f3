package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/crossgate/crossgate/core"
	"github.com/crossgate/crossgate/internal/check"
)

// runExplain is "crossgate explain --config policy.json --origin ...".
func runExplain(args []string, stdout io.Writer, colour bool) (int, error) {
	fs := newFlagSet("explain")
	var pf policyFlags
	pf.register(fs)
	origin := fs.String("origin", "", "the page's origin")
	method := fs.String("method", "GET", "the fetch() method")
	var headers listFlag
	fs.Var(&headers, "header", "a request header the script sets, 'Name: value' (repeatable)")
	credentials := fs.Bool("credentials", false, "the call sends credentials")
	asJSON := fs.Bool("json", false, "print one JSON object")
	pos, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 0 {
		return 0, fmt.Errorf("explain takes no arguments, got %q: the policy comes from --config or the --allow flags", pos)
	}
	cfg, err := pf.config()
	if err != nil {
		return 0, err
	}
	p, err := core.New(cfg)
	if err != nil {
		return 0, fmt.Errorf("the policy is invalid:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "))
	}
	hs, err := parseHeaders(headers)
	if err != nil {
		return 0, err
	}
	r, err := check.Explain(p, check.Call{Origin: *origin, Method: *method, Headers: hs, Credentials: *credentials})
	if err != nil {
		return 0, err
	}
	return verdict(r), printReport(stdout, r, *asJSON, colour)
}
