package core

import "net/http"

// RespondHTTP is what a net/http adapter does with d, which p decided for
// r: settle it against an earlier crossgate layer (Settle), then write it
// into h, r's response header map (WriteHTTP). The earlier layer it can see
// is one that allowed the request and wrote Access-Control-Allow-Origin
// into h: net/http offers no per-request mark that costs no allocation,
// and in every net/http framework the outer layer runs first. Settling and
// writing both ask whether h holds that header; RespondHTTP asks once: one
// length test on an empty map, one lookup on another. corsfasthttp.Respond
// is the same for fasthttp.
func (p *Policy) RespondHTTP(h http.Header, r *http.Request, d *Decision) {
	empty, layered := answeredBefore(h)
	if layered && d.Kind != NotCORS {
		p.settleHTTP(r, d)
	}
	writeHTTP(h, d, empty, layered)
}

// settleHTTP is the path of a request another layer answered.
func (p *Policy) settleHTTP(r *http.Request, d *Decision) {
	var origin string
	if o := r.Header["Origin"]; len(o) > 0 {
		origin = o[0]
	}
	p.settle(d, EarlierAllowed, r.Method, origin, r.Host, r.URL.Path, func() bool {
		for name, lines := range r.Header {
			for _, v := range lines {
				if HeaderNeedsPreflight(name, v) {
					return true
				}
			}
		}
		return false
	})
}
