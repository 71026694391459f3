package corsfiber_test

import (
	"testing"

	"github.com/crossgate/crossgate/internal/conformance"
)

// TestConformance plays every conformance scenario over real HTTP against a
// fiber application with this adapter attached at the router level.
func TestConformance(t *testing.T) { conformance.Run(t, conformance.Fiber()) }

// TestConformanceRawHeaderNames plays them again on an app with
// fiber.Config.DisableHeaderNormalizing, where header names keep the case
// they arrived in: the raw scenarios send "origin" and "ORIGIN".
func TestConformanceRawHeaderNames(t *testing.T) {
	conformance.Run(t, conformance.FiberRawHeaderNames())
}
