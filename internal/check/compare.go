package check

import (
	"context"
	"fmt"
	"strings"
)

// Matrix is the set of calls Compare plays: every origin x method x
// header set, each without and with credentials.
type Matrix struct {
	Origins    []string
	Methods    []string
	HeaderSets [][]Header
}

// Calls lists the matrix's calls to url.
func (m Matrix) Calls(url string) []Call {
	methods := m.Methods
	if len(methods) == 0 {
		methods = []string{"GET"}
	}
	sets := m.HeaderSets
	if len(sets) == 0 {
		sets = [][]Header{nil}
	}
	var calls []Call
	for _, o := range m.Origins {
		for _, meth := range methods {
			for _, hs := range sets {
				for _, cred := range []bool{false, true} {
					calls = append(calls, Call{URL: url, Origin: o, Method: meth, Headers: hs, Credentials: cred})
				}
			}
		}
	}
	return calls
}

// Difference is one call on which the two servers get different verdicts.
type Difference struct {
	Call Call
	A, B *Report
}

func (d Difference) String() string {
	return fmt.Sprintf("%s from %s%s%s: A %s, B %s", NormalizeMethod(d.Call.Method), d.Call.Origin,
		headerWords(d.Call.Headers), credentialsWords(d.Call.Credentials), verdictWords(d.A), verdictWords(d.B))
}

// Compare plays every call of m against both servers and returns the calls
// on which a browser's verdict differs: allowed or not, and for a block its
// root cause, what to change on the server (two servers that both refuse
// a method differ in the console's words when one of them answers without
// any CORS header, not in what to change).
func Compare(ctx context.Context, urlA, urlB string, m Matrix, opt Options) ([]Difference, int, error) {
	callsA, callsB := m.Calls(urlA), m.Calls(urlB)
	var diffs []Difference
	for i := range callsA {
		a, err := Run(ctx, callsA[i], opt)
		if err != nil {
			return nil, 0, fmt.Errorf("server A: %w", err)
		}
		b, err := Run(ctx, callsB[i], opt)
		if err != nil {
			return nil, 0, fmt.Errorf("server B: %w", err)
		}
		if a.Allowed != b.Allowed || a.RootCause != b.RootCause {
			diffs = append(diffs, Difference{Call: callsA[i], A: a, B: b})
		}
	}
	return diffs, len(callsA), nil
}

func verdictWords(r *Report) string {
	if r.Allowed {
		return "allowed"
	}
	cause := string(r.Cause)
	if r.RootCause != r.Cause {
		cause += "; root cause " + strings.TrimSpace(string(r.RootCause)+" "+strings.Join(r.Refused, ", "))
	}
	for _, s := range r.Steps {
		if s.Mark == Fail {
			return "blocked (" + cause + "): " + s.Text
		}
	}
	return "blocked (" + cause + ")"
}

func headerWords(hs []Header) string {
	if len(hs) == 0 {
		return ""
	}
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = h.Name + ": " + h.Value
	}
	return " with " + strings.Join(parts, ", ")
}
