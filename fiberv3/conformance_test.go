package corsfiber_test

import (
	"github.com/crossgate/crossgate/fiberv3/fibertest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against a
// fiber v3 application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, fibertest.Standard()) }
