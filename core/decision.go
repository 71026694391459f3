package core

import "iter"

// Kind tells which part of the CORS protocol a request belongs to.
type Kind uint8

const (
	// NotCORS is a request without an Origin header: a same-origin
	// navigation, a server-to-server call, curl.
	NotCORS Kind = iota
	// Actual is a CORS request that the application answers: any request
	// with an Origin header that is not a preflight, OPTIONS included.
	Actual
	// Preflight is OPTIONS with Origin and Access-Control-Request-Method
	// (Fetch, #cors-preflight-request).
	Preflight
)

func (k Kind) String() string {
	switch k {
	case NotCORS:
		return "not CORS"
	case Actual:
		return "actual"
	case Preflight:
		return "preflight"
	}
	return "unknown"
}

// Decision is what a Policy answers for one request: what kind of request it
// is, whether the policy allows it and why not, the response headers to
// write, and whether the adapter ends the request or hands it on.
//
// A Decision is a small plain value built without heap allocation: the
// header fields for each outcome are precomputed by New, and the few values
// that echo the request (the origin, and with Credentials the requested
// method and headers) are the Request's own lines.
type Decision struct {
	Kind Kind
	// Allowed is false when the policy refuses the request; the Reason
	// method says why. A NotCORS request is always allowed.
	Allowed bool
	// End is true when the adapter must answer with Status and an empty body
	// instead of calling the next handler: every preflight, unless the policy
	// passes allowed preflights on.
	End bool
	// originShapeUnread marks an origin refusal whose Origin is not yet
	// told malformed or merely not listed: Reason tells when asked, so
	// that a refusal nobody reads the reason of does not pay for reading
	// every byte of the Origin (a fifth of a refused preflight).
	originShapeUnread bool
	Status            int
	// reason is what Reason returns, its code provisional while
	// originShapeUnread is set.
	reason Reason
	// Vary holds the values to append to the response's Vary header (never
	// to replace it); nil when the response does not vary. Never modify its
	// elements (see Headers).
	Vary []string

	// answer lists the header fields of this outcome, precomputed by New.
	answer *answer
	// origin, method and headers are the Request's lines that the fields
	// marked linesOrigin, linesMethod and linesHeaders carry.
	origin, method, headers []string
}

// Reason says why the policy refused the request: the code, the offending
// value and what the policy allows instead; the zero Reason when it
// allowed it.
func (d *Decision) Reason() Reason {
	r := d.reason
	r.Code = shapeOf(r.Code, r.Value, d.originShapeUnread)
	return r
}

// Len returns the number of response header fields to set.
func (d *Decision) Len() int {
	if d.answer == nil {
		return 0
	}
	return len(d.answer.fields)
}

// Header returns the i-th response header field to set, 0 <= i < Len(): its
// canonical name and its lines, never empty and usually one. Each field
// replaces any earlier value of the same name. Fields come in a fixed order.
// The lines may be installed as they are, and never modified (see the
// aliasing rules in the package documentation).
func (d *Decision) Header(i int) (name string, lines []string) {
	// Len and Header are what adapters use: unlike an iterator, a plain
	// call lets the compiler see that the lines go nowhere, so a Request
	// built on the stack stays there.
	f := &d.answer.fields[i]
	switch f.from {
	case linesOrigin:
		return f.name, d.origin
	case linesMethod:
		return f.name, d.method
	case linesHeaders:
		return f.name, d.headers
	}
	return f.name, f.lines
}

// Headers yields the same fields as Len and Header, for code off the hot
// path: for name, lines := range d.Headers().
func (d *Decision) Headers() iter.Seq2[string, []string] {
	return func(yield func(name string, lines []string) bool) {
		for i := range d.Len() {
			if !yield(d.Header(i)) {
				return
			}
		}
	}
}

// Stale returns the names of the CORS response headers that this Decision
// does not set but another layer may have: a CORS middleware that ran
// earlier on the same request (an outer crossgate policy, or another
// library). An adapter deletes them from the response when it holds an
// Access-Control-Allow-Origin before the Decision's fields are written,
// so that the last policy to decide a request answers it whole and a
// refusal never leaves another layer's Access-Control-Allow-Origin,
// -Allow-Credentials or -Expose-Headers behind. Nil for a request
// without an Origin. Never modify its elements.
func (d *Decision) Stale() []string {
	if d.answer != nil {
		return d.answer.stale
	}
	switch d.Kind {
	case Actual:
		return actualNames
	case Preflight:
		return preflightNames
	}
	return nil
}

// The CORS response headers that an answer of each kind can carry.
var (
	actualNames    = []string{headerAllowOrigin, headerAllowCredentials, headerExposeHeaders}
	preflightNames = []string{headerAllowOrigin, headerAllowCredentials, headerExposeHeaders,
		headerAllowMethods, headerAllowHeaders, headerMaxAge, headerAllowPrivateNetwork}
)

// answer is the list of header fields of one outcome of a compiled policy
// (an allowed actual request, an allowed preflight, ...), built once by New,
// and the CORS headers it does not send.
type answer struct {
	fields []field
	stale  []string
}

// field is one header of an answer: its lines, or which request lines it
// echoes.
type field struct {
	name  string
	lines []string
	from  requestLines
}

// requestLines names the request lines a field echoes instead of fixed
// ones.
type requestLines uint8

const (
	linesNone requestLines = iota
	linesOrigin
	linesMethod
	linesHeaders
)

// Canonical names of the response headers crossgate writes.
const (
	headerAllowOrigin         = "Access-Control-Allow-Origin"
	headerAllowCredentials    = "Access-Control-Allow-Credentials"
	headerExposeHeaders       = "Access-Control-Expose-Headers"
	headerAllowMethods        = "Access-Control-Allow-Methods"
	headerAllowHeaders        = "Access-Control-Allow-Headers"
	headerMaxAge              = "Access-Control-Max-Age"
	headerAllowPrivateNetwork = "Access-Control-Allow-Private-Network"
)

// statusOriginRefused ends a preflight whose origin is refused. Without
// Access-Control-Allow-Origin the browser names the origin as the cause
// whatever the status; 403 also tells non-browser clients the truth.
const statusOriginRefused = 403
