package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/crossgate/crossgate/check"
)

// runCompare is "crossgate compare URL_A URL_B --origin ...".
func runCompare(ctx context.Context, args []string, stdout io.Writer, colour bool) (int, error) {
	fs := newFlagSet("compare")
	var origins, methods, headers listFlag
	fs.Var(&origins, "origin", "a page origin to play (repeatable)")
	fs.Var(&methods, "method", "a method to play (repeatable; default GET)")
	fs.Var(&headers, "header", "a request header 'Name: value'; each is played alone, and all together (repeatable)")
	send := fs.Bool("send", false, "send the requests themselves even when they are not GET or HEAD")
	verbose := fs.Bool("verbose", false, "also print every differing call, one line each")
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
	classes := check.Group(diffs)
	if *asJSON {
		return code, printCompareJSON(stdout, diffs, classes, n)
	}
	p := painter(colour)
	fmt.Fprintf(stdout, "A = %s\nB = %s\n", pos[0], pos[1])
	if len(diffs) == 0 {
		fmt.Fprintf(stdout, "%s\n", p.paint(bold+green, fmt.Sprintf("IDENTICAL: a browser gets the same verdict from both on all %d calls", n)))
		return code, nil
	}
	for _, c := range classes {
		fmt.Fprintf(stdout, "%s %s\n", p.paint(red, "differs"), c)
		if *verbose {
			for _, d := range c.Calls {
				fmt.Fprintf(stdout, "    %s\n", d)
			}
		}
	}
	more := ""
	if !*verbose {
		more = " (--verbose lists each call)"
	}
	kinds := fmt.Sprintf("%d kinds", len(classes))
	if len(classes) == 1 {
		kinds = "1 kind"
	}
	fmt.Fprintf(stdout, "\n%s%s\n", p.paint(bold+red, fmt.Sprintf("DIFFERENT: %d of %d calls get another verdict, in %s", len(diffs), n, kinds)), more)
	return code, nil
}

// printCompareJSON writes compare's result: the kinds of difference, and
// every differing call.
func printCompareJSON(w io.Writer, diffs []check.Difference, classes []check.DiffClass, n int) error {
	type side struct {
		Allowed   bool        `json:"allowed"`
		Cause     check.Cause `json:"cause"`
		RootCause check.Cause `json:"root_cause"`
		Refused   []string    `json:"refused,omitempty"`
	}
	type diff struct {
		Method      string         `json:"method"`
		Origin      string         `json:"origin"`
		Headers     []check.Header `json:"headers"`
		Credentials bool           `json:"credentials"`
		A           side           `json:"a"`
		B           side           `json:"b"`
	}
	type class struct {
		Count       int      `json:"count"`
		A           string   `json:"a"`
		B           string   `json:"b"`
		Methods     []string `json:"methods"`
		Origins     []string `json:"origins"`
		HeaderSets  []string `json:"header_sets"`
		Credentials string   `json:"credentials"`
	}
	out := struct {
		Identical   bool    `json:"identical"`
		Calls       int     `json:"calls"`
		Classes     []class `json:"classes"`
		Differences []diff  `json:"differences"`
	}{Identical: len(diffs) == 0, Calls: n, Classes: []class{}, Differences: []diff{}}
	for _, c := range classes {
		out.Classes = append(out.Classes, class{len(c.Calls), c.A, c.B, c.Methods(), c.Origins(), c.HeaderSets(), c.Credentials()})
	}
	for _, d := range diffs {
		headers := d.Call.Headers
		if headers == nil {
			headers = []check.Header{}
		}
		out.Differences = append(out.Differences, diff{check.NormalizeMethod(d.Call.Method), d.Call.Origin, headers, d.Call.Credentials,
			side{d.A.Allowed, d.A.Cause, d.A.RootCause, d.A.Refused}, side{d.B.Allowed, d.B.Cause, d.B.RootCause, d.B.Refused}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
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
