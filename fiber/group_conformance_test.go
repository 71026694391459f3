package corsfiber_test

import (
	"testing"

	"github.com/crossgate/crossgate/internal/conformance"
)

// TestGroupConformance plays every group scenario over real HTTP against
// a fiber application whose CORS is attached only to groups, with this
// adapter's group helper.
func TestGroupConformance(t *testing.T) { conformance.RunGroups(t, conformance.GroupFiber()) }
