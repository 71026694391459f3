package corschi_test

import (
	"github.com/crossgate/crossgate/chi/chitest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against a
// chi application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, chitest.Standard()) }
