package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/crossgate/crossgate/internal/check"
)

// listFlag collects a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// newFlagSet returns a flag set that reports errors rather than exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("crossgate "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags placed before, between or after the positional
// arguments (the flag package stops at the first positional one), and
// returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				var b strings.Builder
				fs.SetOutput(&b)
				fs.PrintDefaults()
				return nil, fmt.Errorf("flags of %s:\n%s", fs.Name(), b.String())
			}
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
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
