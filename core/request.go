package core

// MaxHeaderLines is the most lines of one request header that Decide looks
// at. A request with more Origin, Access-Control-Request-Method or
// Access-Control-Request-Headers lines than this is refused without reading
// them, so an adapter that copies lines into a fixed array needs room for
// MaxHeaderLines+1 of them to let Decide see the excess.
const MaxHeaderLines = 16

// Request is what Decide needs to know about an HTTP request: its method and
// every line of the few headers the CORS protocol reads. Adapters fill it
// without copying: the strings and slices may alias the framework's own
// buffers, and Decide keeps none of them after it returns (the Decision it
// returns may, so an adapter writes the Decision before the request ends).
type Request struct {
	// Method is the request method exactly as received.
	Method string
	// Origin holds every Origin header line; more than one is refused.
	Origin []string
	// RequestMethod holds every Access-Control-Request-Method line.
	RequestMethod []string
	// RequestHeaders holds every Access-Control-Request-Headers line.
	RequestHeaders []string
	// RequestPrivateNetwork holds every Access-Control-Request-Private-Network line.
	RequestPrivateNetwork []string
	// Path is the request path as the client sent it, percent-encoded
	// and not cleaned (the request target up to its query): cleaned, it
	// picks the policy of a scope (see Policy.Scope), and refusals report
	// it as sent (the refusal hook receives copies, so the strings here
	// may alias reused buffers).
	Path string

	// Host and Scheme only shape what a refusal reports; the decision never
	// reads them.

	// Host and Scheme ("http" or "https") are the request's own origin as
	// the server sees it (behind a trusted proxy, the forwarded ones). A
	// refused Origin equal to Scheme + "://" + Host is a same-origin request
	// that the browser marked with Origin (it does on same-origin POSTs):
	// the refusal says so (Refusal.SameOrigin). Empty means unknown.
	Host, Scheme string
}

// MayBePreflight tells an adapter whether a request with this method and
// these Origin lines can be a preflight (Fetch, #cors-preflight-fetch:
// OPTIONS with an Origin), and so whether it needs to read the
// Access-Control-Request-* headers at all: skipping them saves three
// header lookups on every other request.
func MayBePreflight(method string, origin []string) bool {
	return len(origin) > 0 && method == "OPTIONS"
}
