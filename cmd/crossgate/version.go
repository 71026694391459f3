package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// runVersion is "crossgate version": the module version the binary was
// built from, which go install records ("(devel)" for a build from a
// checkout).
func runVersion(args []string, stdout io.Writer) (int, error) {
	fs := newFlagSet("version")
	pos, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 0 {
		return 0, fmt.Errorf("version takes no arguments, got %q", pos)
	}
	_, err = fmt.Fprintln(stdout, "crossgate "+moduleVersion())
	return exitAllowed, err
}

func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}
