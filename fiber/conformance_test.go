package corsfiber_test

import (
	"github.com/crossgate/crossgate/fiber/fibertest"
	"testing"

	"github.com/crossgate/crossgate/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against a
// fiber application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, fibertest.Standard()) }

// TestConformanceRawHeaderNames plays them again on an app with
// fiber.Config.DisableHeaderNormalizing, where header names keep the case
// they arrived in: the raw scenarios send "origin" and "ORIGIN".
func TestConformanceRawHeaderNames(t *testing.T) {
	conformance.Run(t, fibertest.RawHeaderNames())
}
