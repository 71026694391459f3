package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/crossgate/crossgate/check"
	"github.com/crossgate/crossgate/core"
)

// runExplain is "crossgate explain --config policy.json --origin ...".
func runExplain(args []string, stdout io.Writer, colour bool) (int, error) {
	fs := newFlagSet("explain")
	var pf policyFlags
	pf.register(fs)
	var cf callFlags
	cf.register(fs)
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
	call, err := cf.call("")
	if err != nil {
		return 0, err
	}
	r, err := check.Explain(p, call)
	if err != nil {
		return 0, err
	}
	return verdict(r), printReport(stdout, r, cf.json, colour)
}
