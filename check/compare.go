package check

import (
	"context"
	"fmt"
	"slices"
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
	v := shortVerdict(r)
	for _, s := range r.Steps {
		if s.Mark == Fail {
			return v + ": " + s.Text
		}
	}
	return v
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

// DiffClass is the differing calls that get one pair of verdicts: one
// real difference between two servers shows up on every origin, method
// and header set it touches, and reads best as one line.
type DiffClass struct {
	A, B  string // the verdicts, without the failed step: "allowed", "blocked (credentials)"
	Calls []Difference
}

// Group gathers diffs by their pair of verdicts, in order of first
// appearance.
func Group(diffs []Difference) []DiffClass {
	var classes []DiffClass
	index := map[[2]string]int{}
	for _, d := range diffs {
		key := [2]string{shortVerdict(d.A), shortVerdict(d.B)}
		i, ok := index[key]
		if !ok {
			i = len(classes)
			index[key] = i
			classes = append(classes, DiffClass{A: key[0], B: key[1]})
		}
		classes[i].Calls = append(classes[i].Calls, d)
	}
	return classes
}

// Methods lists the class's methods, each once, in order of appearance.
func (c DiffClass) Methods() []string {
	return distinct(c.Calls, func(d Difference) string { return NormalizeMethod(d.Call.Method) })
}

// Origins lists the class's page origins, each once.
func (c DiffClass) Origins() []string {
	return distinct(c.Calls, func(d Difference) string { return d.Call.Origin })
}

// HeaderSets lists the class's header sets, each once.
func (c DiffClass) HeaderSets() []string {
	return distinct(c.Calls, func(d Difference) string {
		if len(d.Call.Headers) == 0 {
			return "no header"
		}
		return strings.TrimPrefix(headerWords(d.Call.Headers), " with ")
	})
}

// Credentials says "with credentials", "without credentials" or "with and
// without credentials".
func (c DiffClass) Credentials() string {
	with := distinct(c.Calls, func(d Difference) string { return credentialsWords(d.Call.Credentials) })
	switch {
	case len(with) == 2:
		return "with and without credentials"
	case with[0] == "":
		return "without credentials"
	}
	return "with credentials"
}

func (c DiffClass) String() string {
	return fmt.Sprintf("%d calls (%s from %s, %s; %s): A %s, B %s", len(c.Calls), strings.Join(c.Methods(), ", "),
		strings.Join(c.Origins(), ", "), c.Credentials(), strings.Join(c.HeaderSets(), " | "), c.A, c.B)
}

func distinct(ds []Difference, f func(Difference) string) []string {
	var out []string
	for _, d := range ds {
		if v := f(d); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// shortVerdict is verdictWords without the failed step's text.
func shortVerdict(r *Report) string {
	if r.Allowed {
		return "allowed"
	}
	cause := string(r.Cause)
	if r.RootCause != r.Cause {
		cause += "; root cause " + strings.TrimSpace(string(r.RootCause)+" "+strings.Join(r.Refused, ", "))
	}
	return "blocked (" + cause + ")"
}
