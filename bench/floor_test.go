package bench

import (
	"net/http"
	"unsafe"

	"github.com/valyala/fasthttp"
)

// The floors are the baselines crossgate's per-request cost is judged
// against, in every framework:
//
//   - floor: the least work any correct CORS middleware must do for the
//     scenario. It reads the request headers the decision needs (Origin;
//     for OPTIONS also Access-Control-Request-Method and -Headers) with the
//     cheapest accessor the framework offers (the header map on net/http,
//     Peek on fasthttp), compares the origin with one prebuilt value, and
//     installs a prebuilt answer: the scenario's exact answer on the branch
//     the scenario's request takes.
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

// httpFloor is the floor of the frameworks served on net/http (net/http,
// gin, echo): the plan with its answers as prebuilt header slices.
type httpFloor struct {
	plan                floorPlan
	hitNames, missNames []string
	hitVals, missVals   [][]string
}

func newHTTPFloor(s *scenario) *httpFloor {
	f := &httpFloor{plan: newFloorPlan(s)}
	f.hitNames, f.hitVals = lines(f.plan.hit)
	f.missNames, f.missVals = lines(f.plan.miss)
	return f
}

// answer reads r, decides and writes the answer into h; end tells whether
// the request ends here, with status.
func (f *httpFloor) answer(r *http.Request, h http.Header) (end bool, status int) {
	origin := headerLine(r.Header, "Origin")
	var acrm, acrh string
	if r.Method == http.MethodOptions {
		acrm = headerLine(r.Header, "Access-Control-Request-Method")
		acrh = headerLine(r.Header, "Access-Control-Request-Headers")
	}
	names, vals := f.missNames, f.missVals
	if f.plan.matches(r.Method, origin, acrm, acrh) {
		names, vals = f.hitNames, f.hitVals
	}
	for i, n := range names {
		h[n] = vals[i]
	}
	return f.plan.end, f.plan.status
}

// fastFloor is the floor of the frameworks served on fasthttp (fiber v2
// and v3), which read a header with fasthttp's Peek, as fiber's c.Get does.
type fastFloor struct {
	plan      floorPlan
	hit, miss []fastField
}

func newFastFloor(s *scenario) *fastFloor {
	f := &fastFloor{plan: newFloorPlan(s)}
	f.hit, f.miss = fastFields(f.plan.hit), fastFields(f.plan.miss)
	return f
}

// answer is httpFloor's answer on fasthttp's headers.
func (f *fastFloor) answer(method string, req *fasthttp.RequestHeader, resp *fasthttp.ResponseHeader) (end bool, status int) {
	origin := peek(req, "Origin")
	var acrm, acrh string
	if method == http.MethodOptions {
		acrm = peek(req, "Access-Control-Request-Method")
		acrh = peek(req, "Access-Control-Request-Headers")
	}
	fs := f.miss
	if f.plan.matches(method, origin, acrm, acrh) {
		fs = f.hit
	}
	for _, fl := range fs {
		resp.SetCanonical(fl.k, fl.v)
	}
	return f.plan.end, f.plan.status
}

// peek is fiber's c.Get: the first line of a header, as a string sharing
// the request's bytes.
func peek(h *fasthttp.RequestHeader, name string) string {
	b := h.Peek(name)
	return unsafe.String(unsafe.SliceData(b), len(b))
}
