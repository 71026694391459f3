package conformance

import (
	"fmt"
	"strings"
	"testing"
)

// TestFrameworksAgree plays every scenario on every framework (fiber v2
// again with raw header names) and requires identical answers: the same
// status, the same CORS header lines, byte for byte, and the same verdict
// on whether the application ran.
// It catches adapter differences even where a scenario's expectation is
// itself wrong, since it compares the adapters with each other, not with
// Want.
func TestFrameworksAgree(t *testing.T) {
	var servers []*Server
	for _, f := range FrameworksAndModes() {
		servers = append(servers, startForTest(t, f))
	}
	for _, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			results := make([]Result, len(servers))
			answers := make([]string, len(servers))
			for i, s := range servers {
				r, err := s.Play(sc)
				if err != nil {
					t.Fatalf("%s: %v", s.Framework.String(), err)
				}
				results[i], answers[i] = r, render(r, exactLines)
			}
			for i := 1; i < len(servers); i++ {
				if answers[i] != answers[0] {
					t.Errorf("%s and %s differ:\n%s: %s\n%s: %s",
						servers[0].Framework, servers[i].Framework,
						servers[0].Framework, render(results[0], quoteLines),
						servers[i].Framework, render(results[i], quoteLines))
				}
			}
		})
	}
}

// summary renders what must be identical across frameworks, Before
// exchanges included, each CORS header as a browser reads it, long values
// cut. Bodies are left out: each framework words its 404 differently.
func summary(r Result) string {
	return render(r, func(lines []string) string { return fmt.Sprintf("%q", short(strings.Join(lines, ", "))) })
}

// exactLines renders a header's lines whole and one by one, so that two
// answers compare equal only when their lines are the same bytes.
func exactLines(lines []string) string { return fmt.Sprintf("%q", lines) }

// render renders r's status, whether the application ran, and each CORS
// header it carries as header renders it.
func render(r Result, header func(lines []string) string) string {
	var b strings.Builder
	for _, before := range r.Before {
		fmt.Fprintf(&b, "[before %s] ", render(before, header))
	}
	fmt.Fprintf(&b, "status=%d app=%v", r.Status, r.AppRan)
	for _, name := range CORSHeaders {
		if lines, ok := r.Header[name]; ok {
			fmt.Fprintf(&b, " %s=%s", name, header(lines))
		}
	}
	return b.String()
}
