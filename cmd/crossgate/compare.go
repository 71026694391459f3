package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/crossgate/crossgate/internal/check"
)

// runCompare is "crossgate compare URL_A URL_B --origin ...".
func runCompare(ctx context.Context, args []string, stdout io.Writer, colour bool) (int, error) {
	fs := newFlagSet("compare")
	var origins, methods, headers listFlag
	fs.Var(&origins, "origin", "a page origin to play (repeatable)")
	fs.Var(&methods, "method", "a method to play (repeatable; default GET)")
	fs.Var(&headers, "header", "a request header 'Name: value'; each is played alone, and all together (repeatable)")
	send := fs.Bool("send", false, "send the requests themselves even when they are not GET or HEAD")
	asJSON := fs.Bool("json", false, "print one JSON object")
	pos, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 2 {
		return 0, fmt.Errorf("compare takes two URLs, got %d arguments: crossgate compare URL_A URL_B --origin ORIGIN", len(pos))
	}
	if len(origins) == 0 {
		return 0, fmt.Errorf("compare needs at least one --origin")
	}
	for _, o := range origins {
		if err := check.ValidateOrigin(o); err != nil {
			return 0, err
		}
	}
	hs, err := parseHeaders(headers)
	if err != nil {
		return 0, err
	}
	m := check.Matrix{Origins: origins, Methods: methods, HeaderSets: headerSets(hs)}
	diffs, n, err := check.Compare(ctx, pos[0], pos[1], m, check.Options{Send: *send})
	if err != nil {
		return 0, err
	}
	code := exitAllowed
	if len(diffs) > 0 {
		code = exitBlocked
	}
	if *asJSON {
		type side struct {
			Allowed   bool        `json:"allowed"`
			Cause     check.Cause `json:"cause"`
			RootCause check.Cause `json:"root_cause"`
		}
		type diff struct {
			Method      string         `json:"method"`
			Origin      string         `json:"origin"`
			Headers     []check.Header `json:"headers"`
			Credentials bool           `json:"credentials"`
			A           side           `json:"a"`
			B           side           `json:"b"`
		}
		out := struct {
			Identical   bool   `json:"identical"`
			Calls       int    `json:"calls"`
			Differences []diff `json:"differences"`
		}{Identical: len(diffs) == 0, Calls: n, Differences: []diff{}}
		for _, d := range diffs {
			out.Differences = append(out.Differences, diff{check.NormalizeMethod(d.Call.Method), d.Call.Origin, d.Call.Headers,
				d.Call.Credentials, side{d.A.Allowed, d.A.Cause, d.A.RootCause}, side{d.B.Allowed, d.B.Cause, d.B.RootCause}})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return code, enc.Encode(out)
	}
	p := painter(colour)
	fmt.Fprintf(stdout, "A = %s\nB = %s\n", pos[0], pos[1])
	if len(diffs) == 0 {
		fmt.Fprintf(stdout, "%s\n", p.paint(bold+green, fmt.Sprintf("IDENTICAL: a browser gets the same verdict from both on all %d calls", n)))
		return code, nil
	}
	for _, d := range diffs {
		fmt.Fprintf(stdout, "%s %s\n", p.paint(red, "differs"), d)
	}
	fmt.Fprintf(stdout, "\n%s\n", p.paint(bold+red, fmt.Sprintf("DIFFERENT: %d of %d calls get another verdict", len(diffs), n)))
	return code, nil
}

// headerSets plays no header, each header alone, and all of them together.
func headerSets(hs []check.Header) [][]check.Header {
	sets := [][]check.Header{nil}
	for _, h := range hs {
		sets = append(sets, []check.Header{h})
	}
	if len(hs) > 1 {
		sets = append(sets, hs)
	}
	return sets
}
