package corsgin_test

import (
	"github.com/crossgate/crossgate/gin/gintest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against a
// gin application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, gintest.Standard()) }
