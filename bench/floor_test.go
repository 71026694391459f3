package bench

import "net/http"

// The floors are the baselines crossgate's per-request cost is judged
// against, in every framework:
//
//   - floor: the least work any correct CORS middleware must do for the
//     scenario. It reads the request headers the decision needs with the
//     framework's own accessor (Origin; for OPTIONS also
//     Access-Control-Request-Method and -Headers), compares the origin with
//     one prebuilt value, and installs a prebuilt answer: the scenario's
//     exact answer on the branch the scenario's request takes.
//   - writeonly: installs the scenario's answer without reading anything;
//     no middleware that decides can be this cheap, but it shows what the
//     writing alone costs in each framework.

// floorPlan is what a scenario's floor compares and installs, built once.
type floorPlan struct {
	// origin is the one value the request's Origin is compared with: the
	// granted origin, or the policy's origin when the scenario's request
	// is refused or carries none.
	origin string
	// hit is installed when the origin matches (and, for OPTIONS, a method
	// is requested), miss otherwise; one of them is the scenario's answer.
	hit, miss []field
	end       bool
	status    int
}

func newFloorPlan(s *scenario) floorPlan {
	vary := []field{{"Vary", "Origin"}}
	if s.preflight {
		vary = []field{{"Vary", varyPreflight}}
	}
	p := floorPlan{origin: s.origin, hit: s.want, miss: vary, end: s.preflight, status: s.status}
	if !grants(s) {
		p.origin, p.hit, p.miss = allowedOrigin, vary, s.want
	}
	return p
}

// grants tells whether the scenario's answer carries
// Access-Control-Allow-Origin, that is, whether its origin matched.
func grants(s *scenario) bool {
	for _, f := range s.want {
		if f.name == "Access-Control-Allow-Origin" {
			return true
		}
	}
	return false
}

// sinkRequestHeaders keeps the floor's read of Access-Control-Request-Headers
// observable: a correct middleware must read it, so the floor pays for it.
var sinkRequestHeaders string

// matches is the floor's whole decision: one comparison of the origin and,
// for OPTIONS, the presence of a requested method.
func (p *floorPlan) matches(method, origin, acrm, acrh string) bool {
	if method != "OPTIONS" {
		return origin == p.origin
	}
	sinkRequestHeaders = acrh
	return origin == p.origin && acrm != ""
}

// headerLine is the net/http floors' accessor: the first line of a header
// by its canonical name, straight from the map. Header.Get would first
// check that the name is canonical, which costs more than the lookup for
// the long Access-Control-Request-* names; the floor takes the cheapest
// documented access, as crossgate does.
func headerLine(h http.Header, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}
