package check

import (
	"strings"
	"testing"
)

// TestMaxAgeNamesEachEngineCap: past 600 s the report says that Safari
// (WebKit) preflights again after 10 minutes, past 7200 s that Chromium
// caps it too, past 86400 s Firefox as well.
func TestMaxAgeNamesEachEngineCap(t *testing.T) {
	for _, tt := range []struct {
		value     string
		want, not []string
	}{
		{"600", []string{"browsers reuse this answer that long"}, []string{"Safari"}},
		{"601", []string{"Chromium and Firefox reuse", "Safari (WebKit, so every browser on iOS) at 600 s"}, []string{"7200"}},
		{"7200", []string{"Chromium and Firefox reuse", "Safari"}, []string{"caps it at 7200"}},
		{"7201", []string{"Firefox reuses", "Chromium caps it at 7200 s", "Safari"}, []string{"86400"}},
		{"86401", []string{"Firefox caps it at 86400 s", "Chromium at 7200 s", "Safari"}, nil},
	} {
		got := maxAge([]string{tt.value})
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("Max-Age %s: %q lacks %q", tt.value, got, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("Max-Age %s: %q says %q", tt.value, got, n)
			}
		}
	}
}
