package servers

import (
	"github.com/crossgate/crossgate/conformance"
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
	var servers []*conformance.Server
	for _, f := range FrameworksAndModes() {
		servers = append(servers, conformance.StartForTest(t, f))
	}
	for _, sc := range conformance.Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			results := make([]conformance.Result, len(servers))
			answers := make([]string, len(servers))
			for i, s := range servers {
				r, err := s.Play(sc)
				if err != nil {
					t.Fatalf("%s: %v", s.Framework.String(), err)
				}
				results[i], answers[i] = r, r.Exact()
			}
			for i := 1; i < len(servers); i++ {
				if answers[i] != answers[0] {
					t.Errorf("%s and %s differ:\n%s: %s\n%s: %s",
						servers[0].Framework, servers[i].Framework,
						servers[0].Framework, results[0].Readable(),
						servers[i].Framework, results[i].Readable())
				}
			}
		})
	}
}
