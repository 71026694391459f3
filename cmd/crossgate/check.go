package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/crossgate/crossgate/check"
)

// stdin is where a pasted copy is read from; tests replace it.
var stdin io.Reader = os.Stdin

// maxPaste bounds a pasted copy.
const maxPaste = 1 << 20

// runCheck is "crossgate check URL --origin ORIGIN ...", or a DevTools
// copy (as cURL or as fetch) as the argument or on standard input ("-",
// or no argument at all).
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer, colour bool) (int, error) {
	fs := newFlagSet("check")
	var cf callFlags
	cf.register(fs)
	send := fs.Bool("send", false, "send the request itself even when it is not GET or HEAD")
	pos, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	var call check.Call
	unsent := false
	switch {
	case len(pos) > 1:
		return 0, fmt.Errorf("check takes one URL or one pasted copy, got %d arguments: crossgate check URL --origin ORIGIN", len(pos))
	case len(pos) == 0 || pos[0] == "-" || check.LooksPasted(pos[0]):
		call, unsent, err = pastedCall(fs, &cf, pos, stderr)
	default:
		call, err = cf.call(pos[0])
	}
	if err != nil {
		return 0, err
	}
	r, err := check.RunPasted(ctx, call, unsent, check.Options{Send: *send})
	if err != nil {
		return 0, err
	}
	return verdict(r), printReport(stdout, r, cf.json, colour)
}

// pastedCall reads the copy from the argument or standard input and lets
// the flags given say what it does not: --origin when it names none (or
// to override it), --method, more --header, --credentials (and
// --credentials=false, as a copy can say credentials the call had not).
// Its notes go to standard error. unsent reports a copy of a request the
// browser never sent, whose credentials no flag settled (check.RunPasted).
func pastedCall(fs *flag.FlagSet, cf *callFlags, pos []string, stderr io.Writer) (_ check.Call, unsent bool, _ error) {
	var text string
	if len(pos) == 1 && pos[0] != "-" {
		text = pos[0]
	} else {
		if f, ok := stdin.(*os.File); ok && len(pos) == 0 {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				return check.Call{}, false, fmt.Errorf("check takes one URL: crossgate check URL --origin ORIGIN (or paste a DevTools copy on standard input: crossgate check -)")
			}
		}
		b, err := io.ReadAll(io.LimitReader(stdin, maxPaste+1))
		if err != nil {
			return check.Call{}, false, err
		}
		if len(b) > maxPaste {
			return check.Call{}, false, fmt.Errorf("the pasted copy is larger than %d bytes", maxPaste)
		}
		text = string(b)
		if strings.TrimSpace(text) == "" {
			return check.Call{}, false, fmt.Errorf("check takes one URL, or a DevTools copy (as cURL or as fetch) on standard input, which was empty")
		}
	}
	p, err := check.ParsePaste(text)
	if err != nil {
		return check.Call{}, false, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	c := p.Call
	if set["origin"] {
		c.Origin = cf.origin
	}
	if set["method"] {
		c.Method = cf.method
	}
	if set["credentials"] {
		c.Credentials = cf.credentials
	}
	extra, err := parseHeaders(cf.headers)
	if err != nil {
		return check.Call{}, false, err
	}
	c.Headers = append(c.Headers, extra...)
	for _, n := range p.Notes {
		fmt.Fprintln(stderr, "note: "+n)
	}
	return c, p.Unsent && !set["credentials"], nil
}

func verdict(r *check.Report) int {
	if r.Allowed {
		return exitAllowed
	}
	return exitBlocked
}
