package check

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// maxRedirects is how many redirects fetch() follows before it fails with
// a network error (Fetch, #http-redirect-fetch: "redirect count is 20").
const maxRedirects = 20

// isRedirectStatus is Fetch's #redirect-status.
func isRedirectStatus(status int) bool {
	switch status {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// hop is the request as it stands at one point of a redirect chain: what
// Fetch's HTTP-redirect fetch changes from one hop to the next.
type hop struct {
	// urls is the request's URL list; the last is the current URL.
	urls    []*url.URL
	method  string
	headers []Header
	// cors is the response tainting: "cors" once the chain has left the
	// page's origin, and it never goes back (Fetch, #main-fetch).
	cors bool
}

func (h *hop) current() *url.URL { return h.urls[len(h.urls)-1] }

// redirectTainted is Fetch's "request has a redirect-tainted origin"
// (#concept-request-tainted-origin): some redirect of the chain went from
// one URL to another origin while the page's origin was not the first
// URL's. The request's Origin is then serialized as "null".
func (h *hop) redirectTainted(page string) bool {
	for i := 1; i < len(h.urls); i++ {
		last := originOf(h.urls[i-1])
		if originOf(h.urls[i]) != last && page != last {
			return true
		}
	}
	return false
}

// serializedOrigin is the Origin the browser sends at this hop and the one
// the CORS check compares with (Fetch, #serializing-a-request-origin).
func (h *hop) serializedOrigin(page string) string {
	if h.redirectTainted(page) {
		return "null"
	}
	return page
}

// requestBodyHeaders lose their meaning when a redirect turns the request
// into a GET (Fetch, #request-body-header-name).
var requestBodyHeaders = []string{"content-encoding", "content-language", "content-location", "content-type"}

// follow applies Fetch's HTTP-redirect fetch (#http-redirect-fetch) to a
// redirect answered with status and Location loc: it returns the next hop,
// or the network error that ends the fetch, in words.
func (h *hop) follow(status int, loc string, page string) (*hop, string) {
	cur := h.current()
	next, err := cur.Parse(loc)
	if err != nil {
		return nil, fmt.Sprintf("the redirect's Location %q is not a URL: the browser fails the fetch", loc)
	}
	next.Fragment, next.RawFragment = "", ""
	if next.Scheme != "http" && next.Scheme != "https" {
		return nil, fmt.Sprintf("the redirect goes to %s, which is not an http(s) URL: the browser fails the fetch", next.Redacted())
	}
	if len(h.urls) > maxRedirects {
		return nil, fmt.Sprintf("more than %d redirects: the browser fails the fetch", maxRedirects)
	}
	if next.User != nil && (h.cors || page != originOf(next)) {
		return nil, fmt.Sprintf("the redirect's Location %s holds a user name or password, which a CORS request may not follow", next.Redacted())
	}
	n := &hop{urls: append(slices.Clip(h.urls), next), method: h.method, headers: h.headers, cors: h.cors}
	if (status == 301 || status == 302) && h.method == http.MethodPost || status == 303 && h.method != http.MethodGet && h.method != http.MethodHead {
		n.method = http.MethodGet
		n.headers = slices.DeleteFunc(slices.Clone(h.headers), func(x Header) bool {
			return slices.Contains(requestBodyHeaders, strings.ToLower(x.Name))
		})
	}
	if originOf(next) != originOf(cur) {
		// Authorization is never carried to another origin.
		n.headers = slices.DeleteFunc(slices.Clone(n.headers), func(x Header) bool { return strings.EqualFold(x.Name, "Authorization") })
	}
	return n, ""
}
