package corschi_test

import (
	"github.com/crossgate/crossgate/chi/chitest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestGroupConformance plays every group scenario over real HTTP against
// a chi application whose CORS is attached only to groups, with this
// adapter's group helper.
func TestGroupConformance(t *testing.T) { conformance.RunGroups(t, chitest.Group()) }
