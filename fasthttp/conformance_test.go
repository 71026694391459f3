package corsfasthttp_test

import (
	"testing"

	"github.com/crossgate/crossgate/conformance"
	"github.com/crossgate/crossgate/fasthttp/fasthttptest"
)

// TestConformance plays every conformance scenario over real HTTP against
// plain fasthttp with this middleware wrapped around the whole handler.
func TestConformance(t *testing.T) { conformance.Run(t, fasthttptest.Standard()) }
