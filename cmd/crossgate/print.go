package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/crossgate/crossgate/check"
)

// useColour: colour only on a terminal, and never when NO_COLOR is set
// (no-color.org).
func useColour(f *os.File) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

const (
	green  = "\x1b[32m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// painter wraps text in a colour when colour is on.
type painter bool

func (p painter) paint(colour, s string) string {
	if !p {
		return s
	}
	return colour + s + reset
}

var marks = map[check.Mark]struct{ text, colour string }{
	check.Pass: {"ok  ", green},
	check.Fail: {"FAIL", red},
	check.Info: {"    ", ""},
	check.Warn: {"warn", yellow},
}

// printReport writes r as steps, verdict and fix, or as one JSON object.
func printReport(w io.Writer, r *check.Report, asJSON, colour bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	p := painter(colour)
	var b strings.Builder
	for _, s := range r.Steps {
		m := marks[s.Mark]
		fmt.Fprintf(&b, "%s %s\n", p.paint(m.colour, m.text), s.Text)
	}
	if r.Allowed {
		fmt.Fprintf(&b, "\n%s\n", p.paint(bold+green, "ALLOWED: the browser lets the page read the response"))
		_, err := io.WriteString(w, b.String())
		return err
	}
	verdict := "BLOCKED (cause: " + string(r.Cause) + ")"
	if r.RootCause != r.Cause {
		verdict = "BLOCKED (cause: " + string(r.Cause) + "; root cause: " + strings.TrimSpace(string(r.RootCause)+" "+strings.Join(r.Refused, ", ")) + ")"
	}
	fmt.Fprintf(&b, "\n%s\n", p.paint(bold+red, verdict))
	if r.Diagnosis != "" {
		b.WriteString("\nRoot cause: " + r.Diagnosis + "\n")
	}
	if r.ChromiumAllows {
		b.WriteString("Chromium 156 lets this call through today; the standard, and browsers that follow it, do not.\n")
	}
	if r.Fix != "" {
		b.WriteString("\nTo allow it, " + r.Fix + ".\n")
	}
	if len(r.ServerMustSend) > 0 {
		b.WriteString("\nThe server must answer:\n")
		for _, s := range r.ServerMustSend {
			b.WriteString("  " + s + "\n")
		}
	}
	if r.Config != "" {
		b.WriteString("\nWith crossgate, this policy allows it:\n  " + strings.ReplaceAll(strings.ReplaceAll(r.Config, "\t", "    "), "\n", "\n  ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
