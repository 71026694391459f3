package corsfiber_test

import (
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against a
// fiber application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, conformance.FiberV3()) }
