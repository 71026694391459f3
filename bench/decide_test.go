package bench

import (
	"testing"

	"github.com/crossgate/crossgate/bench/internal/callgrind"
	"github.com/crossgate/crossgate/core"
)

// sinkDecision keeps the compiler from discarding Decide's result.
var sinkDecision core.Decision

// BenchmarkDecide measures the policy alone, without any framework: the
// part of every adapter's cost that core owns.
func BenchmarkDecide(b *testing.B) {
	for i := range scenarios {
		s := &scenarios[i]
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			p, err := core.New(policies[s.policy].crossgateConfig())
			if err != nil {
				b.Fatal(err)
			}
			r := core.FromHTTP(s.httpRequest())
			b.ResetTimer()
			callgrind.Start()
			for b.Loop() {
				sinkDecision = p.Decide(r)
			}
			callgrind.Stop(b.Name())
		})
	}
}
