package check

import (
	"net/http"

	"github.com/crossgate/crossgate/core"
)

// Explain says, offline, what a browser and the policy p would make of c,
// in the same shape as Run: the browser's classification (by header values,
// so that Content-Type: text/plain needs no preflight), then core's
// Policy.Explain for the verdict and the change to the Config.
func Explain(p *core.Policy, c Call) (*Report, error) {
	if err := ValidateOrigin(c.Origin); err != nil {
		return nil, err
	}
	plan := Classify(&c)
	r := &Report{Preflight: plan.Preflight, Allowed: true}
	r.add(Info, plan.Method+" from "+c.Origin+credentialsWords(c.Credentials)+": "+plan.Why)
	names := make([]string, len(plan.Unsafe))
	for i, n := range plan.Unsafe {
		names[i] = http.CanonicalHeaderKey(n)
	}
	e := p.Explain(core.Probe{Origin: c.Origin, Method: plan.Method, Headers: names, Credentials: c.Credentials})
	if e.Allowed {
		r.add(Pass, "the policy allows it: "+e.String())
		return r, nil
	}
	r.block(causeOf(e.Reason.Code), "the policy refuses it: "+e.Reason.String())
	r.Fix = e.Fix
	return r, nil
}

// causeOf maps core's reason codes onto the command's causes.
func causeOf(code core.ReasonCode) Cause {
	switch code {
	case core.ReasonOriginNotAllowed, core.ReasonOriginNull, core.ReasonOriginMalformed:
		return CauseOrigin
	case core.ReasonMethodNotAllowed:
		return CauseMethod
	case core.ReasonHeaderNotAllowed, core.ReasonHeaderAuthorization:
		return CauseHeader
	case core.ReasonCredentialsNotAllowed:
		return CauseCredentials
	case core.ReasonNone:
		return CauseNone
	}
	return CauseMalformed
}
