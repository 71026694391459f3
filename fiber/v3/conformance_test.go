package corsfiber_test

import (
	"testing"

	"github.com/crossgate/crossgate/internal/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against a
// fiber v3 application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, conformance.FiberV3()) }
