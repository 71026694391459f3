package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/crossgate/crossgate/check"
)

// listFlag collects a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// newFlagSet returns a flag set that reports errors rather than exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// helpRequest is -h or --help: run prints its text to standard output
// and exits 0.
type helpRequest struct{ text string }

func (h helpRequest) Error() string { return h.text }

// parse parses flags placed before, between or after the positional
// arguments (the flag package stops at the first positional one), and
// returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, helpRequest{help(fs)}
			}
			if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
				return nil, fmt.Errorf("unknown flag --%s: run \"crossgate %s --help\" for the flags", strings.TrimPrefix(name, "-"), fs.Name())
			}
			return nil, fmt.Errorf("%s (run \"crossgate %s --help\" for the flags)", strings.ReplaceAll(err.Error(), ": -", ": --"), fs.Name())
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// help is a command's usage line and its flags, spelled "--flag" as the
// README and the usage line write them.
func help(fs *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString("usage:\n  " + synopses[fs.Name()] + "\n\nflags:\n")
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		if _, ok := f.Value.(*listFlag); ok {
			kind = "value"
		}
		line := "  --" + f.Name
		if kind != "" {
			line += " " + kind
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += " (default " + f.DefValue + ")"
		}
		b.WriteString(line + "\n      " + usage + "\n")
	})
	return b.String()
}

// parseHeaders reads each --header "Name: value".
func parseHeaders(raw []string) ([]check.Header, error) {
	hs := make([]check.Header, 0, len(raw))
	for _, s := range raw {
		h, err := check.ParseHeader(s)
		if err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, nil
}

// callFlags are the flags that describe one fetch() call, shared by check
// and explain.
type callFlags struct {
	origin, method    string
	headers           listFlag
	credentials, json bool
}

func (c *callFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.origin, "origin", "", "the page's origin, as the browser sends it (https://app.example.com)")
	fs.StringVar(&c.method, "method", "GET", "the fetch() method")
	fs.Var(&c.headers, "header", "a request header the script sets, 'Name: value' (repeatable)")
	fs.BoolVar(&c.credentials, "credentials", false, "the call sends credentials (fetch's credentials: \"include\")")
	fs.BoolVar(&c.json, "json", false, "print one JSON object")
}

// call is the call the flags describe, to url.
func (c *callFlags) call(url string) (check.Call, error) {
	hs, err := parseHeaders(c.headers)
	if err != nil {
		return check.Call{}, err
	}
	return check.Call{URL: url, Origin: c.origin, Method: c.method, Headers: hs, Credentials: c.credentials}, nil
}
