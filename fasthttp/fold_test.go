package corsfasthttp

import "testing"

// TestEqualFoldASCII: names match in any ASCII case and only so. Unicode
// folding would match U+017F (long s) with "s" and U+212A (Kelvin) with
// "k"; net/http keeps such names apart from the CORS headers, and so must
// this adapter. The last has the canonical byte length.
func TestEqualFoldASCII(t *testing.T) {
	for _, c := range []struct {
		name, canonical string
		want            bool
	}{
		{"Origin", "Origin", true},
		{"origin", "Origin", true},
		{"ORIGIN", "Origin", true},
		{"oRiGiN", "Origin", true},
		{"Origin ", "Origin", false},
		{"Origi", "Origin", false},
		{"0rigin", "Origin", false},
		{"access-control-request-method", "Access-Control-Request-Method", true},
		{"access_control_request_method", "Access-Control-Request-Method", false},
		// '\r' | 0x20 is '-': a fold by setting bit 5 would match this.
		{"access\rcontrol\rrequest\rmethod", "Access-Control-Request-Method", false},
		{"Acce\u017fs-Control-Request-Method", "Access-Control-Request-Method", false},
		{"Access-Control-Request-Private-Networ\u212a", "Access-Control-Request-Private-Network", false},
		{"Acce\u017f-Control-Request-Method", "Access-Control-Request-Method", false},
	} {
		if got := equalFoldASCII([]byte(c.name), c.canonical); got != c.want {
			t.Errorf("equalFoldASCII(%q, %q) = %v, want %v", c.name, c.canonical, got, c.want)
		}
	}
}
