package corsecho_test

import (
	"github.com/crossgate/crossgate/echov5/echotest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against an
// echo v5 application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, echotest.Standard()) }
