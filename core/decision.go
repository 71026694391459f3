package core

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

// maxFields is the most header fields a Decision carries besides Vary: on a
// preflight, Allow-Origin, Allow-Credentials, Allow-Methods, Allow-Headers,
// Max-Age and Allow-Private-Network.
const maxFields = 6

// Decision is what a Policy answers for one request: what kind of request it
// is, whether the policy allows it and why not, the response headers to
// write, and whether the adapter ends the request or hands it on.
//
// A Decision is a plain value built without heap allocation; its strings are
// either precomputed by New or alias the Request it was made from.
type Decision struct {
	Kind Kind
	// Allowed is false when the policy refuses the request; Reason says why.
	// A NotCORS request is always allowed.
	Allowed bool
	Reason  Reason
	// End is true when the adapter must answer with Status and an empty body
	// instead of calling the next handler: every preflight, unless the policy
	// passes allowed preflights on.
	End    bool
	Status int
	// Vary holds the values to append to the response's Vary header (never
	// to replace it); it has no Values when the response does not vary.
	Vary   Field
	fields [maxFields]Field
	n      uint8
}

// Headers returns the header fields to set on the response, in a fixed order.
// Each one replaces any earlier value of the same name.
func (d *Decision) Headers() []Field { return d.fields[:d.n] }

// Field is one response header: a canonical name and its lines, usually
// one. The slice is either precomputed by New with its capacity equal to its
// length, or a full-slice expression over the Request's own lines, so a
// net/http adapter can install it in an http.Header as-is without
// allocating, and an append anywhere else copies instead of writing into it.
// Never modify its elements.
type Field struct {
	Name   string
	Values []string
}
