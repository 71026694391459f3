package corsecho_test

import (
	"github.com/crossgate/crossgate/echov5/echotest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestGroupConformance plays every group scenario over real HTTP against
// an echo v5 application whose CORS is attached only to groups, with this
// adapter's group helper.
func TestGroupConformance(t *testing.T) { conformance.RunGroups(t, echotest.Group()) }
