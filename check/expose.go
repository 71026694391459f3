package check

import (
	"net/http"
	"slices"
	"strings"
)

// safelistedResponseHeaders are always readable by a script (Fetch,
// #cors-safelisted-response-header-name).
var safelistedResponseHeaders = []string{"Cache-Control", "Content-Language", "Content-Length", "Content-Type", "Expires", "Last-Modified", "Pragma"}

// Readable lists the headers of a CORS response that a script could read
// with response.headers.get: the safelisted ones, those named in
// Access-Control-Expose-Headers, and with "*" (only without credentials)
// all of them; never Set-Cookie (#forbidden-response-header-name).
func Readable(h http.Header, credentials bool) []string {
	exposed, _ := parseList(h.Values("Access-Control-Expose-Headers"))
	star := !credentials && slices.Contains(exposed, "*")
	var out []string
	for name := range h {
		if name == "Set-Cookie" || name == "Set-Cookie2" {
			continue
		}
		ok := star || slices.Contains(safelistedResponseHeaders, name) ||
			slices.ContainsFunc(exposed, func(e string) bool { return strings.EqualFold(e, name) })
		if ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
