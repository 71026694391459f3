package conformance

import (
	"fmt"
	"strings"
	"testing"
)

// TestFrameworksAgree plays every scenario on every framework and
// requires identical answers: the same status, the same CORS headers (as a
// browser reads them) and the same verdict on whether the application ran.
// It catches adapter differences even where a scenario's expectation is
// itself wrong, since it compares the adapters with each other, not with
// Want.
func TestFrameworksAgree(t *testing.T) {
	var servers []*Server
	for _, f := range Frameworks() {
		servers = append(servers, startForTest(t, f))
	}
	for _, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			answers := make([]string, len(servers))
			for i, s := range servers {
				r, err := s.Play(sc)
				if err != nil {
					t.Fatalf("%s: %v", s.Framework.Name, err)
				}
				answers[i] = summary(r)
			}
			for i := 1; i < len(servers); i++ {
				if answers[i] != answers[0] {
					t.Errorf("%s and %s differ:\n%s: %s\n%s: %s",
						servers[0].Framework.Name, servers[i].Framework.Name,
						servers[0].Framework.Name, answers[0],
						servers[i].Framework.Name, answers[i])
				}
			}
		})
	}
}

// summary renders what must be identical across frameworks, Before
// exchanges included. Bodies are left out: each framework words its 404
// differently.
func summary(r Result) string {
	var b strings.Builder
	for _, before := range r.Before {
		fmt.Fprintf(&b, "[before %s] ", summary(before))
	}
	fmt.Fprintf(&b, "status=%d app=%v", r.Status, r.AppRan)
	for _, name := range CORSHeaders {
		if v, ok := r.Get(name); ok {
			fmt.Fprintf(&b, " %s=%q", name, short(v))
		}
	}
	return b.String()
}
