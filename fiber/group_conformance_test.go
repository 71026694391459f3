package corsfiber_test

import (
	"github.com/crossgate/crossgate/fiber/fibertest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestGroupConformance plays every group scenario over real HTTP against
// a fiber application whose CORS is attached only to groups, with this
// adapter's group helper.
func TestGroupConformance(t *testing.T) { conformance.RunGroups(t, fibertest.Group()) }
