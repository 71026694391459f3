package core

import "net/http"

// SettleHTTP is Settle for a net/http request, h being its response's
// header map. The earlier layer it can see is one that allowed the request
// and wrote Access-Control-Allow-Origin into h: net/http offers no
// per-request mark that costs no allocation, and in every net/http
// framework the outer layer runs first. It costs one length test on an
// empty map, one lookup on another.
func (p *Policy) SettleHTTP(h http.Header, r *http.Request, d *Decision) {
	if len(h) == 0 || d.Kind == NotCORS {
		return
	}
	if _, earlier := h[headerAllowOrigin]; earlier {
		p.settleHTTP(r, d)
	}
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
