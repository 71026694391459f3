package corsgin_test

import (
	"github.com/crossgate/crossgate/gin/gintest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestGroupConformance plays every group scenario over real HTTP against
// a gin application whose CORS is attached only to groups, with this
// adapter's group helper.
func TestGroupConformance(t *testing.T) { conformance.RunGroups(t, gintest.Group()) }
