package corsecho_test

import (
	"github.com/crossgate/crossgate/echo/echotest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against an
// echo application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, echotest.Standard()) }
