// MaySkip holds the one rule every adapter's skip option follows:
// a user's skip predicate is never asked about a CORS preflight unless the
// user opted in.
//
// A preflight is not a request the application answers: the browser sends
// it before the real one, and the router usually has no OPTIONS route for
// it. A skipped preflight therefore gets the router's 404 or 405 without
// CORS headers, the browser reports a CORS error and never sends the real
// request, whatever the predicate meant to skip ("CORS works for GET but
// PUT gets a preflight 404/405").

package adapter

import "github.com/crossgate/crossgate/core"

// MaySkip tells an adapter whether to ask the user's skip predicate about r,
// a request the adapter read into a core.Request: always for a request that
// is not a preflight, and for a preflight only when preflights is true.
// A preflight is OPTIONS with an Origin and an
// Access-Control-Request-Method (Fetch, #cors-preflight-fetch); adapters
// read Access-Control-Request-Method only when core.MayBePreflight.
func MaySkip(r *core.Request, preflights bool) bool {
	return preflights || !core.MayBePreflight(r.Method, r.Origin) || len(r.RequestMethod) == 0
}
